package pastel.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/// Chunk-level rewriting of WebP and PNG files by allow-list: only the chunks that carry pixels
/// and animation survive; anything else (EXIF, XMP, ICC, text, unknown chunks) is dropped.
///
/// - Stored WebP images: libvips 8.14's WebP saver writes an EXIF chunk of its own making
///   (orientation, resolution) even when told to strip; this makes the stored file bare.
/// - APNG inputs: ffmpeg 5.1 cannot decode an APNG with a text or EXIF chunk between its first
///   frame control and its image data (where exiftool and many editors put them).
final class Chunks {
    private static final Set<String> WEBP_KEEP = Set.of("VP8X", "VP8 ", "VP8L", "ALPH", "ANIM", "ANMF");
    private static final Set<String> APNG_KEEP = Set.of("IHDR", "PLTE", "tRNS", "acTL", "fcTL", "IDAT", "fdAT", "IEND");
    // VP8X flags that announce an ICC profile (0x20), EXIF (0x08) and XMP (0x04).
    private static final int VP8X_METADATA_FLAGS = 0x20 | 0x08 | 0x04;

    private Chunks() {}

    /// Rewrites a WebP file in place with only its image chunks.
    static void stripWebp(Path file) throws IOException {
        var in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() < 12 || !ascii(in, 0).equals("RIFF") || !ascii(in, 8).equals("WEBP")) {
            throw new IOException("not a WebP file");
        }
        var out = new ByteArrayOutputStream(in.capacity());
        out.writeBytes(new byte[12]);
        int position = 12;
        while (position + 8 <= in.capacity()) {
            var type = ascii(in, position);
            int length = in.getInt(position + 4);
            int padded = length + (length & 1);
            if (length < 0 || position + 8 + padded > in.capacity()) throw new IOException("truncated WebP chunk");
            if (WEBP_KEEP.contains(type)) {
                var chunk = new byte[8 + padded];
                in.get(position, chunk);
                if (type.equals("VP8X")) chunk[8] &= (byte) ~VP8X_METADATA_FLAGS;
                out.writeBytes(chunk);
            }
            position += 8 + padded;
        }
        var bytes = out.toByteArray();
        var header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        header.put(0, "RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4, bytes.length - 8)
                .put(8, "WEBP".getBytes(StandardCharsets.US_ASCII));
        Files.write(file, bytes);
    }

    /// Copies a PNG (an APNG) to `target` with only its image and animation chunks.
    static void bareApng(Path source, Path target) throws IOException {
        var in = ByteBuffer.wrap(Files.readAllBytes(source));
        var out = new ByteArrayOutputStream(in.capacity());
        out.write(in.array(), 0, 8);
        int position = 8;
        while (position + 12 <= in.capacity()) {
            int length = in.getInt(position);
            var type = ascii(in, position + 4);
            if (length < 0 || position + 12L + length > in.capacity()) break; // truncated: let the decoder judge
            if (APNG_KEEP.contains(type)) out.write(in.array(), position, 12 + length);
            position += 12 + length;
            if (type.equals("IEND")) break;
        }
        Files.write(target, out.toByteArray());
    }

    private static String ascii(ByteBuffer b, int offset) {
        var bytes = new byte[4];
        b.get(offset, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
