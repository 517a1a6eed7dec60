package pastel.media;

import java.nio.file.Path;

/// Images through libvips: orientation applied, colours converted to sRGB, at most 1920 px on
/// the long side, re-encoded with every piece of metadata removed (see [Vips]), plus a 320 px
/// thumbnail made with shrink-on-load.
///
/// sRGB rather than Display P3: a stored image then needs no ICC profile at all (every browser and
/// app assumes sRGB for an untagged image), so nothing of the camera's profile survives, and
/// thumbnails, posters and clients on any screen agree. Colours outside sRGB are clipped
/// (relative colorimetric intent), as `vips icc_transform` does by default.
final class ImageProcessor {
    static final int MAX_SIDE = 1920;
    static final int THUMB_SIDE = 320;

    record Stored(Path image, Path thumbnail, String contentType, int width, int height, boolean alpha) {}

    Stored process(Path source, Path workDir) {
        var vips = Vips.get();
        try {
            var header = vips.header(source);
            var alpha = header.alpha();
            // Transparency survives as WebP; everything else becomes a baseline JPEG.
            var suffix = alpha ? ".webp" : ".jpg";
            var options = alpha ? "[Q=85,strip]" : "[Q=85,strip,optimize_coding]";
            var image = workDir.resolve("image" + suffix);
            var size = vips.thumbnail(source, MAX_SIDE, image + options, header.profile());
            var thumbnail = workDir.resolve("thumb" + suffix);
            vips.thumbnail(image, THUMB_SIDE, thumbnail + options, false);
            if (alpha) {
                Chunks.stripWebp(image);
                Chunks.stripWebp(thumbnail);
            }
            return new Stored(image, thumbnail, alpha ? "image/webp" : "image/jpeg", size.width(), size.height(), alpha);
        } catch (Vips.VipsException e) {
            throw MediaFailures.rejected(MediaFailures.IMAGE, "vips " + e.step, e.getMessage());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
