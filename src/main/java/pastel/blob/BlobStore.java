package pastel.blob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;
import pastel.config.Config;

/// Where media bytes live, behind the few calls Pastel needs. Keys are opaque and made by the
/// caller; a blob is only reachable through the database row that names its key, so a blob
/// written before its row commits is invisible, and one left behind by a crash is an orphan
/// that [pastel.media.MediaService] reconciles away.
public interface BlobStore extends AutoCloseable {

    /// The blob store the configuration names: an S3-compatible bucket, or files under the data dir.
    static BlobStore open(Config config) {
        if (config.s3() != null) {
            try {
                var store = new S3BlobStore(config.s3(), config.dataDir());
                store.createBucketIfMissing();
                return store;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot reach the S3 bucket " + config.s3().bucket() + " at "
                        + config.s3().endpoint() + ": " + e.getMessage(), e);
            }
        }
        try {
            return new FileBlobStore(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the blob folder under " + config.dataDir(), e);
        }
    }

    /// Stores the file under `key`, durably, replacing nothing (keys are unique). Moves or
    /// copies `source`; the caller must not rely on it afterwards.
    void put(String key, Path source) throws IOException;

    /// The blob's size in bytes, or -1 when absent.
    long size(String key) throws IOException;

    /// A readable view of bytes `[offset, offset + length)`, for Range requests.
    Slice open(String key, long offset, long length) throws IOException;

    /// The blob's file, for a store that keeps blobs as local files (serving maps them); empty otherwise.
    default java.util.Optional<Path> file(String key) {
        return java.util.Optional.empty();
    }

    /// Deletes the blob; true if it existed. Deleting an absent blob is not an error.
    boolean delete(String key) throws IOException;

    /// Every stored blob with its last-modified time, for audits and orphan reconciliation.
    default void list(Consumer<Entry> each) throws IOException {
        list("", each);
    }

    /// The blobs whose key sorts at or after `fromKey`, in key order. Keys made from time-ordered
    /// ids make this "the blobs written since then": the orphan pass reads a recent window
    /// instead of the whole store (on an object store, a page of 1,000 keys is one request).
    void list(String fromKey, Consumer<Entry> each) throws IOException;

    /// A local folder where uploads are spooled and processed before they become blobs.
    Path incoming();

    /// Releases the client's connections (nothing to release for files).
    @Override
    default void close() {}

    record Entry(String key, long size, Instant modified) {}

    /// An open range of a blob. `file` is set when the store is local, so it can be sent without copying.
    interface Slice extends AutoCloseable {
        long offset();

        long length();

        java.nio.channels.FileChannel channel();

        java.io.InputStream stream() throws IOException;

        @Override
        void close() throws IOException;
    }
}
