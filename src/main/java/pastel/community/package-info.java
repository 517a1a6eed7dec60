/// The community story ("Our Story") of an official account: submissions, moderation, approved items.
///
/// [pastel.community.CommunityRoutes] (HTTP), [pastel.community.CommunityService] (rules,
/// transactions, events) and the package-private `CommunityStore`, the only writer of
/// `community_submission`. Approved items live in the story tables, written by the story feature.
package pastel.community;
