package pastel.media;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Viewer;

/// Media URLs signed with a server secret: bound to one media, one variant and one viewer (a
/// session, or "anyone" for public items seen anonymously), valid at most 5 minutes. Serving
/// also asks [MediaAccess] whether that viewer may still see the media, so a URL stops working
/// as soon as its viewer loses the right to see. The secret lives in the database so every node
/// signs and checks alike.
public final class SignedUrls {
    public static final Duration LIFETIME = Duration.ofMinutes(5);

    private final Jdbi jdbi;
    private final Clock clock;
    private volatile byte[] secret;

    public SignedUrls(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    // Loaded on first use: at construction the schema may still be migrating.
    private byte[] secret() {
        var key = secret;
        if (key == null) {
            synchronized (this) {
                if (secret == null) secret = Base64.getDecoder().decode(loadOrCreateSecret(jdbi));
                key = secret;
            }
        }
        return key;
    }

    /// CAPTIONS: a video's WebVTT (`alttext`), under the same rule as its pictures.
    public enum Variant { ORIGINAL, THUMB, CAPTIONS }

    /// The viewer part of a URL for anonymous viewers.
    static final String ANYONE = "-";

    /// A path (relative to the server) that serves `variant` of `mediaId` to `viewer` until
    /// `LIFETIME` from now, and only while the viewer may see it.
    public String sign(String mediaId, Variant variant, Viewer viewer) {
        var expires = clock.instant().plus(LIFETIME).getEpochSecond();
        var name = variant.name().toLowerCase();
        var grant = viewer.anonymous() || viewer.session() == null ? ANYONE : viewer.session();
        return "/media/" + mediaId + "/" + name + "?v=" + grant + "&exp=" + expires + "&sig="
                + signature(mediaId, name, grant, expires);
    }

    enum Check { VALID, EXPIRED, INVALID }

    Check check(String mediaId, String variant, String grant, String exp, String sig) {
        if (grant == null || exp == null || sig == null) return Check.INVALID;
        long expires;
        try {
            expires = Long.parseLong(exp);
        } catch (NumberFormatException e) {
            return Check.INVALID;
        }
        var expected = signature(mediaId, variant, grant, expires).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII))) return Check.INVALID;
        return clock.instant().getEpochSecond() >= expires ? Check.EXPIRED : Check.VALID;
    }

    private String signature(String mediaId, String variant, String grant, long expires) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            var digest = mac.doFinal((mediaId + "\n" + variant + "\n" + grant + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String loadOrCreateSecret(Jdbi jdbi) {
        var fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        return MediaStore.secret(jdbi, "media-url", Base64.getEncoder().encodeToString(fresh));
    }
}
