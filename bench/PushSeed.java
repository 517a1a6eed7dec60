import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import pastel.account.Passwords;
import pastel.db.Database;
import pastel.push.PushService;

/// Seeds bench/push.sh: a public account "bench.city" (session token "city-token") and 5,000
/// subscribers (tokens "sub-0" .. "sub-4999"), each with a Web Push subscription at the bench's
/// local push service (http://127.0.0.1:PUSH_PORT/push/N, one browser key pair per subscriber).
///   java -cp target/pastel.jar bench/PushSeed.java DATA_DIR PUSH_PORT
public class PushSeed {
    public static void main(String[] args) throws Exception {
        var database = Database.open("", Path.of(args[0]), null);
        var pushPort = Integer.parseInt(args[1]);
        var now = System.currentTimeMillis();
        var hash = new Passwords().hash("benchmark password");
        // The instance's VAPID key, made as the server makes it on first start.
        var vapid = new PushService(database.jdbi(), null, Clock.systemUTC(), "mailto:bench@example.org", true).keys().current();
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        var random = new SecureRandom();
        database.jdbi().useTransaction(h -> {
            var account = h.prepareBatch("""
                    INSERT INTO account (id, username, display_name, password_hash, birth_day, kind, category, city, bio,
                                         website, verified, admin, created_at, search_text)
                    VALUES (?, ?, ?, ?, 7000, ?, ?, ?, NULL, NULL, FALSE, FALSE, ?, ?)""");
            account.add(id(99_999), "bench.city", "Bench City", hash, "public", "city", "Toulouse", now, "bench.city");
            for (int i = 0; i < 5_000; i++) account.add(id(i), "sub" + i, "Sub " + i, hash, "personal", null, null, now, "sub" + i);
            account.execute();
            var subscription = h.prepareBatch("INSERT INTO subscription (subscriber_id, account_id, since) VALUES (?, ?, ?)");
            for (int i = 0; i < 5_000; i++) subscription.add(id(i), id(99_999), now);
            subscription.execute();
            var session = h.prepareBatch("INSERT INTO session (token_hash, account_id, created_at, last_used_at) VALUES (?, ?, ?, ?)");
            session.add(sha256("city-token"), id(99_999), now, now);
            for (int i = 0; i < 5_000; i++) session.add(sha256("sub-" + i), id(i), now, now);
            session.execute();
            var push = h.prepareBatch("""
                    INSERT INTO push_subscription (id, endpoint, p256dh, auth, account_id, session_hash, vapid_key_id, lang, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'fr', ?)""");
            for (int i = 0; i < 5_000; i++) {
                var browser = generator.generateKeyPair();
                var auth = new byte[16];
                random.nextBytes(auth);
                push.add(id(i), "http://127.0.0.1:" + pushPort + "/push/" + i, b64(point((ECPublicKey) browser.getPublic())),
                        b64(auth), id(i), sha256("sub-" + i), vapid.id(), now);
            }
            push.execute();
        });
        database.close();
    }

    static byte[] point(ECPublicKey key) {
        var out = new byte[65];
        out[0] = 4;
        var x = key.getW().getAffineX().toByteArray();
        var y = key.getW().getAffineY().toByteArray();
        System.arraycopy(x, Math.max(0, x.length - 32), out, 33 - Math.min(32, x.length), Math.min(32, x.length));
        System.arraycopy(y, Math.max(0, y.length - 32), out, 65 - Math.min(32, y.length), Math.min(32, y.length));
        return out;
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String id(int n) {
        return "r" + String.format("%025d", n);
    }

    static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes()));
    }
}
