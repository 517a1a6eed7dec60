package pastel.media;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/// Blob files mapped into memory once and shared by every request that serves them, so a media
/// fetch is one copy from the page cache to the socket (as nginx's sendfile is, near enough),
/// instead of a read into a buffer and a write from it. A mapping is kept while it is used and
/// closed ([Arena#close], not left to the garbage collector) a few seconds after its last
/// request: a deleted blob's space is given back then. Requests never see a closed mapping: each
/// holds a [Lease] that keeps it open until its bytes are written. Mapping each request anew was
/// measured slower than copying (a page fault per 4 KB each time): the mapping is worth it only
/// because it is shared.
final class MappedFiles {
    /// Files larger than this are copied, not mapped (videos are at most 100 MB).
    private static final long MAX_FILE = 128L * 1024 * 1024;
    /// A bound on mappings at once (address space and open mappings, not memory: the pages are
    /// the page cache's either way).
    private static final int MAX_MAPPINGS = 512;
    private static final long IDLE_NANOS = 3_000_000_000L;
    private static final long SWEEP_EVERY_NANOS = 1_000_000_000L;

    private final ConcurrentHashMap<Path, Mapping> mappings = new ConcurrentHashMap<>();
    private volatile long nextSweep = System.nanoTime() + SWEEP_EVERY_NANOS;

    /// Bytes `[offset, offset + length)` of a mapped file, open until [#close].
    interface Lease extends AutoCloseable {
        ByteBuffer bytes();

        @Override
        void close();
    }

    /// A lease on `length` bytes at `offset` of `file`, whose size is `size` now; null when the
    /// file is not worth mapping or the table is full (the caller copies instead).
    Lease lease(Path file, long size, long offset, long length) throws IOException {
        sweepIfDue();
        if (size <= 0 || size > MAX_FILE) return null;
        for (int attempt = 0; attempt < 3; attempt++) {
            var mapping = mappings.get(file);
            if (mapping == null || mapping.size != size) {
                if (mapping != null) retire(file, mapping);
                if (mappings.size() >= MAX_MAPPINGS) return null;
                var fresh = Mapping.of(file, size);
                var raced = mappings.putIfAbsent(file, fresh);
                if (raced != null) {
                    fresh.release();
                    continue;
                }
                mapping = fresh;
            }
            if (mapping.acquire()) {
                var held = mapping;
                var bytes = held.segment.asSlice(offset, length).asByteBuffer();
                return new Lease() {
                    @Override public ByteBuffer bytes() { return bytes; }
                    @Override public void close() { held.release(); }
                };
            }
            // Retired between get and acquire: look again.
        }
        return null;
    }

    private void retire(Path file, Mapping mapping) {
        if (mappings.remove(file, mapping)) mapping.release();
    }

    private void sweepIfDue() {
        var now = System.nanoTime();
        if (now - nextSweep < 0) return;
        nextSweep = now + SWEEP_EVERY_NANOS;
        mappings.forEach((file, mapping) -> {
            if (mapping.users.get() == 1 && now - mapping.lastUsed > IDLE_NANOS) retire(file, mapping);
        });
    }

    /// One file's mapping; `users` counts the table's own reference plus one per lease, and the
    /// mapping is closed when it falls to zero.
    private static final class Mapping {
        final Arena arena;
        final MemorySegment segment;
        final long size;
        final AtomicInteger users = new AtomicInteger(1);
        volatile long lastUsed = System.nanoTime();

        private Mapping(Arena arena, MemorySegment segment, long size) {
            this.arena = arena;
            this.segment = segment;
            this.size = size;
        }

        static Mapping of(Path file, long size) throws IOException {
            var arena = Arena.ofShared();
            try (var channel = FileChannel.open(file, StandardOpenOption.READ)) {
                return new Mapping(arena, channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena), size);
            } catch (IOException | RuntimeException e) {
                arena.close();
                throw e;
            }
        }

        boolean acquire() {
            while (true) {
                var n = users.get();
                if (n == 0) return false;
                if (users.compareAndSet(n, n + 1)) {
                    lastUsed = System.nanoTime();
                    return true;
                }
            }
        }

        void release() {
            if (users.decrementAndGet() == 0) arena.close();
        }
    }
}
