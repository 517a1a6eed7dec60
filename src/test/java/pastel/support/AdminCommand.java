package pastel.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/// Runs `pastel admin ...` commands (through `pastel.Main.run`) and keeps what they print.
public final class AdminCommand {
    private AdminCommand() {}

    /// A block of command runs (and their assertions)
    @FunctionalInterface
    public interface Runs {
        void run() throws Exception;
    }

    /// What `runs` printed on standard output; it is restored afterwards, whatever happens.
    public static String output(Runs runs) throws Exception {
        var buffer = new ByteArrayOutputStream();
        var original = System.out;
        System.setOut(new PrintStream(buffer, true));
        try {
            runs.run();
        } finally {
            System.setOut(original);
        }
        return buffer.toString();
    }
}
