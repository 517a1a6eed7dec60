package pastel.media;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/// The few libvips calls Pastel needs, bound in-process with Java's FFM API (libvips42 from Debian).
///
/// Two rules hold for every image written here, whatever the format:
/// - colours are converted to sRGB from the embedded ICC profile (Display P3, Adobe RGB, CMYK...)
///   before anything else, because the profile is about to go;
/// - every metadata field is removed from the image itself before the saver sees it. A saver's own
///   `strip` option is not trusted: libvips 8.14's WebP saver ignores it (EXIF, XMP and GPS went
///   into every stored image with transparency).
///
/// libvips' error buffer is global to the process and shared by every thread: its text may belong
/// to another upload. It is taken (copied and cleared) for the log only and never shown to a client.
final class Vips {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final java.lang.foreign.AddressLayout PTR = ValueLayout.ADDRESS;
    private static final int SIZE_DOWN = 2;
    private static final int FAIL_ON_TRUNCATED = 1;

    private static volatile Vips instance;

    private final MethodHandle thumbnail;
    private final MethodHandle thumbnailToSrgb;
    private final MethodHandle typeOf;
    private final MethodHandle newFromFile;
    private final MethodHandle writeToFile;
    private final MethodHandle copy;
    private final MethodHandle extractArea;
    private final MethodHandle getFields;
    private final MethodHandle remove;
    private final MethodHandle strfreev;
    private final MethodHandle width;
    private final MethodHandle height;
    private final MethodHandle hasAlpha;
    private final MethodHandle pageHeight;
    private final MethodHandle getArrayInt;
    private final MethodHandle unref;
    private final MethodHandle errorBufferCopy;
    private final MethodHandle gFree;

    private Vips() {
        var lookup = SymbolLookup.libraryLookup("libvips.so.42", Arena.global())
                .or(SymbolLookup.libraryLookup("libgobject-2.0.so.0", Arena.global()))
                .or(SymbolLookup.libraryLookup("libglib-2.0.so.0", Arena.global()));
        var init = handle(lookup, "vips_init", FunctionDescriptor.of(INT, PTR));
        var cacheMax = handle(lookup, "vips_cache_set_max", FunctionDescriptor.ofVoid(INT));
        // vips_thumbnail(filename, &out, width, "height", h, "size", SIZE_DOWN, "fail_on", TRUNCATED,
        //                "export_profile", "srgb", NULL)
        thumbnailToSrgb = variadic(lookup, "vips_thumbnail", 3, FunctionDescriptor.of(INT, PTR, PTR, INT,
                PTR, INT, PTR, INT, PTR, INT, PTR, PTR, PTR));
        // The same without "export_profile": for images with no embedded profile, which are sRGB
        // (or CMYK, grey: libvips converts those itself). Asking libvips 8.14 to convert them
        // anyway assumes a profile and shifts pure red to (247, 24, 16).
        thumbnail = variadic(lookup, "vips_thumbnail", 3, FunctionDescriptor.of(INT, PTR, PTR, INT,
                PTR, INT, PTR, INT, PTR, INT, PTR));
        typeOf = handle(lookup, "vips_image_get_typeof", FunctionDescriptor.of(ValueLayout.JAVA_LONG, PTR, PTR));
        newFromFile = variadic(lookup, "vips_image_new_from_file", 1, FunctionDescriptor.of(PTR, PTR, PTR));
        writeToFile = variadic(lookup, "vips_image_write_to_file", 2, FunctionDescriptor.of(INT, PTR, PTR, PTR));
        copy = variadic(lookup, "vips_copy", 2, FunctionDescriptor.of(INT, PTR, PTR, PTR));
        extractArea = variadic(lookup, "vips_extract_area", 6,
                FunctionDescriptor.of(INT, PTR, PTR, INT, INT, INT, INT, PTR));
        getFields = handle(lookup, "vips_image_get_fields", FunctionDescriptor.of(PTR, PTR));
        remove = handle(lookup, "vips_image_remove", FunctionDescriptor.of(INT, PTR, PTR));
        strfreev = handle(lookup, "g_strfreev", FunctionDescriptor.ofVoid(PTR));
        width = handle(lookup, "vips_image_get_width", FunctionDescriptor.of(INT, PTR));
        height = handle(lookup, "vips_image_get_height", FunctionDescriptor.of(INT, PTR));
        hasAlpha = handle(lookup, "vips_image_hasalpha", FunctionDescriptor.of(INT, PTR));
        pageHeight = handle(lookup, "vips_image_get_page_height", FunctionDescriptor.of(INT, PTR));
        getArrayInt = handle(lookup, "vips_image_get_array_int", FunctionDescriptor.of(INT, PTR, PTR, PTR, PTR));
        unref = handle(lookup, "g_object_unref", FunctionDescriptor.ofVoid(PTR));
        errorBufferCopy = handle(lookup, "vips_error_buffer_copy", FunctionDescriptor.of(PTR));
        gFree = handle(lookup, "g_free", FunctionDescriptor.ofVoid(PTR));
        try (var arena = Arena.ofConfined()) {
            if ((int) init.invokeExact(arena.allocateFrom("pastel")) != 0) {
                throw new IllegalStateException("vips_init failed");
            }
            cacheMax.invokeExact(0);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot initialise libvips: " + e.getMessage(), e);
        }
    }

