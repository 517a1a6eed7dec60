package pastel.admin;

import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;

/// The one statement of a backup: SQLite's `VACUUM INTO`, a consistent copy of the whole
/// database taken while the server runs.
final class BackupStore {
    private BackupStore() {}

    static void copyInto(Jdbi jdbi, Path file) {
        jdbi.useHandle(h -> h.execute("VACUUM INTO '" + file.toString().replace("'", "''") + "'"));
    }
}
