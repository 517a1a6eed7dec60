package pastel.media;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/// ffmpeg as a bounded subprocess for features outside the media pipeline (profile pictures,
/// geofilter overlays): the same runner as the pipeline, a time limit, a problem on failure.
public final class Ffmpeg {
    private Ffmpeg() {}

    /// Runs `ffmpeg -nostdin -hide_banner -loglevel error -y <arguments>` in `workDir`; a failure
    /// or a timeout is a 415 whose detail is `failure` alone: ffmpeg's words go to the log
    /// ([MediaFailures]), never to the client.
    public static void run(List<String> arguments, Duration limit, Path workDir, String failure) throws IOException {
        var command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
        command.addAll(arguments);
        try {
            var result = Processes.run(command, limit, workDir);
            if (!result.ok()) throw MediaFailures.rejected(failure, "ffmpeg", result.stderr());
        } catch (Processes.TimedOut e) {
            throw MediaFailures.rejected(failure, "ffmpeg", e.getMessage());
        }
    }
}
