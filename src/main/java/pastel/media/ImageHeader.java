package pastel.media;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/// Image dimensions (and, for animations, frame count and duration) read from the container,
/// before any decoder runs: how a decompression bomb (a tiny PNG, GIF, WebP, HEIC or AVIF claiming
/// 30000 x 30000) is refused at no cost. Only headers and chunk lengths are read; pixel data is
/// skipped. Empty when the header is not where the format says it should be.
final class ImageHeader {
    private ImageHeader() {}

    /// `width` x `height` is the largest area the decoder would be asked to fill (the canvas, or a
    /// larger frame or item if the file has one); `frames` is 1 for a still image.
    record Dimensions(long width, long height, int frames, long durationMs) {
        Dimensions(long width, long height) {
            this(width, height, 1, 0);
        }

        long pixels() {
            return width * height;
        }

        boolean animated() {
            return frames > 1;
        }
    }

    /// Browsers (and ffmpeg) show GIF frames with a delay under 20 ms for 100 ms; so does Pastel.
    static final int SHORTEST_DELAY_MS = 20;
    static final int DEFAULT_DELAY_MS = 100;

    static Optional<Dimensions> read(MediaType type, Path file) throws IOException {
        return switch (type) {
            case PNG -> png(file);
            case JPEG -> {
                try (var in = new BufferedInputStream(Files.newInputStream(file))) {
                    yield jpeg(in);
                }
            }
            case WEBP -> webp(file);
            case GIF -> {
                try (var in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
                    yield gif(in);
                }
            }
            case HEIC, AVIF -> isoBmff(file);
            default -> Optional.empty();
        };
    }

    static int effectiveDelayMs(int delayMs) {
        return delayMs < SHORTEST_DELAY_MS ? DEFAULT_DELAY_MS : delayMs;
    }

