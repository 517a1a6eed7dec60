package pastel.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Dimensions from the container's header, before any decoder runs ([ImageHeader]).
class ImageHeaderTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws Exception {
        var file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private Path encoded(String format, int width, int height) throws Exception {
        var out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format, out);
        return write("image." + format, out.toByteArray());
    }

    @Test
    void readsTheSizeOfRealImages() throws Exception {
        assertThat(ImageHeader.read(MediaType.PNG, encoded("png", 300, 200)))
                .contains(new ImageHeader.Dimensions(300, 200));
        assertThat(ImageHeader.read(MediaType.JPEG, encoded("jpeg", 640, 480)))
                .contains(new ImageHeader.Dimensions(640, 480));
        assertThat(ImageHeader.read(MediaType.GIF, encoded("gif", 17, 33)))
                .contains(new ImageHeader.Dimensions(17, 33));
    }

    @Test
    void aDecompressionBombIsMeasuredWithoutDecodingIt() throws Exception {
        // A 45-byte PNG whose header claims 30000 x 30000 pixels (900 megapixels).
        var bomb = write("bomb.png", png(30_000, 30_000));
        var dimensions = ImageHeader.read(MediaType.PNG, bomb).orElseThrow();
        assertThat(dimensions.pixels()).isEqualTo(900_000_000L);
        assertThat(dimensions.animated()).isFalse();
    }

    @Test
    void anAnimatedGifCountsItsFramesAndTheirDelays() throws Exception {
        var gif = ByteBuffer.allocate(128).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        gif.put("GIF89a".getBytes()).putShort((short) 10).putShort((short) 20).put((byte) 0).put((byte) 0).put((byte) 0);
        frame(gif, 10, 10, 20);  // 100 ms
        frame(gif, 1, 30, 5);    // 10 ms, shown as 100 ms like browsers do; wider than the screen
        gif.put((byte) 0x3B);
        var bytes = java.util.Arrays.copyOf(gif.array(), gif.position());
        assertThat(ImageHeader.read(MediaType.GIF, write("animated.gif", bytes)))
                .contains(new ImageHeader.Dimensions(30, 20, 2, 200));
    }

    @Test
    void nothingWhenTheHeaderIsNotWhereTheFormatSays() throws Exception {
        var notPng = write("text.png", "this is not a PNG at all, only text long enough".getBytes());
        assertThat(ImageHeader.read(MediaType.PNG, notPng)).isEmpty();
        assertThat(ImageHeader.read(MediaType.JPEG, notPng)).isEmpty();
        assertThat(ImageHeader.read(MediaType.MP4, notPng)).as("not an image format").isEmpty();
        assertThat(ImageHeader.effectiveDelayMs(19)).isEqualTo(ImageHeader.DEFAULT_DELAY_MS);
        assertThat(ImageHeader.effectiveDelayMs(20)).isEqualTo(20);
    }

    /// A graphic control extension with `delayCs` hundredths of a second, then an empty image.
    private static void frame(ByteBuffer gif, int delayCs, int width, int height) {
        gif.put((byte) 0x21).put((byte) 0xF9).put((byte) 4).put((byte) 0).putShort((short) delayCs).put((byte) 0)
                .put((byte) 0);
        gif.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height)
                .put((byte) 0);
        gif.put((byte) 2).put((byte) 0); // LZW minimum code size, no data sub-blocks
    }

    /// The PNG signature and an IHDR chunk, nothing else.
    private static byte[] png(int width, int height) {
        var ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes()).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        var crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4 + 12)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue())
                .putInt(0).put("IEND".getBytes()).putInt(0xAE426082).array();
    }
}
