package pastel.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/// Runs ffmpeg and ffprobe as bounded subprocesses: a time limit, killed (with its children) when
/// it passes, output captured in files so a chatty process can never block on a full pipe.
final class Processes {
    private Processes() {}

    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    static final class TimedOut extends Exception {
        TimedOut(String command, Duration limit) {
            super(command + " did not finish within " + limit.toSeconds() + " s and was killed");
        }
    }

    static Result run(List<String> command, Duration limit, Path workDir) throws IOException, TimedOut {
        var out = Files.createTempFile(workDir, "proc-", ".out");
        var err = Files.createTempFile(workDir, "proc-", ".err");
        try {
            var process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            try {
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill(process);
                    throw new TimedOut(command.getFirst(), limit);
                }
            } catch (InterruptedException e) {
                kill(process);
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + command.getFirst(), e);
            }
            return new Result(process.exitValue(), Files.readString(out), tail(Files.readString(err)));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(String text) {
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }
}
