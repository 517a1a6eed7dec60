package pastel.problem;

import java.time.Duration;
import java.util.List;

/// Every refusal Pastel answers with: one sealed family, mapped to status codes in one place
/// ([Problems]). Services throw these; nothing else reaches a client as an error.
public abstract sealed class PastelException extends RuntimeException {

    private PastelException(String detail) {
        super(detail, null, false, false);
    }

    /// One field of a request body or query that was wrong, and why.
    public record FieldError(String field, String message) {}

    /// 400: the request is understood but some fields are wrong.
    public static final class Invalid extends PastelException {
        private final List<FieldError> errors;

        public Invalid(List<FieldError> errors) {
            super(errors.size() == 1
                    ? errors.getFirst().field() + ": " + errors.getFirst().message()
                    : errors.size() + " fields are invalid");
            this.errors = List.copyOf(errors);
        }

        public Invalid(String field, String message) {
            this(List.of(new FieldError(field, message)));
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /// 400 without a specific field: unreadable JSON, an empty body.
    public static final class BadRequest extends PastelException {
        public BadRequest(String detail) { super(detail); }
    }

    /// 401: no valid session.
    public static final class Unauthenticated extends PastelException {
        public Unauthenticated(String detail) { super(detail); }
    }

    /// 403: signed in, but this action is not theirs to take.
    public static final class Forbidden extends PastelException {
        public Forbidden(String detail) { super(detail); }
    }

    /// 404: absent, or present but not visible to the caller (never reveal which).
    public static final class NotFound extends PastelException {
        public NotFound(String detail) { super(detail); }
    }

    /// 409: the request conflicts with the current state (taken username, already friends).
    public static final class Conflict extends PastelException {
        public Conflict(String detail) { super(detail); }
    }

    /// 410: it existed and is gone for good (a snap used up, an expired link).
    public static final class Gone extends PastelException {
        public Gone(String detail) { super(detail); }
    }

    /// 413: over a size, pixel or duration limit.
    public static final class TooLarge extends PastelException {
        public TooLarge(String detail) { super(detail); }
    }

    /// 415: a media type Pastel does not accept, judged from the bytes.
    public static final class UnsupportedMedia extends PastelException {
        public UnsupportedMedia(String detail) { super(detail); }
    }

    /// 429: slow down; `retryAfter` goes into the Retry-After header.
    public static final class TooManyRequests extends PastelException {
        private final Duration retryAfter;

        public TooManyRequests(String detail, Duration retryAfter) {
            super(detail);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
