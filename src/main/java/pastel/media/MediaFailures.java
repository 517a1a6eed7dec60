package pastel.media;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pastel.problem.PastelException;

/// The one place where a library's failure on an upload becomes a problem for the client.
///
/// The client learns what is wrong with *its* input, in generic words; what libvips, ffmpeg or
/// ffprobe said goes to the log only. Their text may hold file paths, memory addresses (ffmpeg's
/// `[mov,mp4 @ 0x55d...]`) or, since libvips' error buffer is global, another upload's error.
final class MediaFailures {
    private static final Logger LOG = LoggerFactory.getLogger(MediaFailures.class);

    static final String IMAGE = "the image could not be decoded: the file is damaged, truncated, or not a JPEG, PNG, "
            + "WebP, GIF, HEIC or AVIF image";
    static final String VIDEO = "the video could not be decoded: the file is damaged, truncated, or uses a codec "
            + "that cannot be read";
    static final String ANIMATION = "the animation could not be decoded: the file is damaged or truncated";
    static final String TOO_SLOW = "the file could not be converted within the time allowed";

    private MediaFailures() {}

    /// Logs the library's words and returns the 415 the client gets.
    static PastelException.UnsupportedMedia rejected(String detail, String step, String libraryText) {
        LOG.info("upload rejected step={} detail=\"{}\" library=\"{}\"", step, detail, oneLine(libraryText));
        return new PastelException.UnsupportedMedia(detail);
    }

    private static String oneLine(String text) {
        var line = text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " | ").replace('"', '\'');
        return line.length() > 1000 ? line.substring(0, 1000) + "..." : line;
    }
}
