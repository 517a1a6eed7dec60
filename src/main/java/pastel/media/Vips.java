package pastel.media;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/// The few libvips calls Pastel needs, bound in-process with Java's FFM API (libvips42 from Debian).
///
/// libvips is thread-safe; its error buffer is global, so a message may occasionally mix two
/// failures. The operation cache is switched off: every call works on a fresh temporary file.
final class Vips {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final int SIZE_DOWN = 2;
    private static final int FAIL_ON_TRUNCATED = 1;

    private static volatile Vips instance;

    private final MethodHandle thumbnail;
    private final MethodHandle newFromFile;
    private final MethodHandle writeToFile;
    private final MethodHandle width;
    private final MethodHandle height;
    private final MethodHandle hasAlpha;
    private final MethodHandle unref;
    private final MethodHandle errorBuffer;
    private final MethodHandle errorClear;

    private Vips() {
        var lookup = SymbolLookup.libraryLookup("libvips.so.42", Arena.global())
                .or(SymbolLookup.libraryLookup("libgobject-2.0.so.0", Arena.global()));
        var init = handle(lookup, "vips_init", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        var cacheMax = handle(lookup, "vips_cache_set_max", FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT));
        // vips_thumbnail(filename, &out, width, "height", h, "size", SIZE_DOWN, "fail_on", TRUNCATED, NULL)
        thumbnail = LINKER.downcallHandle(lookup.findOrThrow("vips_thumbnail"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                        ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                        ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS),
                Linker.Option.firstVariadicArg(3));
        newFromFile = LINKER.downcallHandle(lookup.findOrThrow("vips_image_new_from_file"),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS),
                Linker.Option.firstVariadicArg(1));
        writeToFile = LINKER.downcallHandle(lookup.findOrThrow("vips_image_write_to_file"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS),
                Linker.Option.firstVariadicArg(2));
        width = handle(lookup, "vips_image_get_width", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        height = handle(lookup, "vips_image_get_height", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        hasAlpha = handle(lookup, "vips_image_hasalpha", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        unref = handle(lookup, "g_object_unref", FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
        errorBuffer = handle(lookup, "vips_error_buffer", FunctionDescriptor.of(ValueLayout.ADDRESS));
        errorClear = handle(lookup, "vips_error_clear", FunctionDescriptor.ofVoid());
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

    record Size(int width, int height, boolean alpha) {}

    /// Reads only the header: libvips decodes pixels lazily, so this is cheap even for huge images.
    Size header(Path file) throws VipsException {
        try (var arena = Arena.ofConfined()) {
            var image = (MemorySegment) newFromFile.invokeExact(arena.allocateFrom(file.toString()), MemorySegment.NULL);
            if (image.equals(MemorySegment.NULL)) throw error("cannot read image header");
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

    /// Shrink-on-load thumbnail: orientation applied, never enlarged, fits in `box` x `box`, written
    /// to `target` (the suffix and its `[options]` choose the format); metadata is stripped.
    Size thumbnail(Path source, int box, String target) throws VipsException {
        try (var arena = Arena.ofConfined()) {
            var out = arena.allocate(ValueLayout.ADDRESS);
            var status = (int) thumbnail.invokeExact(arena.allocateFrom(source.toString()), out, box,
                    arena.allocateFrom("height"), box, arena.allocateFrom("size"), SIZE_DOWN,
                    arena.allocateFrom("fail_on"), FAIL_ON_TRUNCATED, MemorySegment.NULL);
            if (status != 0) throw error("cannot decode image");
            var image = out.get(ValueLayout.ADDRESS, 0);
            try {
                if ((int) writeToFile.invokeExact(image, arena.allocateFrom(target), MemorySegment.NULL) != 0) {
                    throw error("cannot encode image");
                }
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

    private Size sizeOf(MemorySegment image) throws Throwable {
        return new Size((int) width.invokeExact(image), (int) height.invokeExact(image),
                (int) hasAlpha.invokeExact(image) != 0);
    }

    private VipsException error(String what) throws Throwable {
        var buffer = (MemorySegment) errorBuffer.invokeExact();
        var message = buffer.equals(MemorySegment.NULL) ? "" : buffer.reinterpret(4096).getString(0).strip();
        errorClear.invokeExact();
        return new VipsException(what + (message.isEmpty() ? "" : ": " + message.lines().findFirst().orElse("")));
    }

    static final class VipsException extends Exception {
        VipsException(String message) {
            super(message);
        }
    }
}
