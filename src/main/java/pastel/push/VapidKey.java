package pastel.push;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/// One VAPID key pair of the instance: `publicKey` is what browsers receive as
/// `applicationServerKey` (base64url of the uncompressed P-256 point).
public record VapidKey(String id, String publicKey, PrivateKey privateKey) {

    /// A new key pair with the given id.
    static VapidKey generate(String id) {
        var pair = EcKeys.generate();
        return new VapidKey(id, Base64.getUrlEncoder().withoutPadding().encodeToString(EcKeys.encode((ECPublicKey) pair.getPublic())),
                pair.getPrivate());
    }

    /// The private key as stored: base64 of its PKCS#8 encoding.
    String storedPrivateKey() {
        return Base64.getEncoder().encodeToString(privateKey.getEncoded());
    }

    static VapidKey fromStored(String id, String publicKey, String storedPrivateKey) {
        try {
            var spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(storedPrivateKey));
            return new VapidKey(id, publicKey, KeyFactory.getInstance("EC").generatePrivate(spec));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored VAPID key " + id + " is unreadable", e);
        }
    }
}
