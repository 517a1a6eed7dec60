package pastel.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import pastel.config.Config;
import pastel.db.Ids;
import pastel.support.TestS3;

/// What every blob store promises, checked on files and on a real S3 API (S3Proxy).
@ParameterizedClass(name = "{0}")
@EnumSource(BlobStoreContractTest.Kind.class)
class BlobStoreContractTest {
    enum Kind { FILES, S3 }

    @Parameter
    Kind kind;

    static BlobStore store;
    static Path dataDir;

    @BeforeParameterizedClassInvocation
    static void open(Kind kind) throws IOException {
        dataDir = Files.createTempDirectory("pastel-blobs-");
        if (kind == Kind.FILES) {
            store = new FileBlobStore(dataDir);
        } else {
            var settings = new HashMap<>(TestS3.settings());
            settings.put("PASTEL_DATA_DIR", dataDir.toString());
            var s3 = new S3BlobStore(Config.fromEnvironment(settings).s3(), dataDir);
            s3.createBucketIfMissing();
            store = s3;
        }
    }

    @AfterParameterizedClassInvocation
    static void close() throws IOException {
        try (var files = Files.list(store.incoming())) {
            assertThat(files.toList()).as("spool files left behind").isEmpty();
        }
        store.close();
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static Path spooled(byte[] bytes) throws IOException {
        var file = Files.createTempFile(store.incoming(), "spool-", ".tmp");
        Files.write(file, bytes);
        return file;
    }

    private static byte[] random(int size, long seed) {
        var bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] read(String key, long offset, long length) throws IOException {
        try (var slice = store.open(key, offset, length); var in = slice.stream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void whatIsPutComesBackWholeAndByRange() throws IOException {
        var key = Ids.newId(System.currentTimeMillis());
        var bytes = random(300_000, 1);
        store.put(key, spooled(bytes));
        assertThat(store.size(key)).isEqualTo(bytes.length);
        assertThat(read(key, 0, bytes.length)).isEqualTo(bytes);
        assertThat(read(key, 1000, 5000)).isEqualTo(java.util.Arrays.copyOfRange(bytes, 1000, 6000));
        assertThat(read(key, bytes.length - 1, 1)).containsExactly(bytes[bytes.length - 1]);
    }

    @Test
    void deletingRemovesTheBytesAndSaysWhetherTheyWereThere() throws IOException {
        var key = Ids.newId(System.currentTimeMillis());
        store.put(key, spooled(random(1000, 2)));
        assertThat(store.delete(key)).isTrue();
        assertThat(store.size(key)).isEqualTo(-1);
        assertThat(store.delete(key)).isFalse();
        assertThatThrownBy(() -> read(key, 0, 10)).isInstanceOf(IOException.class);
    }

    @Test
    void anAbsentBlobHasNoSize() throws IOException {
        assertThat(store.size(Ids.newId(System.currentTimeMillis()))).isEqualTo(-1);
    }

    @Test
    void aLargeVideoIsStoredInPartsAndComesBackIdentical() throws Exception {
        // Above the multipart threshold: several parts, the last one short.
        var size = (int) (S3BlobStore.MULTIPART_FROM + S3BlobStore.PART_SIZE / 2 + 12345);
        var bytes = random(size, 3);
        var key = Ids.newId(System.currentTimeMillis());
        store.put(key, spooled(bytes));
        assertThat(store.size(key)).isEqualTo(size);
        var digest = MessageDigest.getInstance("SHA-256");
        try (var slice = store.open(key, 0, size); var in = slice.stream()) {
            var buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) > 0) digest.update(buffer, 0, n);
        }
        assertThat(HexFormat.of().formatHex(digest.digest()))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        var edge = (int) S3BlobStore.PART_SIZE - 10;
        assertThat(read(key, edge, 20)).isEqualTo(java.util.Arrays.copyOfRange(bytes, edge, edge + 20));
        store.delete(key);
    }

    @Test
    void listingFromAKeyGivesTheLaterKeysOnly() throws IOException {
        var t = System.currentTimeMillis();
        var old = Ids.newId(t - 3_600_000);
        var recent = Ids.newId(t - 60_000);
        var thumb = recent + ".thumb";
        for (var key : List.of(old, recent, thumb)) store.put(key, spooled(random(10, 4)));
        var all = new ArrayList<String>();
        store.list(e -> all.add(e.key()));
        assertThat(all).contains(old, recent, thumb);
        var later = new ArrayList<BlobStore.Entry>();
        store.list(Ids.prefixAt(t - 120_000), later::add);
        assertThat(later).extracting(BlobStore.Entry::key).contains(recent, thumb).doesNotContain(old);
        assertThat(later).filteredOn(e -> e.key().startsWith(recent)).allSatisfy(e -> assertThat(e.size()).isEqualTo(10));
        for (var key : List.of(old, recent, thumb)) store.delete(key);
    }

    @Test
    void keysThatCouldEscapeAreRefused() {
        assertThatThrownBy(() -> store.size("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.size("AB/cd")).isInstanceOf(IllegalArgumentException.class);
    }
}
