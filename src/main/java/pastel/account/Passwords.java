package pastel.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/// Argon2id password hashes in the PHC string format (`$argon2id$v=19$m=...,t=...,p=...$salt$hash`).
///
/// Parameters follow OWASP's recommendation (19 MiB, 2 passes, 1 lane). Hashes record their own
/// parameters, so raising them later keeps old hashes verifiable.
public final class Passwords {
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int memoryKib;
    private final int iterations;
    private final String decoy;

    public Passwords() {
        this(19 * 1024, 2);
    }

    public Passwords(int memoryKib, int iterations) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        // Any well-formed hash with the current parameters will do: only the time spent matters.
        this.decoy = "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=1$"
                + "ZGVjb3kgc2FsdCAxMjM0NQ$" + "ZGVjb3kgaGFzaCB0aGF0IG1hdGNoZXMgbm90aGluZyE";
    }

    public String hash(String password) {
        var salt = new byte[16];
        RANDOM.nextBytes(salt);
        var hash = compute(password, salt, memoryKib, iterations, 1);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=1$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(hash);
    }

    public boolean matches(String password, String encoded) {
        var parts = encoded.split("\\$");
        if (parts.length != 6 || !parts[1].equals("argon2id")) return false;
        int m = 0, t = 0, p = 0;
        for (var setting : parts[3].split(",")) {
            var kv = setting.split("=");
            switch (kv[0]) {
                case "m" -> m = Integer.parseInt(kv[1]);
                case "t" -> t = Integer.parseInt(kv[1]);
                case "p" -> p = Integer.parseInt(kv[1]);
                default -> { return false; }
            }
        }
        var expected = B64D.decode(parts[5]);
        var actual = compute(password, B64D.decode(parts[4]), m, t, p);
        return MessageDigest.isEqual(expected, actual);
    }

    /// Spends the same time as a real check, so "no such user" cannot be told apart by timing.
    public void burn(String password) {
        matches(password, decoy);
    }

    private static byte[] compute(String password, byte[] salt, int memoryKib, int iterations, int lanes) {
        var params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(lanes)
                .withSalt(salt)
                .build();
        var generator = new Argon2BytesGenerator();
        generator.init(params);
        var out = new byte[32];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
