package pastel.http;

/// The bearer token of an `Authorization` header, or null when there is none.
public final class Bearer {
    private Bearer() {}

    public static String token(String header) {
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            var token = header.substring(7).strip();
            return token.isEmpty() ? null : token;
        }
        return null;
    }
}
