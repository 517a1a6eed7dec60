package pastel.support;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/// Test media made on the spot (ImageIO, ffmpeg, exiftool, vips), never committed as binaries.
public final class TestMedia {
    private TestMedia() {}

    /// Runs a command and returns its standard output; fails the test if it fails.
    public static String run(String... command) {
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " timed out");
            }
            if (process.exitValue() != 0) throw new AssertionError(String.join(" ", command) + " failed: " + output);
            return output;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /// A 400 x 300 JPEG, left half red and right half blue, whose EXIF says "rotate 90° clockwise"
    /// (orientation 6), with GPS coordinates, a camera make and model, a maker note, XMP and IPTC.
    public static byte[] jpegWithEverything(Path dir) throws IOException {
        var image = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 200, 300);
        g.setColor(Color.BLUE);
        g.fillRect(200, 0, 200, 300);
        g.dispose();
        var plain = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", plain);
        var jpeg = plain.toByteArray();
        // Insert an APP1 Exif segment right after SOI.
        var exif = exifSegment();
        var out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(exif);
        out.write(jpeg, 2, jpeg.length - 2);
        var file = dir.resolve("everything.jpg");
        Files.write(file, out.toByteArray());
        run("exiftool", "-q", "-overwrite_original", "-XMP-dc:Creator=Secret Photographer",
                "-XMP-dc:Description=taken at home", "-IPTC:City=Toulouse", "-IPTC:By-line=Secret", file.toString());
        return Files.readAllBytes(file);
    }

    /// An APP1 segment with IFD0 (Make, Model, Orientation=6, ExifIFD, GPS IFD), a MakerNote in
    /// the Exif IFD and a GPS position (Place du Capitole).
    private static byte[] exifSegment() {
        var tiff = ByteBuffer.allocate(1024).order(ByteOrder.BIG_ENDIAN);
        tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
        // IFD0 at 8: 5 entries
        int ifd0 = 8, ifd0Entries = 5;
        int ifd0End = ifd0 + 2 + ifd0Entries * 12 + 4;
        int makeAt = ifd0End, modelAt = makeAt + 8, exifIfd = modelAt + 16;
        int exifEntries = 1, exifEnd = exifIfd + 2 + exifEntries * 12 + 4;
        int makerAt = exifEnd, makerLen = 24;
        int gpsIfd = makerAt + makerLen, gpsEntries = 4, gpsEnd = gpsIfd + 2 + gpsEntries * 12 + 4;
        int latAt = gpsEnd, lonAt = latAt + 24;
        tiff.position(ifd0);
        tiff.putShort((short) ifd0Entries);
        entry(tiff, 0x010F, 2, 7, makeAt);            // Make "Pastel" (unknown to exiftool: kept as raw maker note)
        entry(tiff, 0x0110, 2, 12, modelAt);          // Model "PastelCam 1"
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 6).putShort((short) 0); // Orientation 6
        entry(tiff, 0x8769, 4, 1, exifIfd);           // ExifIFD pointer
        entry(tiff, 0x8825, 4, 1, gpsIfd);            // GPS IFD pointer
        tiff.putInt(0);
        tiff.position(makeAt).put("Pastel\0".getBytes(StandardCharsets.US_ASCII));
        tiff.position(modelAt).put("PastelCam 1\0".getBytes(StandardCharsets.US_ASCII));
        tiff.position(exifIfd).putShort((short) exifEntries);
        entry(tiff, 0x927C, 7, makerLen, makerAt);    // MakerNote, UNDEFINED
        tiff.putInt(0);
        tiff.position(makerAt).put("SECRET-SERIAL-0123456789".getBytes(StandardCharsets.US_ASCII));
        tiff.position(gpsIfd).putShort((short) gpsEntries);
        tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put("N\0\0\0".getBytes(StandardCharsets.US_ASCII));
        entry(tiff, 0x0002, 5, 3, latAt);
        tiff.putShort((short) 0x0003).putShort((short) 2).putInt(2).put("E\0\0\0".getBytes(StandardCharsets.US_ASCII));
        entry(tiff, 0x0004, 5, 3, lonAt);
        tiff.putInt(0);
        tiff.position(latAt).putInt(43).putInt(1).putInt(36).putInt(1).putInt(1620).putInt(100);
        tiff.position(lonAt).putInt(1).putInt(1).putInt(26).putInt(1).putInt(3912).putInt(100);
        int length = lonAt + 24;
        var body = new byte[length];
        tiff.position(0);
        tiff.get(body);
        var segment = ByteBuffer.allocate(4 + 6 + length).order(ByteOrder.BIG_ENDIAN);
        segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + length));
        segment.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII)).put(body);
        return segment.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int offset) {
        b.putShort((short) tag).putShort((short) type).putInt(count).putInt(offset);
    }

    /// A PNG with an alpha channel (a transparent frame around an opaque band), as geofilters are.
    public static byte[] transparentPng(int width, int height) throws IOException {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        var g = image.createGraphics();
        g.setColor(new Color(255, 120, 0, 255));
        g.fillRect(0, height * 3 / 4, width, height / 8);
        g.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /// A noisy JPEG (so it does not compress to nothing) of the given size.
    public static byte[] noisyJpeg(int width, int height) throws IOException {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var random = new Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) image.setRGB(x, y, random.nextInt(0xFFFFFF));
        }
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    /// A tiny PNG whose header claims `width` x `height`: a decompression bomb's calling card.
    public static byte[] pngClaiming(int width, int height) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        var ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array();
        chunk(out, "IHDR", ihdr);
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        var typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        var crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /// An H.264/AAC MP4 of `seconds` with a location tag and a creation time.
    public static byte[] mp4WithLocation(Path dir, int seconds) throws IOException {
        var file = dir.resolve("located-" + seconds + ".mp4");
        run("ffmpeg", "-nostdin", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc=duration=" + seconds + ":size=320x240:rate=10",
                "-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds,
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                "-metadata", "location=+43.6045+001.4442/", "-metadata", "location-eng=+43.6045+001.4442/",
                "-metadata", "creation_time=2020-05-17T10:00:00Z", "-metadata", "title=my secret place",
                "-movflags", "+faststart", file.toString());
        return Files.readAllBytes(file);
    }

    /// A short WebM (VP8), which has to be transcoded.
    public static byte[] webm(Path dir) throws IOException {
        var file = dir.resolve("clip.webm");
        run("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=duration=1:size=160x120:rate=10",
                "-c:v", "libvpx", "-b:v", "200k", file.toString());
        return Files.readAllBytes(file);
    }

    /// A WebM written as a stream, as browsers' MediaRecorder writes them: no duration in it.
    public static byte[] streamedWebm(Path dir, int seconds) throws IOException {
        var file = dir.resolve("streamed-" + seconds + ".webm");
        run("sh", "-c", "ffmpeg -nostdin -loglevel error -f lavfi -i color=c=blue:duration=" + seconds
                + ":size=160x120:rate=2 -c:v libvpx -b:v 50k -f webm pipe:1 > " + file);
        return Files.readAllBytes(file);
    }

    /// A long video, cheap to make: 160 x 120 at 2 frames a second.
    public static byte[] longVideo(Path dir, int seconds) throws IOException {
        var file = dir.resolve("long.mp4");
        run("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "color=c=green:duration=" + seconds + ":size=160x120:rate=2",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", file.toString());
        return Files.readAllBytes(file);
    }

    /// An MP4 whose moov atom (the index) has been overwritten with garbage.
    public static byte[] mp4WithBrokenMoov(Path dir) throws IOException {
        var bytes = mp4WithLocation(dir, 1);
        var text = new String(bytes, StandardCharsets.ISO_8859_1);
        var moov = text.indexOf("moov");
        for (int i = moov + 4; i < Math.min(bytes.length, moov + 400); i++) bytes[i] = (byte) 0xEE;
        return bytes;
    }

    public static byte[] heic(Path dir) throws IOException {
        var jpeg = dir.resolve("for-heic.jpg");
        Files.write(jpeg, noisyJpeg(256, 192));
        var heic = dir.resolve("photo.heic");
        run("vips", "copy", jpeg.toString(), heic.toString());
        return Files.readAllBytes(heic);
    }

    public static byte[] zip() throws IOException {
        var out = new ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(out)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("photo.jpg"));
            zip.write("not really a photo".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    /// Every metadata tag exiftool finds, as "Group:Tag" names (File and Composite left out).
    public static List<String> metadataTags(Path file) {
        var output = run("exiftool", "-G1", "-s", "-a", "-u", file.toString());
        var tags = new ArrayList<String>();
        for (var line : output.lines().toList()) {
            if (line.startsWith("[ExifTool]") || line.startsWith("[System]") || line.startsWith("[File]")
                    || line.startsWith("[Composite]")) continue;
            var name = line.split(":", 2)[0].replaceAll("\\s+", " ").strip();
            tags.add(name);
        }
        return tags;
    }
}
