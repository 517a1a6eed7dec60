package pastel.admin;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import pastel.config.Config;
import pastel.db.Database;

/// `pastel admin backup DIR` and `pastel admin restore DIR` for the embedded default (SQLite and
/// blob files). A cluster backs up PostgreSQL and its bucket with their own tools (README).
///
/// The backup is online: `VACUUM INTO` writes a consistent copy of the database while the server
/// runs, then the blob files are copied. Blobs are written before their row and deleted after
/// it, so a blob of every row in the copy was there when the copy was taken; one deleted in the
/// seconds between the two steps leaves a row whose media answers 410, never a wrong file; a
/// blob added meanwhile is an orphan that the sweeper removes.
///
/// A restore only puts the files back; the server applies every expiry that passed since (the
/// whole sweep) before it answers anything but liveness ([pastel.App#start]), so content that
/// expired after the backup is never served and its bytes go at start-up.
public final class Backup {
    public static final String DATABASE = "pastel.db";
    public static final String BLOBS = "blobs";

    private Backup() {}

    /// What a backup holds.
    public record Summary(long databaseBytes, long blobs, long blobBytes) {}

    public static Summary backup(Config config, Database database, Path dir) throws IOException {
        requireEmbedded(config);
        if (Files.exists(dir) && !isEmpty(dir)) throw new FileAlreadyExistsException(dir + " is not empty");
        Files.createDirectories(dir);
        var copy = dir.resolve(DATABASE).toAbsolutePath();
        BackupStore.copyInto(database.jdbi(), copy);
        var blobs = copyBlobs(config.dataDir().resolve(BLOBS), dir.resolve(BLOBS));
        Files.writeString(dir.resolve("backup.properties"), "taken_at=" + Instant.now() + "\nblobs=" + blobs[0] + "\n");
        return new Summary(Files.size(copy), blobs[0], blobs[1]);
    }

    /// Copies a backup into the configured data dir, which must hold no database yet.
    public static Summary restore(Config config, Path dir) throws IOException {
        requireEmbedded(config);
        var source = dir.resolve(DATABASE);
        if (!Files.isRegularFile(source)) throw new IOException(dir + " holds no " + DATABASE + ": not a Pastel backup");
        var target = config.dataDir().resolve(DATABASE);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target + " exists: restore into an empty PASTEL_DATA_DIR");
        }
        Files.createDirectories(config.dataDir());
        var blobs = copyBlobs(dir.resolve(BLOBS), config.dataDir().resolve(BLOBS));
        // The database last: a restore cut short leaves no database, so nothing starts on half of it.
        var partial = config.dataDir().resolve(DATABASE + ".restoring");
        Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        return new Summary(Files.size(target), blobs[0], blobs[1]);
    }

    private static void requireEmbedded(Config config) {
        if (config.usesPostgres() || config.s3() != null) {
            throw new IllegalStateException("backup and restore cover the embedded SQLite database and blob files; "
                    + "back up PostgreSQL with pg_dump and the bucket with its own tools (see README, Backups)");
        }
    }

    private static long[] copyBlobs(Path from, Path to) throws IOException {
        long count = 0;
        long bytes = 0;
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) return new long[] {0, 0};
        try (var shards = Files.list(from)) {
            for (var shard : shards.filter(Files::isDirectory).toList()) {
                // Uploads in progress are not content yet.
                if (shard.getFileName().toString().startsWith(".")) continue;
                var targetShard = Files.createDirectories(to.resolve(shard.getFileName().toString()));
                try (var files = Files.list(shard)) {
                    for (var file : files.toList()) {
                        try {
                            Files.copy(file, targetShard.resolve(file.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
                            count++;
                            bytes += Files.size(file);
                        } catch (java.nio.file.NoSuchFileException deletedMeanwhile) {
                            // Expired while we copied: its row is gone or going too.
                        }
                    }
                }
            }
        }
        return new long[] {count, bytes};
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
