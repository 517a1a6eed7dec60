package pastel.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/// Animated GIF, APNG and WebP as short H.264 videos, as most platforms store them: smaller than
/// the original, playable everywhere, and looping in the clients (the upload answers `animated`).
///
/// ffmpeg reads GIF and APNG itself, frame delays included. It cannot read animated WebP (Debian's
/// ffmpeg 5.1), so libvips decodes those frames to bare PNG files listed with their delays in an
/// ffconcat file that ffmpeg then reads.
final class AnimationProcessor {
    private final VideoProcessor videos;

    AnimationProcessor(VideoProcessor videos) {
        this.videos = videos;
    }

    VideoProcessor.Stored process(MediaType type, Path source, Path workDir) throws IOException {
        List<String> input = switch (type) {
            case GIF -> List.of("-f", "gif", "-i", source.toString());
            case PNG -> {
                var bare = workDir.resolve("bare.png");
                Chunks.bareApng(source, bare);
                yield List.of("-f", "apng", "-i", bare.toString());
            }
            case WEBP -> List.of("-f", "concat", "-safe", "0", "-i", webpFrames(source, workDir).toString());
            default -> throw new IllegalArgumentException("not an animated format: " + type);
        };
        return videos.animate(input, workDir);
    }

    private static Path webpFrames(Path source, Path workDir) throws IOException {
        var dir = Files.createDirectory(workDir.resolve("frames"));
        Vips.Frames frames;
        try {
            frames = Vips.get().frames(source, dir);
        } catch (Vips.VipsException e) {
            throw MediaFailures.rejected(MediaFailures.ANIMATION, "vips " + e.step, e.getMessage());
        }
        var list = new StringBuilder("ffconcat version 1.0\n");
        for (int i = 0; i < frames.files().size(); i++) {
            var seconds = ImageHeader.effectiveDelayMs(frames.delaysMs().get(i)) / 1000.0;
            list.append("file '").append(frames.files().get(i)).append("'\n")
                    .append(String.format(Locale.ROOT, "duration %.3f%n", seconds));
        }
        // The concat demuxer only honours the last duration when the last file is listed again.
        list.append("file '").append(frames.files().getLast()).append("'\n");
        var file = workDir.resolve("frames.ffconcat");
        Files.writeString(file, list);
        return file;
    }
}