    /// The process-wide binding, loaded on first use (a server with no image upload never loads it).
    static Vips get() {
        var vips = instance;
        if (vips == null) {
            synchronized (Vips.class) {
                if (instance == null) instance = new Vips();
                vips = instance;
            }
        }
        return vips;
    }

    private static MethodHandle handle(SymbolLookup lookup, String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(lookup.findOrThrow(name), descriptor);
    }

    private static MethodHandle variadic(SymbolLookup lookup, String name, int firstVariadic, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(lookup.findOrThrow(name), descriptor, Linker.Option.firstVariadicArg(firstVariadic));
    }

    /// `profile`: the image embeds an ICC profile (its colours need converting to sRGB).
    record Size(int width, int height, boolean alpha, boolean profile) {}

    /// Reads only the header: libvips decodes pixels lazily, so this is cheap even for huge images.
    Size header(Path file) throws VipsException {
        try (var arena = Arena.ofConfined()) {
            var image = (MemorySegment) newFromFile.invokeExact(arena.allocateFrom(file.toString()), MemorySegment.NULL);
            if (image.equals(MemorySegment.NULL)) throw error("header");
            try {
                return sizeOf(image);
            } finally {
                unref.invokeExact(image);
            }
        } catch (VipsException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /// Shrink-on-load thumbnail: orientation applied, colours converted to sRGB from the embedded
    /// profile when `toSrgb`, never enlarged, fits in `box` x `box`, written to `target` (the
    /// suffix and its `[options]` choose the format) with no metadata at all.
    Size thumbnail(Path source, int box, String target, boolean toSrgb) throws VipsException {
        try (var arena = Arena.ofConfined()) {
            var out = arena.allocate(PTR);
            var status = toSrgb
                    ? (int) thumbnailToSrgb.invokeExact(arena.allocateFrom(source.toString()), out, box,
                            arena.allocateFrom("height"), box, arena.allocateFrom("size"), SIZE_DOWN,
                            arena.allocateFrom("fail_on"), FAIL_ON_TRUNCATED,
                            arena.allocateFrom("export_profile"), arena.allocateFrom("srgb"), MemorySegment.NULL)
                    : (int) thumbnail.invokeExact(arena.allocateFrom(source.toString()), out, box,
                            arena.allocateFrom("height"), box, arena.allocateFrom("size"), SIZE_DOWN,
                            arena.allocateFrom("fail_on"), FAIL_ON_TRUNCATED, MemorySegment.NULL);
            if (status != 0) throw error("thumbnail");
            var image = out.get(PTR, 0);
            try {
                writeBare(arena, image, target);
                return sizeOf(image);
            } finally {
                unref.invokeExact(image);
            }
        } catch (VipsException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /// The frames of an animated image (`source` is loaded with every page), each written bare
    /// (no metadata) to `framesDir/NNNNN.png`, with each frame's delay in milliseconds as the
    /// file says it (0 when the file gives none).
    record Frames(List<Path> files, List<Integer> delaysMs, int width, int height) {}

    Frames frames(Path source, Path framesDir) throws VipsException {
        try (var arena = Arena.ofConfined()) {
            var image = (MemorySegment) newFromFile.invokeExact(arena.allocateFrom(source + "[n=-1]"), MemorySegment.NULL);
            if (image.equals(MemorySegment.NULL)) throw error("frames");
            try {
                int w = (int) width.invokeExact(image);
                int total = (int) height.invokeExact(image);
                int page = (int) pageHeight.invokeExact(image);
                int count = Math.max(1, total / page);
                var delays = new ArrayList<Integer>();
                var array = arena.allocate(PTR);
                var n = arena.allocate(INT);
                if ((int) getArrayInt.invokeExact(image, arena.allocateFrom("delay"), array, n) == 0) {
                    var values = array.get(PTR, 0).reinterpret(4L * n.get(INT, 0));
                    for (int i = 0; i < n.get(INT, 0); i++) delays.add(values.getAtIndex(INT, i));
                }
                var files = new ArrayList<Path>();
                for (int i = 0; i < count; i++) {
                    var out = arena.allocate(PTR);
                    if ((int) extractArea.invokeExact(image, out, 0, i * page, w, page, MemorySegment.NULL) != 0) {
                        throw error("frame");
                    }
                    var frame = out.get(PTR, 0);
                    try {
                        var file = framesDir.resolve("%05d.png".formatted(i));
                        writeBare(arena, frame, file + "[compression=1]");
                        files.add(file);
                    } finally {
                        unref.invokeExact(frame);
                    }
                    if (delays.size() <= i) delays.add(0);
                }
                return new Frames(files, delays.subList(0, count), w, page);
            } finally {
                unref.invokeExact(image);
            }
        } catch (VipsException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /// Writes a copy of `image` from which every metadata field (EXIF, XMP, IPTC, ICC, PNG text,
    /// GIF comments, orientation...) has been removed: what the saver gets has nothing to leak.
    private void writeBare(Arena arena, MemorySegment image, String target) throws Throwable {
        var out = arena.allocate(PTR);
        if ((int) copy.invokeExact(image, out, MemorySegment.NULL) != 0) throw error("copy");
        var bare = out.get(PTR, 0);
        try {
            var fields = (MemorySegment) getFields.invokeExact(bare);
            var names = new ArrayList<String>();
            try {
                var list = fields.reinterpret(Long.MAX_VALUE);
                for (long i = 0; ; i++) {
                    var name = list.getAtIndex(PTR, i);
                    if (name.equals(MemorySegment.NULL)) break;
                    names.add(name.reinterpret(Long.MAX_VALUE).getString(0));
                }
            } finally {
                strfreev.invokeExact(fields);
            }
            // Core properties (width, bands, interpretation...) are not removable and say nothing
            // about the person; vips_image_remove answers false for them.
            for (var name : names) {
                var ignored = (int) remove.invokeExact(bare, arena.allocateFrom(name));
            }
            if ((int) writeToFile.invokeExact(bare, arena.allocateFrom(target), MemorySegment.NULL) != 0) throw error("save");
        } finally {
            unref.invokeExact(bare);
        }
    }

    private Size sizeOf(MemorySegment image) throws Throwable {
        try (var arena = Arena.ofConfined()) {
            var profile = (long) typeOf.invokeExact(image, arena.allocateFrom("icc-profile-data")) != 0;
            return new Size((int) width.invokeExact(image), (int) height.invokeExact(image),
                    (int) hasAlpha.invokeExact(image) != 0, profile);
        }
    }

    private VipsException error(String step) throws Throwable {
        var copied = (MemorySegment) errorBufferCopy.invokeExact();
        var message = "";
        if (!copied.equals(MemorySegment.NULL)) {
            message = copied.reinterpret(64 * 1024).getString(0).strip();
            gFree.invokeExact(copied);
        }
        return new VipsException(step, message);
    }

    /// A libvips failure. The message is libvips' own text: for the log, never for a client (it
    /// may hold file paths, or, since the buffer is global, another upload's error).
    static final class VipsException extends Exception {
        final String step;

        VipsException(String step, String libraryText) {
            super(step + ": " + libraryText);
            this.step = step;
        }
    }
}
