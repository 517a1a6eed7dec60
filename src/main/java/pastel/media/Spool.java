package pastel.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Where uploads wait, un-stripped, while they are received and processed (under
/// `blobs/.incoming`). Promise 2 says no un-stripped copy outlives its processing, even a crash:
///
/// - each running server spools into its own folder, `.incoming/<node>/`, and holds a lock on
///   `.incoming/<node>.lock` while it runs (nodes sharing a blob folder never touch each other's
///   uploads in progress);
/// - at start-up and on every sweep, the folders of servers that no longer run (their lock is
///   free: a crash, a kill -9) are deleted whole, and so are loose files of older layouts;
/// - the sweeper also deletes this server's own entries older than [#LONGEST_UPLOAD], the most
///   an upload may take (receiving 100 MB slowly, then converting it), so an entry that escaped
///   its request's clean-up cannot stay either.
///
/// `pastel admin due` lists what is there ([#leftovers]).
public final class Spool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    /// The longest an upload may spend in the spool: received, then converted.
    public static final Duration LONGEST_UPLOAD = Duration.ofMinutes(30);

    private final Path root;
    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Clock clock;

    private Spool(Path root, Path dir, FileChannel lockChannel, FileLock lock, Clock clock) {
        this.root = root;
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.clock = clock;
    }

    /// Takes a fresh folder for this server under `root`, locked while the server runs, after
    /// deleting what crashed servers left behind.
    public static Spool open(Path root, Clock clock) {
        try {
            Files.createDirectories(root);
            var name = UUID.randomUUID().toString();
            var channel = FileChannel.open(root.resolve(name + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            var lock = channel.lock();
            var dir = Files.createDirectories(root.resolve(name));
            var spool = new Spool(root, dir, channel, lock, clock);
            var cleaned = spool.deleteAbandoned();
            if (cleaned > 0) LOG.info("spool cleaned at start-up entries={}", cleaned);
            return spool;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the upload spool under " + root, e);
        }
    }

    /// This server's spool folder: uploads and their work files go here.
    public Path dir() {
        return dir;
    }

    /// One thing in the spool that is not an upload in progress of a running server.
    public record Leftover(Path path, long bytes, Instant modified) {}

    /// The sweeper's pass: abandoned folders and files, and this server's own entries older than
    /// [#LONGEST_UPLOAD]. Returns how many entries it deleted.
    public int sweep() {
        try {
            var count = deleteAbandoned();
            var cutoff = clock.instant().minus(LONGEST_UPLOAD);
            for (var entry : list(dir)) {
                if (modified(entry).isBefore(cutoff)) {
                    deleteTree(entry);
                    count++;
                }
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /// What the sweeper would delete now, for `pastel admin due`: run by another process, it
    /// sees every running server's folder as locked and leaves those out, except entries older
    /// than [#LONGEST_UPLOAD].
    public static List<Leftover> leftovers(Path root, Clock clock) throws IOException {
        var out = new ArrayList<Leftover>();
        if (!Files.isDirectory(root)) return out;
        var cutoff = clock.instant().minus(LONGEST_UPLOAD);
        for (var entry : list(root)) {
            var name = entry.getFileName().toString();
            if (name.endsWith(".lock")) continue;
            var lockFile = root.resolve(name + ".lock");
            if (Files.isDirectory(entry) && Files.exists(lockFile) && locked(lockFile)) {
                for (var inner : list(entry)) {
                    if (modified(inner).isBefore(cutoff)) out.add(new Leftover(inner, size(inner), modified(inner)));
                }
            } else {
                out.add(new Leftover(entry, size(entry), modified(entry)));
            }
        }
        return out;
    }

    private int deleteAbandoned() throws IOException {
        var count = 0;
        for (var entry : list(root)) {
            var name = entry.getFileName().toString();
            if (entry.equals(dir) || name.equals(dir.getFileName() + ".lock")) continue;
            if (name.endsWith(".lock")) {
                var folder = root.resolve(name.substring(0, name.length() - ".lock".length()));
                if (!Files.exists(folder) && !locked(entry)) Files.deleteIfExists(entry);
                continue;
            }
            var lockFile = root.resolve(name + ".lock");
            if (Files.isDirectory(entry) && Files.exists(lockFile) && locked(lockFile)) continue; // a running server's
            deleteTree(entry);
            Files.deleteIfExists(lockFile);
            count++;
        }
        return count;
    }

    /// Whether another server (process, or another server in this JVM) holds the lock.
    private static boolean locked(Path lockFile) throws IOException {
        try (var channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            var probe = channel.tryLock();
            if (probe == null) return true;
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    private static Instant modified(Path path) throws IOException {
        try {
            return Files.getLastModifiedTime(path).toInstant();
        } catch (NoSuchFileException e) {
            return Instant.MAX;
        }
    }

    private static long size(Path path) throws IOException {
        if (!Files.isDirectory(path)) return Files.exists(path) ? Files.size(path) : 0;
        try (var walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) return;
        try (var walk = Files.walk(path)) {
            for (var p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (NoSuchFileException ignored) {
            // deleted meanwhile
        }
    }

    /// Releases the lock and deletes this server's folder (a clean stop).
    @Override
    public void close() {
        try {
            deleteTree(dir);
            lock.release();
            lockChannel.close();
            Files.deleteIfExists(root.resolve(dir.getFileName() + ".lock"));
        } catch (IOException e) {
            LOG.warn("spool clean-up at stop failed: {}", e.getMessage());
        }
    }
}
