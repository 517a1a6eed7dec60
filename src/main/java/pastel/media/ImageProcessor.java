package pastel.media;

import java.nio.file.Path;
import pastel.problem.PastelException;

/// Images through libvips: orientation applied, at most 1920 px on the long side, re-encoded
/// with every piece of metadata stripped, plus a 320 px thumbnail made with shrink-on-load.
final class ImageProcessor {
    static final int MAX_SIDE = 1920;
    static final int THUMB_SIDE = 320;

    record Stored(Path image, Path thumbnail, String contentType, int width, int height, boolean alpha) {}

    Stored process(Path source, Path workDir) {
        var vips = Vips.get();
        try {
            var alpha = vips.header(source).alpha();
            // Transparency survives as WebP; everything else becomes a progressive-free, baseline JPEG.
            var suffix = alpha ? ".webp" : ".jpg";
            var options = alpha ? "[Q=85,strip]" : "[Q=85,strip,optimize_coding]";
            var image = workDir.resolve("image" + suffix);
            var size = vips.thumbnail(source, MAX_SIDE, image + options);
            var thumbnail = workDir.resolve("thumb" + suffix);
            vips.thumbnail(image, THUMB_SIDE, thumbnail + options);
            return new Stored(image, thumbnail, alpha ? "image/webp" : "image/jpeg", size.width(), size.height(), alpha);
        } catch (Vips.VipsException e) {
            throw new PastelException.UnsupportedMedia("the image could not be read: "
                    + e.getMessage().replaceAll("/[^ :]*/", ""));
        }
    }
}
