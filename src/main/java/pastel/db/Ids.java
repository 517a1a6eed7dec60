package pastel.db;

import java.security.SecureRandom;

/// Identifiers made by the application, so both databases share one schema without sequences.
///
/// 26 characters of Crockford base32: 48 bits of milliseconds then 80 random bits, so ids sort
/// by creation time and cannot be guessed.
public final class Ids {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static String newId(long epochMillis) {
        var random = new byte[10];
        RANDOM.nextBytes(random);
        var out = new char[26];
        var time = epochMillis;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        long bits = 0;
        int available = 0;
        int index = 0;
        for (int i = 10; i < 26; i++) {
            while (available < 5) {
                bits = (bits << 8) | (random[index++] & 0xff);
                available += 8;
            }
            out[i] = ALPHABET[(int) ((bits >>> (available - 5)) & 31)];
            available -= 5;
        }
        return new String(out);
    }

    /// The first characters shared by every id made at `epochMillis`: ids (and blob keys made
    /// from them) at or after this prefix were made at or after that moment.
    public static String prefixAt(long epochMillis) {
        var out = new char[10];
        var time = epochMillis;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        return new String(out);
    }

    /// When an id (or a key starting with one) was made, or -1 when it does not start with one of ours.
    public static long millisOf(String id) {
        if (id == null || id.length() < 26 || !looksValid(id.substring(0, 26))) return -1;
        long time = 0;
        for (int i = 0; i < 10; i++) time = (time << 5) | new String(ALPHABET).indexOf(id.charAt(i));
        return time;
    }

    /// Whether a client-supplied id could be one of ours; anything else is simply not found.
    public static boolean looksValid(String id) {
        if (id == null || id.length() != 26) return false;
        for (int i = 0; i < id.length(); i++) {
            if (new String(ALPHABET).indexOf(id.charAt(i)) < 0) return false;
        }
        return true;
    }
}
