import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import pastel.account.Passwords;
import pastel.db.Database;

/// Seeds bench/realtime.sh: a public account "bench.city" (session token "city-token") and
/// 5,000 subscribers with session tokens "sub-0" .. "sub-4999".
///   java -cp target/pastel.jar bench/RealtimeSeed.java DATA_DIR
public class RealtimeSeed {
    public static void main(String[] args) throws Exception {
        var database = Database.open("", Path.of(args[0]), null);
        var now = System.currentTimeMillis();
        var hash = new Passwords().hash("benchmark password");
        database.jdbi().useTransaction(h -> {
            var account = h.prepareBatch("""
                    INSERT INTO account (id, username, display_name, password_hash, birth_day, kind, category, city, bio,
                                         website, verified, admin, created_at, search_text)
                    VALUES (?, ?, ?, ?, 7000, ?, ?, ?, NULL, NULL, FALSE, FALSE, ?, ?)""");
            account.add(id(99_999), "bench.city", "Bench City", hash, "public", "city", "Toulouse", now, "bench.city");
            for (int i = 0; i < 5_000; i++) {
                account.add(id(i), "sub" + i, "Sub " + i, hash, "personal", null, null, now, "sub" + i);
            }
            account.execute();
            var subscription = h.prepareBatch("INSERT INTO subscription (subscriber_id, account_id, since) VALUES (?, ?, ?)");
            for (int i = 0; i < 5_000; i++) subscription.add(id(i), id(99_999), now);
            subscription.execute();
            var session = h.prepareBatch("INSERT INTO session (token_hash, account_id, created_at, last_used_at) VALUES (?, ?, ?, ?)");
            session.add(sha256("city-token"), id(99_999), now, now);
            for (int i = 0; i < 5_000; i++) session.add(sha256("sub-" + i), id(i), now, now);
            session.execute();
        });
        database.close();
    }

    static String id(int n) {
        return "r" + String.format("%025d", n);
    }

    static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes()));
    }
}
