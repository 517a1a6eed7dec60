package pastel.http;

import io.javalin.http.Context;
import java.io.IOException;

/// Request bodies that Pastel refuses before reading them through.
///
/// A server that answers an error (413, 415, 401...) and closes while the client is still sending makes ordinary clients
/// (those that write the whole body before reading: Python's urllib, many mobile stacks) see a
/// broken pipe instead of the answer. Like nginx's lingering close, the rest of the body is read
/// and thrown away first, up to [#LINGER_MAX_BYTES] and [#LINGER_MAX_MILLIS], past which the
/// connection is closed as before.
public final class Bodies {
    public static final long LINGER_MAX_BYTES = 128L * 1024 * 1024;
    public static final long LINGER_MAX_MILLIS = 30_000;
    private static final String READING = "pastel.body.reading";

    private Bodies() {}

    /// Notes that the handler began reading the body (so a `100 Continue` may have been sent).
    public static void reading(Context ctx) {
        ctx.attribute(READING, Boolean.TRUE);
    }

    /// Reads and discards what is left of the request body, within the bounds.
    public static void discardRest(Context ctx) {
        var request = ctx.req();
        var expectsContinue = "100-continue".equalsIgnoreCase(String.valueOf(request.getHeader("Expect")));
        // A client waiting for 100 Continue has sent nothing yet; the answer tells it not to.
        if (expectsContinue && ctx.attribute(READING) == null) return;
        var declared = request.getContentLengthLong();
        if (declared > LINGER_MAX_BYTES) return;
        var deadline = System.currentTimeMillis() + LINGER_MAX_MILLIS;
        var buffer = new byte[64 * 1024];
        long total = 0;
        try {
            var in = request.getInputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > LINGER_MAX_BYTES || System.currentTimeMillis() > deadline) return;
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away or the body was consumed another way: nothing left to drain.
        }
    }
}
