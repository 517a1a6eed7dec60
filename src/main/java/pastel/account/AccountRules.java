package pastel.account;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import pastel.problem.PastelException;
import pastel.problem.PastelException.FieldError;

/// The account rules of PRODUCT.md, collecting every broken rule so a form can show them all.
final class AccountRules {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9._]{3,30}");
    static final int PASSWORD_MIN = 10;
    static final int PASSWORD_MAX = 1024;

    private final Ages ages;
    private final List<FieldError> errors = new ArrayList<>();

    AccountRules(Ages ages) {
        this.ages = ages;
    }

    String username(String raw) {
        if (raw == null || raw.isBlank()) return fail("username", "required", "is required");
        var username = raw.strip().toLowerCase();
        if (!USERNAME.matcher(username).matches()) {
            return fail("username", "username-format", "must be 3 to 30 characters among a-z, 0-9, '.' and '_'");
        }
        return username;
    }

    String displayName(String raw) {
        if (raw == null || raw.isBlank()) return fail("displayName", "required", "is required");
        var name = raw.strip();
        if (name.codePointCount(0, name.length()) > 64) return tooLong("displayName", 64);
        if (name.codePoints().anyMatch(Character::isISOControl)) return fail("displayName", "control-characters", "must not contain control characters");
        return name;
    }

    String password(String field, String raw) {
        if (raw == null || raw.isEmpty()) return fail(field, "required", "is required");
        if (raw.length() < PASSWORD_MIN) return limit(field, "too-short", "must be at least " + PASSWORD_MIN + " characters", PASSWORD_MIN);
        if (raw.length() > PASSWORD_MAX) return tooLong(field, PASSWORD_MAX);
        return raw;
    }

    LocalDate birthDate(String raw) {
        if (raw == null || raw.isBlank()) return fail("birthDate", "required", "is required");
        LocalDate date;
        try {
            date = LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            return fail("birthDate", "date-format", "must be a date like 2008-05-31");
        }
        if (date.isAfter(ages.today())) return fail("birthDate", "in-future", "must not be in the future");
        var age = ages.ageOf(date);
        if (age < Ages.MINIMUM) return limit("birthDate", "too-young", "you must be at least " + Ages.MINIMUM + " years old to register", Ages.MINIMUM);
        if (age > 130) return fail("birthDate", "implausible-date", "is not a plausible birth date");
        return date;
    }

    /// Checks what a public account needs: a category, a city, and an owner old enough.
    void publicAccount(Account.Category category, String city, LocalDate birthDate) {
        if (category == null) fail("category", "required", "is required for a public account");
        if (city == null || city.isBlank()) fail("city", "required", "is required for a public account");
        if (birthDate != null && ages.ageOf(birthDate) < Ages.PUBLIC_ACCOUNT_MINIMUM) {
            // At the birth date: it is the one field a form can show the rule next to.
            limit("birthDate", "too-young", "public accounts need an owner aged " + Ages.PUBLIC_ACCOUNT_MINIMUM + " or more", Ages.PUBLIC_ACCOUNT_MINIMUM);
        }
    }

    String text(String field, String raw, int max) {
        if (raw == null) return null;
        var value = raw.strip();
        if (value.codePointCount(0, value.length()) > max) return tooLong(field, max);
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            return fail(field, "control-characters", "must not contain control characters");
        }
        return value.isEmpty() ? null : value;
    }

    String website(String raw) {
        var value = text("website", raw, 200);
        if (value == null) return null;
        try {
            var uri = new URI(value);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                return fail("website", "http-url", "must be an http(s) address");
            }
        } catch (Exception e) {
            return fail("website", "http-url", "must be an http(s) address");
        }
        return value;
    }

    /// Whether `field` already broke a rule (one message per cause: an unknown category is not
    /// also reported as a missing one).
    boolean failed(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    <T> T fail(String field, String code, String message) {
        errors.add(new FieldError(field, code, message));
        return null;
    }

    <T> T limit(String field, String code, String message, long limit) {
        errors.add(new FieldError(field, code, message, limit));
        return null;
    }

    <T> T tooLong(String field, long max) {
        errors.add(FieldError.tooLong(field, max));
        return null;
    }

    /// Throws the 400 listing every broken rule, if any.
    void check() {
        if (!errors.isEmpty()) throw new PastelException.Invalid(errors);
    }
}
