package pastel.media;

import java.util.Optional;
import java.util.regex.Pattern;
import pastel.problem.PastelException;

/// One byte range of a file, from a `Range` header (RFC 9110 section 14.2).
///
/// A header that does not parse, asks for several ranges, or has its last position before its
/// first is ignored (the whole file, 200), as section 14.2 allows. A well-formed range that
/// selects nothing (its first byte at or past the end, a zero suffix, an empty file) is
/// [PastelException.RangeNotSatisfiable] (416 with `Content-Range: bytes */size`). Positions too
/// large for a `long` are just very large: they clamp to the file like any other.
record ByteRange(long start, long end) {
    private static final Pattern SINGLE = Pattern.compile("(?i)bytes[ \\t]*=[ \\t]*(\\d*)[ \\t]*-[ \\t]*(\\d*)[ \\t]*");

    long length() {
        return end - start + 1;
    }

    /// The range to serve of a file of `size` bytes, or empty for the whole file.
    static Optional<ByteRange> parse(String header, long size) {
        if (header == null) return Optional.empty();
        var matcher = SINGLE.matcher(header);
        if (!matcher.matches()) return Optional.empty();
        var first = matcher.group(1);
        var last = matcher.group(2);
        if (first.isEmpty() && last.isEmpty()) return Optional.empty();
        if (first.isEmpty()) {
            var suffix = number(last);
            if (suffix == 0 || size == 0) throw new PastelException.RangeNotSatisfiable(size);
            return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        var start = number(first);
        var end = last.isEmpty() ? Long.MAX_VALUE : number(last);
        if (end < start) return Optional.empty();
        if (start >= size) throw new PastelException.RangeNotSatisfiable(size);
        return Optional.of(new ByteRange(start, Math.min(end, size - 1)));
    }

    /// Decimal digits as a long, saturating at Long.MAX_VALUE.
    private static long number(String digits) {
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            var digit = digits.charAt(i) - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) return Long.MAX_VALUE;
            value = value * 10 + digit;
        }
        return value;
    }
}
