package pastel.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/// Message encryption for Web Push (RFC 8291) in the `aes128gcm` content coding (RFC 8188), with
/// the JDK's own primitives: ECDH on P-256 (`KeyAgreement`), HKDF-SHA256 (`javax.crypto.KDF`,
/// final in JDK 25) and AES-128-GCM (`Cipher`). No third-party crypto library: the whole scheme is
/// four derivations and one AEAD call, and the JDK's providers are the ones the rest of Pastel
/// already trusts for TLS.
///
/// A message is one record: `salt(16) || rs(4) || idlen(1) || keyid(65: the sender's ephemeral
/// public key) || AES-GCM(plaintext || 0x02)`. Each message uses a new ephemeral key pair and salt.
public final class WebPushEncryption {
    /// The record size announced in the header; one record carries the whole message.
    static final int RECORD_SIZE = 4096;
    /// RFC 8291 section 4: push services must accept 4096 bytes of body, which leaves this for the plaintext.
    public static final int MAX_PLAINTEXT = 3993;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebPushEncryption() {}

    /// Encrypts `plaintext` for the browser whose subscription keys are `p256dh` (its public key,
    /// uncompressed point) and `auth` (its 16-byte authentication secret).
    public static byte[] encrypt(byte[] plaintext, byte[] p256dh, byte[] auth) throws GeneralSecurityException {
        if (plaintext.length > MAX_PLAINTEXT) throw new IllegalArgumentException("a push message holds at most 3993 bytes");
        if (auth.length != 16) throw new GeneralSecurityException("the auth secret must be 16 bytes");
        var salt = new byte[16];
        RANDOM.nextBytes(salt);
        return encrypt(plaintext, p256dh, auth, EcKeys.generate(), salt);
    }

    /// The same with a given ephemeral key pair and salt: only for RFC 8291's worked example (Appendix A).
    static byte[] encrypt(byte[] plaintext, byte[] p256dh, byte[] auth, KeyPair ephemeral, byte[] salt)
            throws GeneralSecurityException {
        var userAgentKey = EcKeys.decode(p256dh);
        var serverPublic = EcKeys.encode((ECPublicKey) ephemeral.getPublic());
        var agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(ephemeral.getPrivate());
        agreement.doPhase(userAgentKey, true);
        var sharedSecret = agreement.generateSecret();
        var keys = deriveKeys(sharedSecret, auth, p256dh, serverPublic, salt);

        var record = new byte[plaintext.length + 1];
        System.arraycopy(plaintext, 0, record, 0, plaintext.length);
        record[plaintext.length] = 0x02; // the last (and only) record's padding delimiter
        var cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.contentKey(), "AES"), new GCMParameterSpec(128, keys.nonce()));
        var ciphertext = cipher.doFinal(record);

        return ByteBuffer.allocate(16 + 4 + 1 + serverPublic.length + ciphertext.length)
                .put(salt).putInt(RECORD_SIZE).put((byte) serverPublic.length).put(serverPublic).put(ciphertext)
                .array();
    }

    /// The content-encryption key and nonce of RFC 8291 section 3.4: the ECDH secret is first
    /// bound to the browser's auth secret and both public keys, then to the message's salt.
    record Keys(byte[] contentKey, byte[] nonce) {}

    static Keys deriveKeys(byte[] sharedSecret, byte[] auth, byte[] userAgentPublic, byte[] serverPublic, byte[] salt)
            throws GeneralSecurityException {
        var hkdf = KDF.getInstance("HKDF-SHA256");
        var keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), userAgentPublic, serverPublic);
        var ikm = hkdf.deriveData(HKDFParameterSpec.ofExtract().addIKM(sharedSecret).addSalt(auth).thenExpand(keyInfo, 32));
        var contentKey = hkdf.deriveData(HKDFParameterSpec.ofExtract().addIKM(ikm).addSalt(salt)
                .thenExpand("Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16));
        var nonce = hkdf.deriveData(HKDFParameterSpec.ofExtract().addIKM(ikm).addSalt(salt)
                .thenExpand("Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12));
        return new Keys(contentKey, nonce);
    }

    private static byte[] concat(byte[]... parts) {
        var out = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (var part : parts) out.put(part);
        return out.array();
    }
}
