package pastel.http;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.eclipse.jetty.http.BadMessageException;
import pastel.problem.PastelException;
import pastel.problem.PastelException.FieldError;

/// The body of a media upload, raw or as the multipart field `file`, for every route that takes
/// one (`POST /media`, `PUT /me/avatar`).
///
/// A multipart body without a boundary, or one that does not parse, is 400 (`malformed-multipart`);
/// one over `maxBytes` is 413, never the parser's exception as a 500.
public final class Uploads {
    /// Room for the multipart headers and boundaries around the file itself.
    private static final long MULTIPART_OVERHEAD = 1024 * 1024;

    private Uploads() {}

    /// The uploaded bytes and their declared length (-1 when unknown).
    public record Upload(InputStream content, long length) {}

    /// The upload of this request. The raw body's stream is not closed by the caller: an
    /// over-limit body is drained after the refusal ([Bodies]).
    public static Upload of(Context ctx, long maxBytes) throws IOException {
        Bodies.reading(ctx);
        var contentType = ctx.contentType() == null ? "" : ctx.contentType();
        if (!contentType.regionMatches(true, 0, "multipart/form-data", 0, 19)) {
            return new Upload(ctx.req().getInputStream(), ctx.req().getContentLengthLong());
        }
        var file = multipartFile(ctx, maxBytes);
        return new Upload(file.content(), file.size());
    }

    private static UploadedFile multipartFile(Context ctx, long maxBytes) {
        if (ctx.req().getContentLengthLong() > maxBytes + MULTIPART_OVERHEAD) {
            throw new PastelException.TooLarge("an upload may be at most " + maxBytes + " bytes");
        }
        if (!ctx.contentType().toLowerCase(Locale.ROOT).contains("boundary=")) {
            throw new PastelException.BadRequest(new FieldError("Content-Type", "malformed-multipart",
                    "a multipart/form-data body needs a boundary parameter"));
        }
        UploadedFile file;
        try {
            file = ctx.uploadedFile("file");
        } catch (Exception e) {
            if (tooLarge(e)) throw new PastelException.TooLarge("an upload may be at most " + maxBytes + " bytes");
            throw new PastelException.BadRequest(new FieldError("body", "malformed-multipart",
                    "the multipart body could not be read"));
        }
        if (file == null) throw new PastelException.Invalid(FieldError.required("file"));
        if (file.size() > maxBytes) throw new PastelException.TooLarge("an upload may be at most " + maxBytes + " bytes");
        return file;
    }

    /// Whether the multipart parser refused the body for its size: Jetty's parser says so only
    /// with an IllegalStateException worded "max file size exceeded: N" or "max length exceeded:
    /// N" (MultiPartFormData, Jetty 12.1), wrapped in a ServletException.
    private static boolean tooLarge(Throwable e) {
        for (var t = e; t != null; t = t.getCause()) {
            if (t instanceof BadMessageException bad && bad.getCode() == 413) return true;
            if (t instanceof IllegalStateException && String.valueOf(t.getMessage()).contains("exceeded")) return true;
        }
        return false;
    }
}
