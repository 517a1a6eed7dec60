package pastel.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/// Image dimensions read from the container header, before anything is decoded: how a
/// decompression bomb (a tiny PNG claiming 100000 x 100000) is refused at no cost.
/// Empty when the header is not where the format says it should be.
final class ImageHeader {
    private ImageHeader() {}

    record Dimensions(long width, long height) {
        long pixels() {
            return width * height;
        }
    }

    static Optional<Dimensions> read(MediaType type, Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return switch (type) {
                case PNG -> png(in.readNBytes(24));
                case JPEG -> jpeg(in);
                case WEBP -> webp(in.readNBytes(30));
                default -> Optional.empty();
            };
        }
    }

    private static Optional<Dimensions> png(byte[] b) {
        if (b.length < 24 || !new String(b, 12, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals("IHDR")) {
            return Optional.empty();
        }
        return Optional.of(new Dimensions(be32(b, 16), be32(b, 20)));
    }

    private static Optional<Dimensions> jpeg(InputStream in) throws IOException {
        if (in.read() != 0xFF || in.read() != 0xD8) return Optional.empty();
        while (true) {
            if (in.read() != 0xFF) return Optional.empty();
            int marker = in.read();
            while (marker == 0xFF) marker = in.read(); // fill bytes
            if (marker < 0 || marker == 0xD9 || marker == 0xDA) return Optional.empty();
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;
            var length = (in.read() << 8) | in.read();
            if (length < 2) return Optional.empty();
            var isFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (isFrame) {
                var frame = in.readNBytes(5);
                if (frame.length < 5) return Optional.empty();
                long height = ((frame[1] & 0xFF) << 8) | (frame[2] & 0xFF);
                long width = ((frame[3] & 0xFF) << 8) | (frame[4] & 0xFF);
                return Optional.of(new Dimensions(width, height));
            }
            if (in.skip(length - 2) < length - 2) return Optional.empty();
        }
    }

    private static Optional<Dimensions> webp(byte[] b) {
        if (b.length < 30) return Optional.empty();
        var chunk = new String(b, 12, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        return switch (chunk) {
            case "VP8 " -> Optional.of(new Dimensions(le16(b, 26) & 0x3FFF, le16(b, 28) & 0x3FFF));
            case "VP8L" -> {
                long bits = (b[21] & 0xFFL) | (b[22] & 0xFFL) << 8 | (b[23] & 0xFFL) << 16 | (b[24] & 0xFFL) << 24;
                yield Optional.of(new Dimensions((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1));
            }
            case "VP8X" -> Optional.of(new Dimensions(le24(b, 24) + 1, le24(b, 27) + 1));
            default -> Optional.empty();
        };
    }

    private static long be32(byte[] b, int i) {
        return ((b[i] & 0xFFL) << 24) | ((b[i + 1] & 0xFFL) << 16) | ((b[i + 2] & 0xFFL) << 8) | (b[i + 3] & 0xFFL);
    }

    private static int le16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static long le24(byte[] b, int i) {
        return (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16;
    }
}
