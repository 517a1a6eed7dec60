package pastel.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;
import pastel.support.TestDatabase;

/// Reproduction 9 of issue 10: the caption of a deleted story item cannot be read in the SQLite
/// database file nor in its write-ahead log once the sweeper has run (`secure_delete` and a
/// truncating checkpoint). PostgreSQL keeps dead rows until vacuum: see the README.
class DeletedTextHttpTest extends ServerTest {

    @Test
    void aDeletedCaptionIsOverwrittenInTheDatabaseFileAndItsLog() throws Exception {
        Assumptions.assumeTrue(databaseKind == TestDatabase.SQLITE, "PostgreSQL keeps dead tuples until vacuum (README)");
        var owner = person("secretowner");
        var secret = "SECRET-CAPTION-" + System.nanoTime();
        var item = http.post("stories", owner.token(), Map.of("mediaId", uploadPhoto(owner), "caption", secret));
        assertThat(item.status()).isEqualTo(201);
        // Before: the caption is in the files (the test can see what it looks for).
        app.database().jdbi().useHandle(h -> h.createQuery("PRAGMA wal_checkpoint(PASSIVE)").mapToMap().list());
        assertThat(contains(secret)).isTrue();

        assertThat(http.delete("stories/" + item.json().get("id").asText(), owner.token()).status()).isEqualTo(204);
        app.sweeper().sweepNow();
        assertThat(contains(secret)).as("caption bytes left in pastel.db or its WAL").isFalse();
    }

    private static boolean contains(String text) throws Exception {
        var needle = text.getBytes(StandardCharsets.UTF_8);
        for (var name : new String[] {"pastel.db", "pastel.db-wal"}) {
            var file = opened.dataDir().resolve(name);
            if (Files.exists(file) && indexOf(Files.readAllBytes(file), needle) >= 0) return true;
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
