package pastel.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.List;

/// Every refusal Pastel answers with: one sealed family, mapped to status codes in one place
/// ([Problems]). Services throw these; nothing else reaches a client as an error.
///
/// Each refusal has a stable [ProblemType] (its `type` URI, e.g. `.../problems/username-taken`);
/// the one-argument constructors use the generic type of their status (`conflict`).
/// Clients translate by the kind and by field error codes, never by the English `detail`.
public abstract sealed class PastelException extends RuntimeException {
    private final ProblemType kind;

    private PastelException(ProblemType kind, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
    }

    /// The stable kind of this refusal, or null for the generic kind of its status.
    public ProblemType kind() {
        return kind;
    }

    /// One field of a request (body, query, path, header) that was wrong: a stable `code` for
    /// programs, a `message` for people, and for size and range rules the `limit` broken.
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String code, String message, Long limit) {
        /// A field error of the generic code `invalid`; prefer a specific code.
        public FieldError(String field, String message) {
            this(field, "invalid", message, null);
        }

        public FieldError(String field, String code, String message) {
            this(field, code, message, null);
        }

        public static FieldError required(String field) {
            return new FieldError(field, "required", "is required");
        }

        public static FieldError tooLong(String field, long max) {
            return new FieldError(field, "too-long", "must be at most " + max + " characters", max);
        }
    }

    /// 400: the request is understood but some fields are wrong.
    public static final class Invalid extends PastelException {
        private final List<FieldError> errors;

        public Invalid(List<FieldError> errors) {
            super(null, errors.size() == 1
                    ? errors.getFirst().field() + ": " + errors.getFirst().message()
                    : errors.size() + " fields are invalid");
            this.errors = List.copyOf(errors);
        }

        public Invalid(FieldError error) {
            this(List.of(error));
        }

        public Invalid(String field, String message) {
            this(List.of(new FieldError(field, message)));
        }

        public Invalid(String field, String code, String message) {
            this(List.of(new FieldError(field, code, message)));
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /// 400 for a request that cannot be read at all (unreadable JSON, an empty body, a broken
    /// multipart body): still names the part at fault (`body`, a header...) in `errors`.
    public static final class BadRequest extends PastelException {
        private final FieldError error;

        public BadRequest(String detail) {
            this(new FieldError("body", "unreadable", detail));
        }

        public BadRequest(FieldError error) {
            super(null, error.message());
            this.error = error;
        }

        public FieldError error() {
            return error;
        }
    }

    /// 401: no valid session.
    public static final class Unauthenticated extends PastelException {
        public Unauthenticated(String detail) { super(null, detail); }
        public Unauthenticated(ProblemType kind, String detail) { super(kind, detail); }
    }

    /// 403: signed in, but this action is not theirs to take.
    public static final class Forbidden extends PastelException {
        public Forbidden(String detail) { super(null, detail); }
        public Forbidden(ProblemType kind, String detail) { super(kind, detail); }
    }

    /// 404: absent, or present but not visible to the caller (never reveal which).
    public static final class NotFound extends PastelException {
        public NotFound(String detail) { super(null, detail); }
        public NotFound(ProblemType kind, String detail) { super(kind, detail); }
    }

    /// 409: the request conflicts with the current state (taken username, already friends).
    public static final class Conflict extends PastelException {
        public Conflict(String detail) { super(null, detail); }
        public Conflict(ProblemType kind, String detail) { super(kind, detail); }
    }

    /// 410: it existed and is gone for good (a snap used up, an expired link).
    public static final class Gone extends PastelException {
        public Gone(String detail) { super(null, detail); }
        public Gone(ProblemType kind, String detail) { super(kind, detail); }
    }

    /// 413: over a size, pixel or duration limit.
    public static final class TooLarge extends PastelException {
        public TooLarge(String detail) { super(null, detail); }
        public TooLarge(ProblemType kind, String detail) { super(kind, detail); }
    }

    /// 415: a media type Pastel does not accept, judged from the bytes.
    public static final class UnsupportedMedia extends PastelException {
        public UnsupportedMedia(String detail) { super(null, detail); }
    }

    /// 416: a Range that selects nothing in a file of `size` bytes (answered with
    /// `Content-Range: bytes */size`, RFC 9110 section 15.5.17).
    public static final class RangeNotSatisfiable extends PastelException {
        private final long size;

        public RangeNotSatisfiable(long size) {
            super(null, "the range selects nothing in a file of " + size + " bytes");
            this.size = size;
        }

        public long size() {
            return size;
        }
    }

    /// 429: slow down; `retryAfter` goes into the Retry-After header.
    public static final class TooManyRequests extends PastelException {
        private final Duration retryAfter;

        public TooManyRequests(String detail, Duration retryAfter) {
            this(null, detail, retryAfter);
        }

        public TooManyRequests(ProblemType kind, String detail, Duration retryAfter) {
            super(kind, detail);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
