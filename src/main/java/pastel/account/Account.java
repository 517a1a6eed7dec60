package pastel.account;

import java.time.Instant;
import java.time.LocalDate;

/// A Pastel account: a person (personal) or an official account (public).
public record Account(
        String id,
        String username,
        String displayName,
        LocalDate birthDate,
        Kind kind,
        Category category,
        String city,
        String bio,
        String website,
        boolean verified,
        boolean admin,
        Instant createdAt) {

    public enum Kind { PERSONAL, PUBLIC }

    public enum Category { CITY, BUSINESS, ASSOCIATION, MEDIA, CREATOR }

    public boolean isPublic() {
        return kind == Kind.PUBLIC;
    }
}
