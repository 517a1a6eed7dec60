package pastel.push;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;

/// NIST P-256 keys in the form Web Push speaks: a public key is the 65-byte uncompressed point
/// (`0x04 || X || Y`, SEC 1 section 2.3.3) that browsers give as `p256dh` and expect as
/// `applicationServerKey`. Everything else is the JDK's SunEC provider.
public final class EcKeys {
    static final int POINT_BYTES = 65;
    private static final ECParameterSpec P256 = p256();

    private EcKeys() {}

    /// A fresh P-256 key pair.
    public static KeyPair generate() {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no P-256", e);
        }
    }

    /// The uncompressed point of a public key.
    public static byte[] encode(ECPublicKey key) {
        var out = new byte[POINT_BYTES];
        out[0] = 0x04;
        copyUnsigned(key.getW().getAffineX(), out, 1);
        copyUnsigned(key.getW().getAffineY(), out, 33);
        return out;
    }

    /// A public key from its uncompressed point; refuses anything that is not a point on P-256.
    public static ECPublicKey decode(byte[] point) throws GeneralSecurityException {
        if (point.length != POINT_BYTES || point[0] != 0x04) {
            throw new GeneralSecurityException("not an uncompressed P-256 point");
        }
        var x = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
        var y = new BigInteger(1, Arrays.copyOfRange(point, 33, 65));
        // SunEC checks that the point lies on the curve when the key is used in ECDH.
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), P256));
    }

    private static void copyUnsigned(BigInteger value, byte[] out, int offset) {
        var bytes = value.toByteArray();
        // BigInteger may add a leading sign byte or drop leading zeros: right-align into 32 bytes.
        var length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, offset + 32 - length, length);
    }

    private static ECParameterSpec p256() {
        try {
            var parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
