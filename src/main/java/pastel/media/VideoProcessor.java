package pastel.media;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pastel.problem.PastelException;

/// Videos (and animated images) through ffprobe and ffmpeg: at most 60 s; H.264/AAC SDR streams
/// are copied when they already fit, anything else is transcoded; HDR (PQ or HLG) is tone-mapped
/// to BT.709 SDR; always MP4 with faststart and no metadata; plus a poster frame. Sizes are
/// reported as displayed: after the rotation a player applies and with square pixels.
final class VideoProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(VideoProcessor.class);
    static final Duration MAX_DURATION = Duration.ofSeconds(60);
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(20);
    private static final Duration ENCODE_LIMIT = Duration.ofMinutes(5);
    private static final int MAX_SIDE = 1920;
    private static final Set<String> HDR_TRANSFERS = Set.of("smpte2084", "arib-std-b67");

    record Stored(Path video, Path poster, int width, int height, long durationMs) {}

    Stored process(Path source, Path workDir) throws IOException {
        var probe = probe(source, workDir, MediaFailures.VIDEO);
        JsonNode video = null;
        JsonNode audio = null;
        for (var stream : probe.path("streams")) {
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

        var transfer = video.path("color_transfer").asText("");
        var hdr = HDR_TRANSFERS.contains(transfer);
        var displayed = displayed(video);
        var copyVideo = !hdr && video.path("codec_name").asText().equals("h264") && Math.max(width, height) <= MAX_SIDE
                && video.path("pix_fmt").asText().equals("yuv420p") && displayed.squarePixels();
        var copyAudio = audio == null || audio.path("codec_name").asText().equals("aac");
        var output = workDir.resolve("video.mp4");
        var poster = workDir.resolve("poster.jpg");
        var command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                "-i", source.toString()));
        if (copyVideo) {
            command.addAll(List.of("-map", "0:v:0", "-map", "0:a:0?"));
            command.addAll(stripped());
            command.addAll(List.of("-c:v", "copy"));
        } else {
            // ffmpeg turns the picture upright first (autorotate), so the box applies to what is seen.
            var fit = displayed.fitIn(MAX_SIDE);
            var filters = "scale=" + fit.width() + ":" + fit.height() + ",setsar=1";
            if (hdr) filters += "," + toneMap(video, transfer);
            // The poster is the first converted frame, taken in the same run (one decode, one tone mapping).
            command.addAll(List.of("-filter_complex", "[0:v:0]" + filters + ",format=yuv420p,split=2[video][first];"
                    + "[first]" + POSTER_FILTER + "[poster]", "-map", "[video]", "-map", "0:a:0?"));
            command.addAll(stripped());
            command.addAll(h264());
            if (hdr) command.addAll(bt709Tags());
        }
        command.addAll(copyAudio ? List.of("-c:a", "copy") : List.of("-c:a", "aac", "-b:a", "128k"));
        command.addAll(List.of("-movflags", "+faststart", "-f", "mp4", output.toString()));
        if (!copyVideo) command.addAll(posterOutput("[poster]", poster));
        var started = System.nanoTime();
        run(command, ENCODE_LIMIT, workDir, MediaFailures.VIDEO);
        // The exact command, for operators and for bench/media.sh, which replays it by hand.
        LOG.info("video converted ms={} hdr={} copy={} command=\"{}\"", (System.nanoTime() - started) / 1_000_000, hdr,
                copyVideo, String.join(" ", command));
        return copyVideo ? finish(output, null, null, workDir, seconds)
                : finish(output, poster, displayed.fitIn(MAX_SIDE), workDir, seconds);
    }

    /// An animated image (GIF, APNG, or the frames of an animated WebP listed in an ffconcat file)
    /// as a silent, looping-ready H.264 video: transparency flattened onto white, every frame
    /// with its own duration, no metadata.
    Stored animate(List<String> input, Path workDir) throws IOException {
        var output = workDir.resolve("video.mp4");
        var command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
        command.addAll(input);
        // White under the transparent parts: a copy of each frame made opaque white, the frame
        // drawn over it (same timestamps, so frames pair up one to one).
        command.addAll(List.of("-filter_complex", "[0:v:0]format=rgba,split[a][b];[a]lutrgb=r=255:g=255:b=255:a=255[bg];"
                + "[bg][b]overlay=format=rgb,"
                + "scale='min(" + MAX_SIDE + ",iw)':'min(" + MAX_SIDE + ",ih)':force_original_aspect_ratio=decrease"
                + ":force_divisible_by=2:out_color_matrix=bt709,setsar=1,format=yuv420p,split=2[video][first];"
                + "[first]" + POSTER_FILTER + "[poster]",
                "-map", "[video]", "-an", "-fps_mode", "vfr"));
        command.addAll(stripped());
        command.addAll(h264());
        command.addAll(bt709Tags());
        command.addAll(List.of("-movflags", "+faststart", "-f", "mp4", output.toString()));
        var poster = workDir.resolve("poster.jpg");
        command.addAll(posterOutput("[poster]", poster));
        run(command, ENCODE_LIMIT, workDir, MediaFailures.ANIMATION);
        return finish(output, poster, null, workDir, -1);
    }

    /// `poster`: made by the conversion itself, or null when the video was copied: then it is
    /// taken from the stored file, side by side with the probe (one process's time, not two).
    /// `converted`: the size the conversion scaled to, when it is known; then no probe runs at all
    /// (the duration is the one the MP4 declares, which is what ffprobe would say).
    private Stored finish(Path output, Path poster, Displayed converted, Path workDir, double sourceSeconds) throws IOException {
        JsonNode stored = null;
        if (poster != null && converted != null) {
            // Known already: the size (scaled upright, square pixels) and the poster.
        } else if (poster != null) {
            stored = probe(output, workDir, MediaFailures.VIDEO);
        } else {
            poster = workDir.resolve("poster.jpg");
            var command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                    "-i", output.toString(), "-filter_complex", "[0:v:0]" + POSTER_FILTER + "[poster]"));
            command.addAll(posterOutput("[poster]", poster));
            var posterRun = new java.util.concurrent.FutureTask<>(() -> run(command, PROBE_LIMIT, workDir, MediaFailures.VIDEO));
            Thread.ofVirtual().name("video-poster").start(posterRun);
            try {
                stored = probe(output, workDir, MediaFailures.VIDEO);
            } finally {
                awaitPoster(posterRun);
            }
        }
        var seconds = stored != null ? stored.path("format").path("duration").asDouble(-1)
                : Mp4Duration.of(output).orElse(-1);
        if (seconds <= 0) seconds = sourceSeconds;
        if (seconds <= 0) throw new PastelException.UnsupportedMedia("the video's duration cannot be read");
        checkDuration(seconds);
        var shown = converted;
        if (stored != null) {
            JsonNode storedVideo = null;
            for (var stream : stored.path("streams")) {
                if (stream.path("codec_type").asText().equals("video")) {
                    storedVideo = stream;
                    break;
                }
            }
            if (storedVideo == null) throw MediaFailures.rejected(MediaFailures.VIDEO, "ffprobe stored", "no video stream after conversion");
            shown = displayed(storedVideo);
        }
        return new Stored(output, poster, shown.shownWidth(), shown.shownHeight(), Math.round(seconds * 1000));
    }

    /// The poster: the first frame, at most 320 x 320 (trim ends the branch there, so the other
    /// frames cost nothing on it).
    private static final String POSTER_FILTER = "trim=end_frame=1,scale=320:320:force_original_aspect_ratio=decrease";

    /// The poster as an output of an ffmpeg command: one JPEG frame, no metadata.
    private static List<String> posterOutput(String label, Path poster) {
        return List.of("-map", label, "-frames:v", "1", "-map_metadata", "-1", "-fflags", "+bitexact",
                "-flags:v", "+bitexact", "-q:v", "4", "-f", "image2", poster.toString());
    }

    // No container or stream metadata, no chapters, subtitles or data streams, no encoder tag.
    private static List<String> stripped() {
        return List.of("-sn", "-dn", "-map_metadata", "-1", "-map_metadata:s:v", "-1", "-map_metadata:s:a", "-1",
                "-map_chapters", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
                "-t", String.valueOf(MAX_DURATION.toSeconds() + 1));
    }

    private static List<String> h264() {
        return List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p");
    }

    private static List<String> bt709Tags() {
        return List.of("-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709", "-color_range", "tv");
    }

    /// PQ or HLG to BT.709 SDR: to linear light (100 cd/m² as reference white), BT.2020 to BT.709
    /// primaries, Hable's curve for the highlights (desaturation off, to keep colours), then the
    /// BT.709 transfer and matrix, limited range. zscale is told the input's tags explicitly,
    /// since not every decoder passes them on the frames.
    private static String toneMap(JsonNode video, String transfer) {
        var primaries = orDefault(video.path("color_primaries").asText(""), "bt2020");
        var matrix = orDefault(video.path("color_space").asText(""), "bt2020nc");
        var range = video.path("color_range").asText("").equals("pc") ? "full" : "limited";
        return "zscale=tin=" + transfer + ":pin=" + primaries + ":min=" + matrix + ":rin=" + range
                + ":t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=hable:desat=0,"
                + "zscale=t=bt709:m=bt709:r=limited";
    }

    private static String orDefault(String value, String fallback) {
        return value.isEmpty() || value.equals("unknown") ? fallback : value;
    }

    /// A stream's coded size, sample aspect ratio and rotation (display matrix), and what a viewer sees.
    record Displayed(int width, int height, int sarNum, int sarDen, int rotation) {
        boolean squarePixels() {
            return sarNum == sarDen;
        }

        boolean sideways() {
            return Math.abs(rotation) % 180 == 90;
        }

        int shownWidth() {
            return sideways() ? height : squareWidth();
        }

        int shownHeight() {
            return sideways() ? squareWidth() : height;
        }

        private int squareWidth() {
            return (int) Math.round((double) width * sarNum / sarDen);
        }

        /// The displayed size scaled to fit in `box` x `box` (never enlarged), both sides even.
        Displayed fitIn(int box) {
            double w = shownWidth(), h = shownHeight();
            double scale = Math.min(1.0, Math.min(box / w, box / h));
            return new Displayed(even(w * scale), even(h * scale), 1, 1, 0);
        }

        private static int even(double value) {
            return Math.max(2, (int) Math.round(value / 2) * 2);
        }
    }

    static Displayed displayed(JsonNode stream) {
        int sarNum = 1, sarDen = 1;
        var sar = stream.path("sample_aspect_ratio").asText("1:1").split(":");
        if (sar.length == 2) {
            try {
                int n = Integer.parseInt(sar[0]), d = Integer.parseInt(sar[1]);
                if (n > 0 && d > 0) {
                    sarNum = n;
                    sarDen = d;
                }
            } catch (NumberFormatException e) {
                // "N/A": square pixels
            }
        }
        int rotation = stream.path("tags").path("rotate").asInt(0);
        for (var side : stream.path("side_data_list")) {
            if (side.has("rotation")) rotation = side.path("rotation").asInt();
        }
        return new Displayed(stream.path("width").asInt(), stream.path("height").asInt(), sarNum, sarDen, rotation);
    }

    /// Refuses videos over the limit; an unknown duration (zero or less) is checked after conversion.
    static void checkDuration(double seconds) {
        if (seconds > MAX_DURATION.toSeconds()) {
            throw new PastelException.TooLarge("videos may last at most " + MAX_DURATION.toSeconds() + " s; this one lasts "
                    + Math.round(seconds) + " s");
        }
    }

    private static JsonNode probe(Path file, Path workDir, String failure) throws IOException {
        var result = run(List.of("ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                file.toString()), PROBE_LIMIT, workDir, failure);
        return pastel.http.Json.MAPPER.readTree(result.stdout());
    }

    /// Waits for the poster's ffmpeg (never left running in a work folder about to be deleted) and
    /// rethrows what it failed with.
    private static void awaitPoster(java.util.concurrent.FutureTask<Processes.Result> posterRun) throws IOException {
        try {
            posterRun.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the poster", e);
        } catch (java.util.concurrent.ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                default -> throw new IOException(e.getCause());
            }
        }
    }

    private static Processes.Result run(List<String> command, Duration limit, Path workDir, String failure) throws IOException {
        try {
            var result = Processes.run(command, limit, workDir);
            if (!result.ok()) throw MediaFailures.rejected(failure, command.getFirst(), result.stderr());
            return result;
        } catch (Processes.TimedOut e) {
            throw MediaFailures.rejected(MediaFailures.TOO_SLOW, command.getFirst(), e.getMessage());
        }
    }

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/ffmpeg")) || Files.isExecutable(Path.of("/usr/local/bin/ffmpeg"));
    }
}
