/// Web Push (RFC 8030/8291/8292): browsers' subscriptions, settings, follows of public accounts, the outbox.
///
/// [pastel.push.PushRoutes] (HTTP), [pastel.push.PushService] (rules; `PushSender` delivers the
/// outbox, `PushingEventBus` queues what events cause) and the package-private `PushStore`, the
/// only writer of `push_vapid_key`, `push_subscription`, `push_follow`, `push_settings`,
/// `push_story_mute` and `push_outbox`.
package pastel.push;
