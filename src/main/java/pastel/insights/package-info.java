/// Insights: an official account's reach over 1-90 days, as JSON or CSV, small cells suppressed.
///
/// [pastel.insights.InsightsRoutes] (HTTP; `InsightsCsv` writes the file),
/// [pastel.insights.InsightsService] (periods, averages, suppression) and the package-private
/// `InsightsStore`. Insights owns no table: its store only reads what stories and push keep
/// (`story_*`, `push_follow`); subscriber numbers come from the subscription feature's rules.
package pastel.insights;