    // PNG: IHDR gives the size; an acTL chunk before the first IDAT makes it an APNG, whose fcTL
    // chunks give each frame's size and delay.
    private static Optional<Dimensions> png(Path file) throws IOException {
        try (var channel = FileChannel.open(file)) {
            var head = read(channel, 0, 33);
            if (head.remaining() < 33 || !ascii(head, 12, 4).equals("IHDR")) return Optional.empty();
            long width = u32(head, 16), height = u32(head, 20);
            long position = 33;
            boolean animation = false;
            int frames = 0;
            long duration = 0;
            long size = channel.size();
            for (int chunks = 0; position + 8 <= size && chunks < 1_000_000; chunks++) {
                var header = read(channel, position, 8);
                long length = u32(header, 0);
                var kind = ascii(header, 4, 4);
                if (kind.equals("IDAT") && !animation) break;
                if (kind.equals("IEND")) break;
                if (kind.equals("acTL")) animation = true;
                if (kind.equals("fcTL") && length >= 26) {
                    var fc = read(channel, position + 8, 26);
                    if (fc.remaining() < 26) break;
                    frames++;
                    width = Math.max(width, u32(fc, 4));
                    height = Math.max(height, u32(fc, 8));
                    int numerator = u16(fc, 20);
                    int denominator = u16(fc, 22) == 0 ? 100 : u16(fc, 22);
                    duration += effectiveDelayMs((int) (1000L * numerator / denominator));
                }
                position += 12 + length;
            }
            return Optional.of(animation && frames > 1 ? new Dimensions(width, height, frames, duration)
                    : new Dimensions(width, height));
        }
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
            try {
                in.skipNBytes(length - 2);
            } catch (EOFException e) {
                return Optional.empty();
            }
        }
    }

    // WebP: a RIFF of chunks. VP8 / VP8L / VP8X give the canvas; an animated file (VP8X flag)
    // has one ANMF chunk per frame with the frame's size and duration.
    private static Optional<Dimensions> webp(Path file) throws IOException {
        try (var channel = FileChannel.open(file)) {
            var b = read(channel, 0, 30);
            if (b.remaining() < 30) return Optional.empty();
            var chunk = ascii(b, 12, 4);
            return switch (chunk) {
                case "VP8 " -> Optional.of(new Dimensions(le16(b, 26) & 0x3FFF, le16(b, 28) & 0x3FFF));
                case "VP8L" -> {
                    long bits = u32le(b, 21);
                    yield Optional.of(new Dimensions((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1));
                }
                case "VP8X" -> {
                    long width = u24(b, 24) + 1, height = u24(b, 27) + 1;
                    if ((b.get(20) & 0x02) == 0) yield Optional.of(new Dimensions(width, height));
                    int frames = 0;
                    long duration = 0;
                    long position = 12;
                    long size = channel.size();
                    for (int chunks = 0; position + 8 <= size && chunks < 1_000_000; chunks++) {
                        var header = read(channel, position, 8);
                        long length = u32le(header, 4);
                        if (ascii(header, 0, 4).equals("ANMF") && length >= 16) {
                            var frame = read(channel, position + 8, 16);
                            if (frame.remaining() < 16) break;
                            frames++;
                            width = Math.max(width, u24(frame, 6) + 1);
                            height = Math.max(height, u24(frame, 9) + 1);
                            duration += effectiveDelayMs((int) u24(frame, 12));
                        }
                        position += 8 + length + (length & 1);
                    }
                    yield Optional.of(frames > 1 ? new Dimensions(width, height, frames, duration)
                            : new Dimensions(width, height));
                }
                default -> Optional.empty();
            };
        }
    }

    // GIF: the logical screen, then blocks; each image descriptor is a frame (its own size may
    // exceed the screen), each graphic control extension gives the next frame's delay.
    private static Optional<Dimensions> gif(InputStream in) throws IOException {
        var head = in.readNBytes(13);
        if (head.length < 13) return Optional.empty();
        var b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        long width = b.getShort(6) & 0xFFFF, height = b.getShort(8) & 0xFFFF;
        if ((head[10] & 0x80) != 0) skipFully(in, 3L * (1 << ((head[10] & 0x07) + 1)));
        int frames = 0;
        long duration = 0;
        int delay = 0;
        try {
            while (true) {
                int block = in.read();
                if (block == 0x3B || block < 0) break;
                if (block == 0x21) {
                    int label = in.read();
                    if (label == 0xF9) {
                        var gce = in.readNBytes(6);
                        if (gce.length < 6) break;
                        delay = ((gce[2] & 0xFF) | (gce[3] & 0xFF) << 8) * 10;
                        if (gce[5] != 0) skipSubBlocks(in, gce[5] & 0xFF);
                    } else {
                        skipSubBlocks(in, -1);
                    }
                } else if (block == 0x2C) {
                    var descriptor = in.readNBytes(9);
                    if (descriptor.length < 9) break;
                    var d = ByteBuffer.wrap(descriptor).order(ByteOrder.LITTLE_ENDIAN);
                    width = Math.max(width, d.getShort(4) & 0xFFFF);
                    height = Math.max(height, d.getShort(6) & 0xFFFF);
                    if ((descriptor[8] & 0x80) != 0) skipFully(in, 3L * (1 << ((descriptor[8] & 0x07) + 1)));
                    in.read(); // LZW minimum code size
                    skipSubBlocks(in, -1);
                    frames++;
                    duration += effectiveDelayMs(delay);
                    delay = 0;
                } else {
                    break;
                }
            }
        } catch (EOFException e) {
            // A truncated GIF: what was counted stands; the decoder will judge the rest.
        }
        return Optional.of(frames > 1 ? new Dimensions(width, height, frames, duration) : new Dimensions(width, height));
    }

    private static void skipSubBlocks(InputStream in, int firstLength) throws IOException {
        int length = firstLength >= 0 ? firstLength : in.read();
        while (length > 0) {
            skipFully(in, length);
            length = in.read();
        }
        if (length < 0) throw new EOFException();
    }

    private static void skipFully(InputStream in, long n) throws IOException {
        in.skipNBytes(n); // EOFException when the file ends first
    }

    // HEIC and AVIF (ISO base media files): every image item's size is an `ispe` property in
    // meta/iprp/ipco. The largest one bounds what any decode of the file may allocate (a grid's
    // ispe is the whole picture, its tiles are smaller).
    private static Optional<Dimensions> isoBmff(Path file) throws IOException {
        try (var channel = FileChannel.open(file)) {
            var largest = new long[] {0, 0};
            boxes(channel, 0, channel.size(), 0, largest);
            return largest[0] > 0 ? Optional.of(new Dimensions(largest[0], largest[1])) : Optional.empty();
        }
    }

    private static void boxes(FileChannel channel, long from, long to, int depth, long[] largest) throws IOException {
        long position = from;
        for (int count = 0; position + 8 <= to && count < 10_000; count++) {
            var header = read(channel, position, 16);
            if (header.remaining() < 8) return;
            long size = u32(header, 0);
            var type = ascii(header, 4, 4);
            int headerLength = 8;
            if (size == 1) {
                if (header.remaining() < 16) return;
                size = header.order(ByteOrder.BIG_ENDIAN).getLong(8);
                headerLength = 16;
            } else if (size == 0) {
                size = to - position;
            }
            if (size < headerLength || position + size > to) return;
            long body = position + headerLength;
            switch (type) {
                case "meta" -> { if (depth == 0) boxes(channel, body + 4, position + size, depth + 1, largest); }
                case "iprp", "ipco" -> { if (depth > 0) boxes(channel, body, position + size, depth + 1, largest); }
                case "ispe" -> {
                    var ispe = read(channel, body, 12);
                    if (ispe.remaining() >= 12) {
                        long w = u32(ispe, 4), h = u32(ispe, 8);
                        if (w * h > largest[0] * largest[1]) {
                            largest[0] = w;
                            largest[1] = h;
                        }
                    }
                }
                default -> { }
            }
            position += size;
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        var buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) break;
        }
        return buffer.flip();
    }

    private static String ascii(ByteBuffer b, int offset, int length) {
        var bytes = new byte[length];
        b.get(offset, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static long u32(ByteBuffer b, int i) {
        return ((b.get(i) & 0xFFL) << 24) | ((b.get(i + 1) & 0xFFL) << 16) | ((b.get(i + 2) & 0xFFL) << 8) | (b.get(i + 3) & 0xFFL);
    }

    private static int u16(ByteBuffer b, int i) {
        return ((b.get(i) & 0xFF) << 8) | (b.get(i + 1) & 0xFF);
    }

    private static int le16(ByteBuffer b, int i) {
        return (b.get(i) & 0xFF) | (b.get(i + 1) & 0xFF) << 8;
    }

    private static long u32le(ByteBuffer b, int i) {
        return (b.get(i) & 0xFFL) | (b.get(i + 1) & 0xFFL) << 8 | (b.get(i + 2) & 0xFFL) << 16 | (b.get(i + 3) & 0xFFL) << 24;
    }

    private static long u24(ByteBuffer b, int i) {
        return (b.get(i) & 0xFFL) | (b.get(i + 1) & 0xFFL) << 8 | (b.get(i + 2) & 0xFFL) << 16;
    }
}
