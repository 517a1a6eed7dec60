import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import pastel.account.Passwords;
import pastel.db.Database;

/// Fills a fresh SQLite data folder for bench/stories.sh (run with the jar on the class path):
/// 20,000 accounts, 50,000 active story items, and a reader who has 100 friends and 300
/// subscriptions; plus 2,000 viewers with known session tokens ("viewer-N") for the views run.
///   java -cp target/pastel.jar bench/Seed.java DATA_DIR
public class Seed {
    public static void main(String[] args) throws Exception {
        var database = Database.open("", Path.of(args[0]), null);
        var now = System.currentTimeMillis();
        var hash = new Passwords().hash("benchmark password");
        var random = new Random(7);
        var jdbi = database.jdbi();
        jdbi.useTransaction(h -> {
            var account = h.prepareBatch("""
                    INSERT INTO account (id, username, display_name, password_hash, birth_day, kind, category, city, bio,
                                         website, verified, admin, created_at, search_text)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, FALSE, FALSE, ?, ?)""");
            for (int i = 0; i < 20_000; i++) {
                var pub = i % 10 == 0;
                var name = "u" + i;
                account.add(id("a", i), name, "User " + i, hash, 7000 + random.nextInt(6000), pub ? "public" : "personal",
                        pub ? "city" : null, pub ? "Toulouse" : null, now, name + " user " + i);
            }
            account.execute();
            var media = h.prepareBatch("""
                    INSERT INTO media (id, owner_id, kind, content_type, width, height, duration_ms, bytes, blob_key, thumb_key,
                                       thumb_content_type, created_at, attached_to, expires_at)
                    VALUES (?, ?, 'image', 'image/jpeg', 1080, 1920, NULL, 1000, ?, ?, 'image/jpeg', ?, 'story', ?)""");
            var item = h.prepareBatch("""
                    INSERT INTO story_item (id, account_id, posted_by, media_id, story, kind, audience, caption, credit_id,
                                            posted_at, expires_at, highlight)
                    VALUES (?, ?, ?, ?, 'main', 'image', 'public', NULL, NULL, ?, ?, FALSE)""");
            for (int i = 0; i < 50_000; i++) {
                var owner = id("a", random.nextInt(20_000));
                var posted = now - random.nextInt(20 * 3600) * 1000L;
                media.add(id("m", i), owner, id("m", i), id("m", i) + ".thumb", posted, posted + 86_400_000L);
                item.add(id("i", i), owner, owner, id("m", i), posted, posted + 86_400_000L);
            }
            media.execute();
            item.execute();
            // The reader: account a0 with 100 friends and 300 subscriptions to public accounts.
            var friendship = h.prepareBatch("INSERT INTO friendship (account_id, friend_id, since) VALUES (?, ?, ?)");
            for (int i = 1; i <= 100; i++) {
                friendship.add(id("a", 0), id("a", i * 7 + 1), now);
                friendship.add(id("a", i * 7 + 1), id("a", 0), now);
            }
            friendship.execute();
            var subscription = h.prepareBatch("INSERT INTO subscription (subscriber_id, account_id, since) VALUES (?, ?, ?)");
            for (int i = 1; i <= 300; i++) subscription.add(id("a", 0), id("a", i * 10), now);
            subscription.execute();
            var session = h.prepareBatch("INSERT INTO session (token_hash, account_id, created_at, last_used_at) VALUES (?, ?, ?, ?)");
            session.add(sha256("reader-token"), id("a", 0), now, now);
            for (int i = 0; i < 2_000; i++) session.add(sha256("viewer-" + i), id("a", 10_001 + i), now, now);
            session.execute();
        });
        database.close();
        System.out.println("seeded " + args[0]);
    }

    static String id(String prefix, int n) {
        return prefix + String.format("%025d", n);
    }

    static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes()));
    }
}
