package pastel.push;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import pastel.http.Json;

/// The application server's identification to a push service (VAPID, RFC 8292): a JWT signed
/// with ES256 whose `aud` is the push service's origin, sent as
/// `Authorization: vapid t=<jwt>, k=<public key>`.
///
/// The JWS signature must be `R || S` (64 bytes, RFC 7518 section 3.4), not the DER sequence
/// `Signature.getInstance("SHA256withECDSA")` returns; the JDK's `SHA256withECDSAinP1363Format`
/// produces exactly that form, so no DER re-encoding is written by hand.
public final class VapidToken {
    /// How long a token is valid; RFC 8292 caps it at 24 hours.
    static final Duration LIFETIME = Duration.ofHours(12);
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private VapidToken() {}

    /// The `Authorization` header value for a push to `endpoint`. `subject` is the operator's
    /// contact (`mailto:` or an https URL) that push services may use if Pastel misbehaves.
    public static String authorization(URI endpoint, VapidKey key, String subject, Instant now)
            throws GeneralSecurityException {
        return "vapid t=" + jwt(audience(endpoint), subject, now.plus(LIFETIME), key.privateKey()) + ", k=" + key.publicKey();
    }

    /// The origin of an endpoint: `scheme://host[:port]`, the JWT's `aud`.
    static String audience(URI endpoint) {
        var port = endpoint.getPort();
        return endpoint.getScheme() + "://" + endpoint.getHost() + (port == -1 ? "" : ":" + port);
    }

    static String jwt(String audience, String subject, Instant expires, PrivateKey key) throws GeneralSecurityException {
        var header = Map.of("typ", "JWT", "alg", "ES256");
        var claims = new LinkedHashMap<String, Object>();
        claims.put("aud", audience);
        claims.put("exp", expires.getEpochSecond());
        claims.put("sub", subject);
        var signingInput = b64(json(header)) + "." + b64(json(claims));
        var signature = Signature.getInstance("SHA256withECDSAinP1363Format");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64URL.encodeToString(signature.sign());
    }

    private static byte[] json(Object value) {
        try {
            return Json.MAPPER.writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return B64URL.encodeToString(bytes);
    }
}
