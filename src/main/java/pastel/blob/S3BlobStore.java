package pastel.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import pastel.config.Config;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/// Blobs as objects in an S3-compatible bucket (MinIO, Garage, Ceph, S3Proxy, a cloud bucket),
/// through the AWS SDK v2. Keys are stored under the `media/` prefix, so a bucket can be shared
/// with other things without the orphan pass ever touching them.
///
/// Uploads stream from the local file: one PUT up to [#MULTIPART_FROM] bytes, above that a
/// multipart upload of [#PART_SIZE] parts (aborted on failure, so no half-object is left
/// behind), never the whole file in memory. Reads are ranged GETs streamed to the client.
/// The SDK's default CRC checksums on every request are turned off (only sent when an operation
/// requires one): several S3-compatible servers refuse or mishandle them.
public final class S3BlobStore implements BlobStore {
    static final String PREFIX = "media/";
    static final long MULTIPART_FROM = 16L * 1024 * 1024;
    static final long PART_SIZE = 8L * 1024 * 1024;
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{3,100}");

    private final S3Client s3;
    private final String bucket;
    private final Path incoming;

    public S3BlobStore(Config.S3 settings, Path dataDir) throws IOException {
        this.bucket = settings.bucket();
        this.incoming = dataDir.resolve("incoming").toAbsolutePath();
        Files.createDirectories(incoming);
        this.s3 = S3Client.builder()
                .endpointOverride(URI.create(settings.endpoint()))
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(64)
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)))
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofMinutes(5)))
                .build();
    }

    /// Creates the bucket if it does not exist (a fresh S3Proxy or MinIO); an existing one is kept.
    public void createBucketIfMissing() throws IOException {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            call(() -> s3.createBucket(b -> b.bucket(bucket)));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) throw new IOException("bucket " + bucket + ": " + e.getMessage(), e);
            call(() -> s3.createBucket(b -> b.bucket(bucket)));
        } catch (SdkException e) {
            throw new IOException("bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Path incoming() {
        return incoming;
    }

    private static String object(String key) {
        if (!KEY.matcher(key).matches()) throw new IllegalArgumentException("bad blob key: " + key);
        return PREFIX + key;
    }

    @Override
    public void put(String key, Path source) throws IOException {
        var object = object(key);
        var size = Files.size(source);
        try {
            if (size < MULTIPART_FROM) {
                call(() -> s3.putObject(b -> b.bucket(bucket).key(object).contentLength(size), RequestBody.fromFile(source)));
            } else {
                putInParts(object, source, size);
            }
        } finally {
            // The contract: the caller hands the file over. It is a spool file; the bucket has it now.
            Files.deleteIfExists(source);
        }
    }

    private void putInParts(String object, Path source, long size) throws IOException {
        var uploadId = call(() -> s3.createMultipartUpload(b -> b.bucket(bucket).key(object))).uploadId();
        try (var channel = FileChannel.open(source, StandardOpenOption.READ)) {
            var parts = new ArrayList<CompletedPart>();
            for (long offset = 0, number = 1; offset < size; offset += PART_SIZE, number++) {
                var length = Math.min(PART_SIZE, size - offset);
                var partNumber = (int) number;
                var start = offset;
                // Each part is read from the file as it is sent: at most the client's buffers in memory.
                var body = RequestBody.fromContentProvider(() -> bounded(channel, start, length), length,
                        "application/octet-stream");
                var etag = call(() -> s3.uploadPart(b -> b.bucket(bucket).key(object).uploadId(uploadId)
                        .partNumber(partNumber).contentLength(length), body)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            call(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(object).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())));
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(object).uploadId(uploadId));
            } catch (SdkException abort) {
                e.addSuppressed(abort);
            }
            throw e;
        }
    }

    @Override
    public long size(String key) throws IOException {
        try {
            return s3.headObject(b -> b.bucket(bucket).key(object(key))).contentLength();
        } catch (NoSuchKeyException e) {
            return -1;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return -1;
            throw new IOException("HEAD " + key + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("HEAD " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Slice open(String key, long offset, long length) throws IOException {
        var object = object(key);
        if (length <= 0) return slice(offset, 0, InputStream.nullInputStream());
        var range = "bytes=" + offset + "-" + (offset + length - 1);
        try {
            var response = s3.getObject(b -> b.bucket(bucket).key(object).range(range));
            return slice(offset, length, response);
        } catch (NoSuchKeyException e) {
            throw new java.nio.file.NoSuchFileException(key);
        } catch (SdkException e) {
            throw new IOException("GET " + key + ": " + e.getMessage(), e);
        }
    }

    private static Slice slice(long offset, long length, InputStream in) {
        return new Slice() {
            @Override public long offset() { return offset; }
            @Override public long length() { return length; }
            @Override public FileChannel channel() { return null; }
            @Override public InputStream stream() { return in; }

            @Override
            public void close() throws IOException {
                // Closing early aborts the rest of the transfer instead of draining it.
                if (in instanceof software.amazon.awssdk.core.ResponseInputStream<?> response) response.abort();
                in.close();
            }
        };
    }

    @Override
    public boolean delete(String key) throws IOException {
        // S3's DELETE says nothing about whether the object was there: a HEAD first answers that.
        var existed = size(key) >= 0;
        call(() -> s3.deleteObject(b -> b.bucket(bucket).key(object(key))));
        return existed;
    }

    @Override
    public void list(String fromKey, Consumer<Entry> each) throws IOException {
        // StartAfter is exclusive: fromKey less its last character sorts just before it, and the
        // few keys in between are filtered out below.
        var startAfter = fromKey.isEmpty() ? null : PREFIX + fromKey.substring(0, fromKey.length() - 1);
        try {
            for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(PREFIX).startAfter(startAfter))) {
                for (var object : page.contents()) {
                    var key = object.key().substring(PREFIX.length());
                    if (key.compareTo(fromKey) >= 0) each.accept(new Entry(key, object.size(), object.lastModified()));
                }
            }
        } catch (SdkException e) {
            throw new IOException("LIST " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private static InputStream bounded(FileChannel channel, long offset, long length) {
        try {
            return ChannelSlices.stream(channel, offset, length, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Call<T> {
        T run();
    }

    private static <T> T call(Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (SdkException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
