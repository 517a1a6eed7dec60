package pastel.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalDouble;

/// The duration an MP4 declares in its movie header (`moov/mvhd`), which is what ffprobe reports
/// as the format's duration: read from the files Pastel's own conversion wrote (faststart, so
/// `moov` comes first), instead of starting ffprobe once more for it.
final class Mp4Duration {
    private Mp4Duration() {}

    static OptionalDouble of(Path file) throws IOException {
        try (var channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = 0;
            var size = channel.size();
            while (position + 8 <= size) {
                var header = read(channel, position, 16);
                long boxSize = Integer.toUnsignedLong(header.getInt(0));
                var type = header.getInt(4);
                int headerSize = 8;
                if (boxSize == 1) {
                    boxSize = header.getLong(8);
                    headerSize = 16;
                } else if (boxSize == 0) {
                    boxSize = size - position;
                }
                if (boxSize < headerSize) return OptionalDouble.empty();
                if (type == fourCc("moov")) return movieHeader(channel, position + headerSize, position + boxSize);
                position += boxSize;
            }
            return OptionalDouble.empty();
        }
    }

    private static OptionalDouble movieHeader(FileChannel channel, long from, long to) throws IOException {
        long position = from;
        while (position + 8 <= to) {
            var header = read(channel, position, 8);
            long boxSize = Integer.toUnsignedLong(header.getInt(0));
            if (boxSize < 8) return OptionalDouble.empty();
            if (header.getInt(4) == fourCc("mvhd")) {
                var body = read(channel, position + 8, 32);
                var version = body.get(0);
                long timescale = Integer.toUnsignedLong(version == 1 ? body.getInt(20) : body.getInt(12));
                long duration = version == 1 ? body.getLong(24) : Integer.toUnsignedLong(body.getInt(16));
                if (timescale == 0 || duration <= 0) return OptionalDouble.empty();
                return OptionalDouble.of((double) duration / timescale);
            }
            position += boxSize;
        }
        return OptionalDouble.empty();
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        var buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) break;
        }
        return buffer.clear();
    }

    private static int fourCc(String name) {
        return (name.charAt(0) << 24) | (name.charAt(1) << 16) | (name.charAt(2) << 8) | name.charAt(3);
    }
}
