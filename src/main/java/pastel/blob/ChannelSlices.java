package pastel.blob;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;

/// Reads `length` bytes of a file channel from `offset` as a stream: a blob's byte range served
/// from disk, or one part of a multipart upload read from the spool file.
final class ChannelSlices {
    private ChannelSlices() {}

    /// `closesChannel` false leaves the channel open when the stream closes, for a channel shared
    /// by several streams (the parts of one upload) and closed once by its owner.
    static InputStream stream(FileChannel channel, long offset, long length, boolean closesChannel) throws IOException {
        var in = Channels.newInputStream(channel.position(offset));
        return new FilterInputStream(in) {
            long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) return -1;
                var b = super.read();
                if (b >= 0) left--;
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                if (left <= 0) return -1;
                var n = super.read(buffer, off, (int) Math.min(len, left));
                if (n > 0) left -= n;
                return n;
            }

            @Override
            public void close() throws IOException {
                if (closesChannel) super.close();
            }
        };
    }
}
