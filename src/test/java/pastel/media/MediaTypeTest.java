package pastel.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/// Formats are known by their first bytes ([MediaType#sniff]), whatever the name or claimed type.
class MediaTypeTest {

    private static Optional<MediaType> sniff(byte[] head) {
        return MediaType.sniff(head, head.length);
    }

    private static byte[] bytes(int... values) {
        var out = new byte[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (byte) values[i];
        return out;
    }

    /// An ISO BMFF file's first box: size, "ftyp", major brand, minor version, compatible brands.
    private static byte[] ftyp(String major, String... compatible) {
        var text = new StringBuilder("\0\0\0\u0020ftyp").append(major).append("\0\0\0\0");
        for (var brand : compatible) text.append(brand);
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void imagesByTheirSignatures() {
        assertThat(sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0))).contains(MediaType.JPEG);
        assertThat(sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A))).contains(MediaType.PNG);
        assertThat(sniff(ascii("GIF89a..."))).contains(MediaType.GIF);
        assertThat(sniff(ascii("GIF87a..."))).contains(MediaType.GIF);
        assertThat(sniff(ascii("RIFF\0\0\0\0WEBPVP8 "))).contains(MediaType.WEBP);
        assertThat(sniff(ascii("RIFF\0\0\0\0WAVEfmt "))).as("a RIFF that is not WebP").isEmpty();
    }

    @Test
    void isoMediaByItsBrands() {
        assertThat(sniff(ftyp("avif", "mif1", "miaf"))).contains(MediaType.AVIF);
        assertThat(sniff(ftyp("heic", "mif1", "heic"))).contains(MediaType.HEIC);
        assertThat(sniff(ftyp("mif1", "avif", "miaf"))).as("generic HEIF brand, AV1 inside").contains(MediaType.AVIF);
        assertThat(sniff(ftyp("mif1", "heic", "avif"))).as("generic HEIF brand, HEVC named").contains(MediaType.HEIC);
        assertThat(sniff(ftyp("isom", "iso2", "mp41"))).contains(MediaType.MP4);
        assertThat(sniff(ftyp("qt  "))).contains(MediaType.MOV);
        assertThat(sniff(ftyp("crx "))).as("a Canon raw file is ISO media too").isEmpty();
        assertThat(sniff(ascii("\0\0\0\u0008wide\0\0\0\0mdat"))).as("old QuickTime, no ftyp").contains(MediaType.MOV);
    }

    @Test
    void onlyWebMAmongMatroskaFiles() {
        var ebml = bytes(0x1A, 0x45, 0xDF, 0xA3);
        assertThat(sniff(concat(ebml, ascii("\u0093B\u0082\u0084webm")))).contains(MediaType.WEBM);
        assertThat(sniff(concat(ebml, ascii("\u0093B\u0082\u0088matroska")))).isEmpty();
    }

    @Test
    void kindsSplitPhotosFromVideos() {
        assertThat(MediaType.JPEG.kind).isEqualTo(Media.Kind.IMAGE);
        assertThat(MediaType.AVIF.kind).isEqualTo(Media.Kind.IMAGE);
        assertThat(MediaType.MP4.kind).isEqualTo(Media.Kind.VIDEO);
        assertThat(MediaType.WEBM.kind).isEqualTo(Media.Kind.VIDEO);
    }

    @Test
    void tooFewBytesOrAnythingElseIsNothing() {
        assertThat(sniff(bytes(0xFF, 0xD8))).isEmpty();
        assertThat(MediaType.sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0), 2)).as("only `length` bytes count").isEmpty();
        assertThat(sniff(ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"))).isEmpty();
        assertThat(sniff(ascii("%PDF-1.7\n"))).isEmpty();
        assertThat(sniff(new byte[0])).isEmpty();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        var out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
