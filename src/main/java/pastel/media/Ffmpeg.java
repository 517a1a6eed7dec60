package pastel.media;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import pastel.problem.PastelException;

/// ffmpeg as a bounded subprocess for features outside the media pipeline (profile pictures,
/// geofilter overlays): the same runner as the pipeline, a time limit, a problem on failure.
public final class Ffmpeg {
    private Ffmpeg() {}

    /// Runs `ffmpeg -nostdin -hide_banner -loglevel error -y <arguments>` in `workDir`; a failure
    /// or a timeout is a 415 with `failure` and ffmpeg's first line of error.
    public static void run(List<String> arguments, Duration limit, Path workDir, String failure) throws IOException {
        var command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
        command.addAll(arguments);
        try {
            var result = Processes.run(command, limit, workDir);
            if (!result.ok()) {
                var line = result.stderr().lines().filter(l -> !l.isBlank()).findFirst().orElse("unknown error");
                throw new PastelException.UnsupportedMedia(failure + ": " + line.replaceAll("/[^ :]*/", ""));
            }
        } catch (Processes.TimedOut e) {
            throw new PastelException.UnsupportedMedia(failure + ": " + e.getMessage());
        }
    }
}
