package pastel.push;

/// A browser's push subscription as the Push API gives it (`PushSubscription.toJSON()`), with
/// the language notifications should speak and, for a visitor without an account, the public
/// account to follow.
public record PushSubscription(String endpoint, Keys keys, String lang, String follow) {
    /// `p256dh`: the browser's P-256 public key (base64url, 65 bytes decoded); `auth`: its
    /// 16-byte authentication secret (base64url).
    public record Keys(String p256dh, String auth) {}
}
