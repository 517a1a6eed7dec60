package pastel.support;

import static pastel.support.TestMedia.run;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/// The fidelity corpus of the media tests, made on the spot with ImageIO, libvips, ffmpeg and
/// exiftool (no binary committed): wide-gamut photos, HDR clips, rotated videos, animations,
/// files tagged with every kind of metadata, and bombs. Small on purpose (the test run's budget).
public final class MediaCorpus {
    private MediaCorpus() {}

    /// Colour patches (reds, oranges, teals, green, pink, yellow),
    /// 128 x 64, as an untagged sRGB PNG: flat areas, so lossy re-encoding barely moves them.
    public static Path patches(Path dir) throws IOException {
        var file = dir.resolve("patches.png");
        if (Files.exists(file)) return file;
        // Inside every gamut tested, so that no conversion clips them (a clipped primary reads the
        // same whether converted or not, which would hide a missing conversion).
        // Chosen where Display P3 and sRGB differ most (mean CIEDE2000 3.6 when the profile is ignored).
        Color[] colours = {new Color(200, 40, 40), new Color(220, 120, 40), new Color(80, 170, 170), new Color(210, 90, 50),
                new Color(90, 180, 190), new Color(100, 190, 120), new Color(230, 70, 90), new Color(240, 200, 80)};
        var image = new BufferedImage(128, 64, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        for (int i = 0; i < colours.length; i++) {
            g.setColor(colours[i]);
            g.fillRect((i % 4) * 32, (i / 4) * 32, 32, 32);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /// The patches' values tagged as `profile` (a libvips built-in name such as `p3`, or an ICC
    /// file) in a JPEG: the same numbers mean more saturated colours than in sRGB.
    public static Path taggedJpeg(Path dir, String name, String profile) throws IOException {
        var file = dir.resolve(name + ".jpg");
        run("vips", "copy", patches(dir).toString(), file + "[Q=95,profile=" + profile + "]");
        return file;
    }

    /// The patches' values tagged as `profile` in the format of `name`'s suffix (HEIC, AVIF: their
    /// savers take no `profile` option, so the profile rides along from a tagged PNG).
    public static Path converted(Path dir, String name, String profile) throws IOException {
        var file = dir.resolve(name);
        if (Files.exists(file)) return file;
        if (profile.equals("cmyk")) {
            run("vips", "icc_transform", patches(dir).toString(), file.toString(), profile);
            return file;
        }
        var tagged = dir.resolve(name + ".tagged.png");
        run("vips", "copy", patches(dir).toString(), tagged + "[profile=" + profile + "]");
        run("vips", "copy", tagged.toString(), file.toString());
        return file;
    }

    /// `input` converted to sRGB from its embedded profile by `vips icc_transform`: the reference.
    public static Path srgbReference(Path input, Path dir) {
        var file = dir.resolve(input.getFileName() + ".ref.png");
        run("vips", "icc_transform", input.toString(), file.toString(), "srgb", "--embedded");
        return file;
    }

    /// The mean CIEDE2000 difference of two images of the same size (libvips converts both to Lab).
    public static double meanDeltaE00(Path a, Path b, Path dir) {
        var difference = dir.resolve("de00-" + System.nanoTime() + ".v");
        try {
            run("vips", "dE00", a.toString(), b.toString(), difference.toString());
            return Double.parseDouble(run("vips", "avg", difference.toString()).strip());
        } finally {
            try {
                Files.deleteIfExists(difference);
            } catch (IOException ignored) {
                // a temporary folder; JUnit removes it
            }
        }
    }

    /// An ICC v2 matrix/TRC profile for Adobe RGB (1998): primaries adapted to D50, gamma 563/256.
    public static Path adobeRgbProfile(Path dir) throws IOException {
        var file = dir.resolve("adobe-rgb.icc");
        if (Files.exists(file)) return file;
        double[][] colorants = {{0.60974, 0.31111, 0.01947}, {0.20528, 0.62567, 0.06087}, {0.14919, 0.06322, 0.74457}};
        var tags = new ByteArrayOutputStream();
        var table = new ByteArrayOutputStream();
        String[] signatures = {"desc", "cprt", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC"};
        byte[][] bodies = new byte[signatures.length][];
        bodies[0] = description("Adobe RGB (1998) compatible, Pastel tests");
        bodies[1] = text("No copyright, use freely");
        bodies[2] = xyz(0.9642, 1.0, 0.8249);
        for (int i = 0; i < 3; i++) bodies[3 + i] = xyz(colorants[i][0], colorants[i][1], colorants[i][2]);
        var curve = ByteBuffer.allocate(14).put("curv".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(1)
                .putShort((short) 563).array();
        for (int i = 0; i < 3; i++) bodies[6 + i] = curve;
        int offset = 128 + 4 + 12 * signatures.length;
        for (int i = 0; i < signatures.length; i++) {
            var entry = ByteBuffer.allocate(12).put(signatures[i].getBytes(StandardCharsets.US_ASCII))
                    .putInt(offset + tags.size()).putInt(bodies[i].length);
            table.writeBytes(entry.array());
            tags.writeBytes(bodies[i]);
            while (tags.size() % 4 != 0) tags.write(0);
        }
        int size = offset + tags.size();
        var header = ByteBuffer.allocate(128);
        header.putInt(size).putInt(0).putInt(0x02100000).put("mntrRGB XYZ ".getBytes(StandardCharsets.US_ASCII));
        header.putShort((short) 2026).putShort((short) 1).putShort((short) 1).putShort((short) 0).putShort((short) 0).putShort((short) 0);
        header.put("acsp".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(0).putInt(0).putInt(0).putLong(0).putInt(0);
        header.putInt(s15(0.9642)).putInt(s15(1.0)).putInt(s15(0.8249));
        var out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(ByteBuffer.allocate(4).putInt(signatures.length).array());
        out.writeBytes(table.toByteArray());
        out.writeBytes(tags.toByteArray());
        Files.write(file, out.toByteArray());
        return file;
    }

    private static int s15(double value) {
        return (int) Math.round(value * 65536);
    }

    private static byte[] xyz(double x, double y, double z) {
        return ByteBuffer.allocate(20).put("XYZ ".getBytes(StandardCharsets.US_ASCII)).putInt(0)
                .putInt(s15(x)).putInt(s15(y)).putInt(s15(z)).array();
    }

    private static byte[] text(String value) {
        var ascii = (value + "\0").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(8 + ascii.length).put("text".getBytes(StandardCharsets.US_ASCII)).putInt(0).put(ascii).array();
    }

    private static byte[] description(String value) {
        var ascii = (value + "\0").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(12 + ascii.length + 4 + 4 + 2 + 1 + 67).put("desc".getBytes(StandardCharsets.US_ASCII))
                .putInt(0).putInt(ascii.length).put(ascii).array();
    }

    /// A 1 s, 320 x 180, 10-bit HEVC clip of HD colour bars in HDR: `smpte2084` (HDR10, PQ) or
    /// `arib-std-b67` (HLG), BT.2020, tagged as phones tag them.
    public static Path hdrClip(Path dir, String transfer) {
        var file = dir.resolve("hdr-" + transfer + ".mp4");
        if (Files.exists(file)) return file;
        run("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "smptehdbars=duration=1:size=320x180:rate=10",
                "-vf", "zscale=tin=bt709:min=bt709:pin=bt709:rin=limited:t=" + transfer + ":m=bt2020nc:p=bt2020:r=limited:npl=100,format=yuv420p10le",
                "-c:v", "libx265", "-preset", "ultrafast", "-x265-params",
                "log-level=error:colorprim=bt2020:transfer=" + transfer + ":colormatrix=bt2020nc",
                "-color_primaries", "bt2020", "-color_trc", transfer, "-colorspace", "bt2020nc", "-tag:v", "hvc1", file.toString());
        return file;
    }

    /// The first frame of `clip` tone-mapped to BT.709 by ffmpeg (linear light, Hable), as a PNG.
    public static Path toneMappedFrame(Path clip, String transfer, Path dir) {
        var file = dir.resolve(clip.getFileName() + ".tonemapped.png");
        run("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", clip.toString(), "-frames:v", "1", "-vf",
                "zscale=tin=" + transfer + ":min=bt2020nc:pin=bt2020:t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,"
                        + "tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv,format=yuv420p,"
                        + "scale=in_color_matrix=bt709:in_range=tv,format=rgb24", file.toString());
        return file;
    }

    /// Frame `index` of a video as an RGB PNG, read with the matrix the file is tagged with.
    public static Path frame(Path video, int index, Path dir) {
        var file = dir.resolve(video.getFileName() + ".frame" + index + ".png");
        run("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", video.toString(), "-vf",
                "select=eq(n\\," + index + "),format=rgb24", "-frames:v", "1", file.toString());
        return file;
    }

    /// The frame shown at `seconds` into a video, as an RGB PNG.
    public static Path frameAt(Path video, double seconds, Path dir) {
        var file = dir.resolve(video.getFileName() + ".at" + Math.round(seconds * 1000) + ".png");
        run("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-ss", String.format(Locale.ROOT, "%.3f", seconds),
                "-i", video.toString(), "-frames:v", "1", "-vf", "format=rgb24", file.toString());
        return file;
    }

    /// A 16 x 16 GIF of `frames` different frames, 10 a second.
    public static byte[] manyFrameGif(Path dir, int frames) throws IOException {
        var file = dir.resolve("frames-" + frames + ".gif");
        run("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=16x16:rate=10",
                "-frames:v", String.valueOf(frames), file.toString());
        return Files.readAllBytes(file);
    }

    /// A 1 s clip of `size` (e.g. `320x180`) whose container says "rotate by `rotation`°", encoded
    /// with `codec` (`libx264` is copied as is by Pastel, `libx265` is transcoded).
    public static Path rotatedClip(Path dir, String codec, int rotation) {
        var plain = dir.resolve("plain-" + codec + ".mp4");
        var file = dir.resolve("rotated-" + codec + "-" + rotation + ".mp4");
        if (Files.exists(file)) return file;
        run("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=duration=1:size=320x180:rate=10",
                "-c:v", codec, "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                codec.equals("libx265") ? "-x265-params" : "-profile:v", codec.equals("libx265") ? "log-level=error" : "high",
                plain.toString());
        run("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", plain.toString(), "-c", "copy",
                "-metadata:s:v", "rotate=" + rotation, file.toString());
        return file;
    }

    /// A 64 x 48 animation of three frames (red, green, blue; each 200 ms; a transparent band at
    /// the bottom) as `gif`, `webp` or `apng`, tagged with metadata where the format has room.
    public static Path animation(Path dir, String format) throws IOException {
        var file = dir.resolve("animated." + format.replace("apng", "png"));
        if (Files.exists(file)) return file;
        Color[] colours = {Color.RED, Color.GREEN, Color.BLUE};
        for (int i = 0; i < colours.length; i++) {
            var image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_ARGB);
            var g = image.createGraphics();
            g.setColor(colours[i]);
            g.fillRect(0, 0, 64, 40);
            g.dispose();
            ImageIO.write(image, "png", dir.resolve("frame-" + i + ".png").toFile());
        }
        var frames = dir.resolve("frame-%d.png").toString();
        switch (format) {
            case "gif" -> run("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-framerate", "5", "-i", frames,
                    "-filter_complex", "split[a][b];[a]palettegen=reserve_transparent=1[p];[b][p]paletteuse=alpha_threshold=128",
                    "-loop", "0", file.toString());
            case "apng" -> run("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-framerate", "5", "-i", frames,
                    "-plays", "0", "-f", "apng", file.toString());
            case "webp" -> {
                var gif = animation(dir, "gif");
                run("vips", "copy", gif + "[n=-1]", file + "[Q=90]");
            }
            default -> throw new IllegalArgumentException(format);
        }
        tagEverything(file);
        return file;
    }

    /// Writes GPS, camera make, model and serial, XMP, IPTC and a comment into `file`, as far as
    /// its format can hold them (exiftool decides), plus the EXIF block (maker note included) of
    /// [TestMedia#jpegWithEverything] when `exifFrom` is given.
    public static void tagEverything(Path file, Path exifFrom) {
        if (exifFrom != null) {
            run("exiftool", "-q", "-q", "-overwrite_original", "-tagsFromFile", exifFrom.toString(), "-exif:all",
                    "-makernotes:all", file.toString());
        }
        tagEverything(file);
    }

    public static void tagEverything(Path file) {
        var name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        var command = new java.util.ArrayList<>(java.util.List.of("exiftool", "-q", "-q", "-m", "-overwrite_original",
                "-GPSLatitude=43.6045", "-GPSLatitudeRef=N", "-GPSLongitude=1.4442", "-GPSLongitudeRef=E",
                "-XMP-dc:Creator=Secret Photographer", "-XMP-dc:Description=taken at home",
                "-XMP-exif:GPSLatitude=43.6045", "-Comment=my home address"));
        if (!name.endsWith(".gif")) {
            command.addAll(java.util.List.of("-Make=Canon", "-Model=EOS R5", "-SerialNumber=SN-0123456789"));
        }
        if (name.endsWith(".png") || name.endsWith(".jpg")) command.add("-IPTC:City=Toulouse");
        command.add(file.toString());
        run(command.toArray(String[]::new));
    }

    /// `bytes` of a HEIF/AVIF file with every `ispe` (image size) property set to `width` x `height`.
    public static byte[] withIspe(byte[] bytes, int width, int height) {
        var text = new String(bytes, StandardCharsets.ISO_8859_1);
        var copy = bytes.clone();
        int found = 0;
        for (int at = text.indexOf("ispe"); at >= 0; at = text.indexOf("ispe", at + 4)) {
            ByteBuffer.wrap(copy, at + 8, 8).putInt(width).putInt(height);
            found++;
        }
        if (found == 0) throw new AssertionError("no ispe box in the file");
        return copy;
    }

    /// `bytes` of a GIF whose logical screen and image descriptors claim `width` x `height`.
    public static byte[] gifClaiming(byte[] bytes, int width, int height) {
        var copy = bytes.clone();
        var b = ByteBuffer.wrap(copy).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putShort(6, (short) width).putShort(8, (short) height);
        for (int i = 13; i + 9 < copy.length; i++) {
            // An image descriptor follows a graphic control extension (21 F9 04 .. .. .. .. 00).
            if ((copy[i] & 0xFF) == 0x21 && (copy[i + 1] & 0xFF) == 0xF9 && copy[i + 2] == 4 && i + 8 < copy.length
                    && (copy[i + 8] & 0xFF) == 0x2C) {
                b.putShort(i + 8 + 5, (short) width).putShort(i + 8 + 7, (short) height);
            }
        }
        return copy;
    }

    /// `bytes` of a GIF with every frame's delay set to `centiseconds`.
    public static byte[] gifWithDelay(byte[] bytes, int centiseconds) {
        var copy = bytes.clone();
        var b = ByteBuffer.wrap(copy).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 13; i + 6 < copy.length; i++) {
            if ((copy[i] & 0xFF) == 0x21 && (copy[i + 1] & 0xFF) == 0xF9 && copy[i + 2] == 4) b.putShort(i + 4, (short) centiseconds);
        }
        return copy;
    }

    /// `bytes` of an extended WebP (VP8X) whose canvas claims `width` x `height`.
    public static byte[] webpClaiming(byte[] bytes, int width, int height) {
        if (!new String(bytes, 12, 4, StandardCharsets.ISO_8859_1).equals("VP8X")) throw new AssertionError("not VP8X");
        var copy = bytes.clone();
        int w = width - 1, h = height - 1;
        copy[24] = (byte) w;
        copy[25] = (byte) (w >> 8);
        copy[26] = (byte) (w >> 16);
        copy[27] = (byte) h;
        copy[28] = (byte) (h >> 8);
        copy[29] = (byte) (h >> 16);
        return copy;
    }
}
