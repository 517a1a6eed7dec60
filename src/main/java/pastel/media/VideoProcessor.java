package pastel.media;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import pastel.http.Json;
import pastel.problem.PastelException;

/// Videos through ffprobe and ffmpeg: at most 60 s; H.264/AAC streams are copied when they
/// already fit, anything else is transcoded; always MP4 with faststart and no metadata; plus a
/// poster frame.
final class VideoProcessor {
    static final Duration MAX_DURATION = Duration.ofSeconds(60);
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(20);
    private static final Duration ENCODE_LIMIT = Duration.ofMinutes(5);
    private static final int MAX_SIDE = 1920;

    record Stored(Path video, Path poster, int width, int height, long durationMs) {}

    Stored process(Path source, Path workDir) throws IOException {
        var probe = probe(source, workDir);
        var streams = probe.path("streams");
        JsonNode video = null;
        JsonNode audio = null;
        for (var stream : streams) {
            var type = stream.path("codec_type").asText();
            if (type.equals("video") && video == null && !stream.path("disposition").path("attached_pic").asBoolean()) video = stream;
            if (type.equals("audio") && audio == null) audio = stream;
        }
        if (video == null) throw new PastelException.UnsupportedMedia("the file has no video stream");
        // Browsers' recordings (MediaRecorder WebM) carry no duration: those are measured on the
        // converted file, whose length the conversion caps just past the limit.
        var seconds = probe.path("format").path("duration").asDouble(video.path("duration").asDouble(-1));
        checkDuration(seconds);
        int width = video.path("width").asInt();
        int height = video.path("height").asInt();
        if (width <= 0 || height <= 0) throw new PastelException.UnsupportedMedia("the video's size cannot be read");

        var copyVideo = video.path("codec_name").asText().equals("h264") && Math.max(width, height) <= MAX_SIDE
                && video.path("pix_fmt").asText().equals("yuv420p");
        var copyAudio = audio == null || audio.path("codec_name").asText().equals("aac");
        var output = workDir.resolve("video.mp4");
        var command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                "-i", source.toString(), "-map", "0:v:0", "-map", "0:a:0?", "-sn", "-dn",
                "-map_metadata", "-1", "-map_metadata:s:v", "-1", "-map_metadata:s:a", "-1", "-map_chapters", "-1",
                "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
                "-t", String.valueOf(MAX_DURATION.toSeconds() + 1)));
        if (copyVideo) {
            command.addAll(List.of("-c:v", "copy"));
        } else {
            command.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
                    "-vf", "scale='min(" + MAX_SIDE + ",iw)':'min(" + MAX_SIDE + ",ih)':force_original_aspect_ratio=decrease:force_divisible_by=2"));
        }
        command.addAll(copyAudio ? List.of("-c:a", "copy") : List.of("-c:a", "aac", "-b:a", "128k"));
        command.addAll(List.of("-movflags", "+faststart", "-f", "mp4", output.toString()));
        run(command, ENCODE_LIMIT, workDir, "the video could not be converted");

        var stored = probe(output, workDir);
        if (seconds <= 0) {
            seconds = stored.path("format").path("duration").asDouble(-1);
            if (seconds <= 0) throw new PastelException.UnsupportedMedia("the video's duration cannot be read");
            checkDuration(seconds);
        }
        var storedVideo = stored.path("streams").get(0);
        var poster = workDir.resolve("poster.jpg");
        run(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", output.toString(),
                        "-frames:v", "1", "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact",
                        "-vf", "scale=320:320:force_original_aspect_ratio=decrease", "-q:v", "4", poster.toString()),
                PROBE_LIMIT, workDir, "the poster frame could not be made");
        return new Stored(output, poster, storedVideo.path("width").asInt(width), storedVideo.path("height").asInt(height),
                Math.round(seconds * 1000));
    }

    /// Refuses videos over the limit; an unknown duration (zero or less) is checked after conversion.
    private static void checkDuration(double seconds) {
        if (seconds > MAX_DURATION.toSeconds()) {
            throw new PastelException.TooLarge("videos may last at most " + MAX_DURATION.toSeconds() + " s; this one lasts "
                    + Math.round(seconds) + " s");
        }
    }

    private static JsonNode probe(Path file, Path workDir) throws IOException {
        var result = run(List.of("ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                file.toString()), PROBE_LIMIT, workDir, "the video could not be read");
        return Json.MAPPER.readTree(result.stdout());
    }

    private static Processes.Result run(List<String> command, Duration limit, Path workDir, String failure) throws IOException {
        try {
            var result = Processes.run(command, limit, workDir);
            if (!result.ok()) {
                throw new PastelException.UnsupportedMedia(failure + ": " + firstLine(result.stderr()));
            }
            return result;
        } catch (Processes.TimedOut e) {
            throw new PastelException.UnsupportedMedia(failure + ": " + e.getMessage());
        }
    }

    private static String firstLine(String text) {
        return text.lines().filter(l -> !l.isBlank()).findFirst().orElse("unknown error")
                .replaceAll("/[^ :]*/", "");
    }

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/ffmpeg")) || Files.isExecutable(Path.of("/usr/local/bin/ffmpeg"));
    }
}
