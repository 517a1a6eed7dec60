package pastel.alttext;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import pastel.problem.PastelException;

/// WebVTT captions as a video's uploader sends them, checked before they are kept: at most
/// [#MAX_BYTES], valid UTF-8, the `WEBVTT` signature line, and every cue timing line well formed
/// (`00:01.000 --> 00:04.250`, hours optional, start not after end). Cue text is kept as sent:
/// browsers render it as text, never as HTML.
final class WebVtt {
    static final int MAX_BYTES = 64 * 1024;
    private static final String TIME = "(?:(\\d{2,}):)?([0-5]\\d):([0-5]\\d)\\.(\\d{3})";
    private static final Pattern TIMING = Pattern.compile("^" + TIME + "[ \\t]+-->[ \\t]+" + TIME + "(?:[ \\t].*)?$");

    private WebVtt() {}

    /// The captions as text, or a 400 naming the field `captions` and what is wrong.
    static String check(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new PastelException.TooLarge("captions are at most " + MAX_BYTES / 1024 + " KB");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw invalid("not-utf8", "captions must be UTF-8 text");
        }
        if (!pastel.http.Text.storable(text)) {
            // PostgreSQL cannot keep a NUL in text at all (a 500 there, a cut string in SQLite).
            throw invalid(pastel.http.Text.INVALID_CHARACTERS, "captions must not contain NUL characters");
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        var lines = text.split("\r\n|\r|\n", -1);
        if (!lines[0].equals("WEBVTT") && !lines[0].startsWith("WEBVTT ") && !lines[0].startsWith("WEBVTT\t")) {
            throw invalid("no-header", "WebVTT captions start with the line WEBVTT");
        }
        int cues = 0;
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].contains("-->")) continue;
            var m = TIMING.matcher(lines[i]);
            if (!m.matches()) throw invalid("bad-timing", "line " + (i + 1) + " is not a cue timing (00:01.000 --> 00:04.000)");
            long start, end;
            try {
                start = millis(m, 1);
                end = millis(m, 5);
            } catch (ArithmeticException | NumberFormatException e) {
                // Hours are unbounded in WebVTT; a number beyond any video is a mistake, not a time.
                throw invalid("bad-timing", "line " + (i + 1) + ": the time is out of range");
            }
            if (start > end) throw invalid("bad-timing", "line " + (i + 1) + ": the cue ends before it starts");
            cues++;
        }
        if (cues == 0) throw invalid("no-cue", "the captions hold no cue");
        return text;
    }

    private static long millis(java.util.regex.Matcher m, int first) {
        var hours = m.group(first) == null ? 0 : Long.parseLong(m.group(first));
        var minutes = Math.addExact(Math.multiplyExact(hours, 60), Long.parseLong(m.group(first + 1)));
        var seconds = Math.addExact(Math.multiplyExact(minutes, 60), Long.parseLong(m.group(first + 2)));
        return Math.addExact(Math.multiplyExact(seconds, 1000), Long.parseLong(m.group(first + 3)));
    }

    private static PastelException.Invalid invalid(String code, String message) {
        return new PastelException.Invalid("captions", code, message);
    }
}
