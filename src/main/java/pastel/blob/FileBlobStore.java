package pastel.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/// Blobs as files under `<data>/blobs/ab/<key>`: written to a temporary name, fsynced, then
/// renamed into place (atomic on one filesystem), and the directory fsynced so the rename itself
/// survives a crash.
public final class FileBlobStore implements BlobStore {
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{3,100}");

    private final Path root;
    private final Path incoming;

    public FileBlobStore(Path dataDir) throws IOException {
        this.root = dataDir.resolve("blobs").toAbsolutePath();
        this.incoming = root.resolve(".incoming");
        Files.createDirectories(incoming);
    }

    /// Where uploads are spooled before they become blobs: same filesystem, so the final move is a rename.
    @Override
    public Path incoming() {
        return incoming;
    }

    Path pathOf(String key) {
        if (!KEY.matcher(key).matches()) throw new IllegalArgumentException("bad blob key: " + key);
        return root.resolve(key.substring(0, 2)).resolve(key);
    }

    @Override
    public void put(String key, Path source) throws IOException {
        var target = pathOf(key);
        Files.createDirectories(target.getParent());
        var temp = source.resolveSibling(key + ".part");
        // A rename when the source is on the same filesystem (uploads are spooled under blobs/.incoming).
        Files.move(source, temp, StandardCopyOption.REPLACE_EXISTING);
        try (var channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(target.getParent());
    }

    @Override
    public long size(String key) throws IOException {
        try {
            return Files.size(pathOf(key));
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    @Override
    public Slice open(String key, long offset, long length) throws IOException {
        var channel = FileChannel.open(pathOf(key), StandardOpenOption.READ);
        return new Slice() {
            @Override public long offset() { return offset; }
            @Override public long length() { return length; }
            @Override public FileChannel channel() { return channel; }

            @Override
            public InputStream stream() throws IOException {
                return ChannelSlices.stream(channel, offset, length, true);
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    @Override
    public java.util.Optional<Path> file(String key) {
        return java.util.Optional.of(pathOf(key));
    }

    @Override
    public boolean delete(String key) throws IOException {
        return Files.deleteIfExists(pathOf(key));
    }

    @Override
    public void list(String fromKey, Consumer<Entry> each) throws IOException {
        // Shards are the keys' first two characters: those before fromKey's shard are not opened.
        var fromShard = fromKey.length() >= 2 ? fromKey.substring(0, 2) : fromKey;
        try (var shards = Files.list(root)) {
            for (var shard : shards.filter(Files::isDirectory).filter(p -> !p.equals(incoming))
                    .filter(p -> p.getFileName().toString().compareTo(fromShard) >= 0).sorted().toList()) {
                try (var files = Files.list(shard)) {
                    for (var file : files.filter(f -> f.getFileName().toString().compareTo(fromKey) >= 0).sorted().toList()) {
                        var attributes = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
                        each.accept(new Entry(file.getFileName().toString(), attributes.size(),
                                attributes.lastModifiedTime().toInstant()));
                    }
                }
            }
        }
    }

    private static void syncDirectory(Path dir) {
        try (var channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some filesystems refuse to open directories; the rename is still atomic there.
        }
    }
}
