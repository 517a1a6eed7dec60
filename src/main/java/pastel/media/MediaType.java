package pastel.media;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/// The accepted formats, recognised from the first bytes of the file, never from its name or
/// the Content-Type the client claims.
enum MediaType {
    JPEG(Media.Kind.IMAGE), PNG(Media.Kind.IMAGE), WEBP(Media.Kind.IMAGE), GIF(Media.Kind.IMAGE),
    HEIC(Media.Kind.IMAGE), AVIF(Media.Kind.IMAGE),
    MP4(Media.Kind.VIDEO), MOV(Media.Kind.VIDEO), WEBM(Media.Kind.VIDEO);

    /// How many leading bytes [#sniff] needs.
    static final int SNIFF_BYTES = 64;

    private static final Set<String> AVIF_BRANDS = Set.of("avif", "avis");
    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1");
    private static final Set<String> MP4_BRANDS = Set.of("isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42",
            "avc1", "m4v ", "mp4v", "dash", "mmp4", "f4v ", "3gp4", "3gp5", "3g2a", "msnv", "ndas");

    final Media.Kind kind;

    MediaType(Media.Kind kind) {
        this.kind = kind;
    }

    static Optional<MediaType> sniff(byte[] head, int length) {
        if (length >= 3 && u(head, 0) == 0xFF && u(head, 1) == 0xD8 && u(head, 2) == 0xFF) return Optional.of(JPEG);
        if (length >= 8 && u(head, 0) == 0x89 && ascii(head, 1, 3).equals("PNG") && u(head, 4) == 0x0D
                && u(head, 5) == 0x0A && u(head, 6) == 0x1A && u(head, 7) == 0x0A) return Optional.of(PNG);
        if (length >= 6 && (ascii(head, 0, 6).equals("GIF87a") || ascii(head, 0, 6).equals("GIF89a"))) return Optional.of(GIF);
        if (length >= 12 && ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("WEBP")) return Optional.of(WEBP);
        if (length >= 4 && u(head, 0) == 0x1A && u(head, 1) == 0x45 && u(head, 2) == 0xDF && u(head, 3) == 0xA3) {
            // EBML: Matroska or WebM; only WebM is accepted.
            return new String(head, 0, length, StandardCharsets.ISO_8859_1).contains("webm") ? Optional.of(WEBM) : Optional.empty();
        }
        if (length >= 12 && ascii(head, 4, 4).equals("ftyp")) {
            var major = ascii(head, 8, 4).toLowerCase();
            if (AVIF_BRANDS.contains(major)) return Optional.of(AVIF);
            if (HEIF_BRANDS.contains(major)) {
                // A generic HEIF brand (mif1) with AV1 inside says so among its compatible brands.
                var compatible = ascii(head, 16, Math.max(0, Math.min(length, 64) - 16)).toLowerCase();
                return Optional.of(compatible.contains("avif") && !compatible.contains("heic") ? AVIF : HEIC);
            }
            if (major.equals("qt  ")) return Optional.of(MOV);
            if (MP4_BRANDS.contains(major)) return Optional.of(MP4);
            return Optional.empty();
        }
        // Old QuickTime files start straight with an atom, without ftyp.
        if (length >= 8 && Set.of("moov", "mdat", "wide", "free").contains(ascii(head, 4, 4))) return Optional.of(MOV);
        return Optional.empty();
    }

    private static int u(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    private static String ascii(byte[] b, int offset, int length) {
        return new String(b, offset, length, StandardCharsets.ISO_8859_1);
    }
}
