package dev.latent.launcher.output;

import dev.latent.api.engine.DType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code .npy} files that {@link NpyWriter} writes: version 1.0, little-endian float32
 * ({@code <f4}) or float64 ({@code <f8}), C order. Anything else is refused with the file's name
 * and what was found.
 */
public final class NpyReader {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /**
     * One array: its data type, shape, and its elements' bytes (little-endian).
     *
     * @param data a read-only little-endian view of the elements
     */
    public record Array(DType dtype, int[] shape, ByteBuffer data) {
    }

    private NpyReader() {
    }

    /**
     * Parses {@code bytes}, the whole content of {@code file}.
     *
     * @throws IllegalArgumentException naming the file when it is not such an array
     */
    public static Array read(Path file, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new IllegalArgumentException(file + ": not a .npy file (it does not start with \\x93NUMPY)");
        }
        if (bytes[6] != 1) {
            throw new IllegalArgumentException(file + ": .npy version " + bytes[6] + "." + bytes[7]
                    + ", only 1.0 (what latent writes) is read");
        }
        int headerLength = Short.toUnsignedInt(b.getShort(8));
        if (10 + headerLength > bytes.length) {
            throw new IllegalArgumentException(file + ": its header runs past the end of the file");
        }
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        DType dtype = dtype(file, field(file, DESCR, header, "descr"));
        if (field(file, FORTRAN, header, "fortran_order").equals("True")) {
            throw new IllegalArgumentException(file + ": Fortran order; only C order (what latent writes) is read");
        }
        int[] shape = shape(file, field(file, SHAPE, header, "shape"));
        long elements = Arrays.stream(shape).asLongStream().reduce(1, (x, y) -> x * y);
        int width = dtype == DType.FLOAT64 ? 8 : 4;
        int begin = 10 + headerLength;
        if (bytes.length - begin != elements * width) {
            throw new IllegalArgumentException(file + ": holds " + (bytes.length - begin) + " bytes of data, but shape "
                    + Arrays.toString(shape) + " of " + (width == 8 ? "float64" : "float32") + " needs " + elements * width);
        }
        ByteBuffer data = b.duplicate().position(begin).slice().order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer()
                .order(ByteOrder.LITTLE_ENDIAN);
        return new Array(dtype, shape, data);
    }

    private static String field(Path file, Pattern p, String header, String name) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(file + ": the .npy header has no '" + name + "': " + header.trim());
        }
        return m.group(1);
    }

    private static DType dtype(Path file, String descr) {
        return switch (descr) {
            case "<f4" -> DType.FLOAT32;
            case "<f8" -> DType.FLOAT64;
            default -> throw new IllegalArgumentException(file + ": data type '" + descr
                    + "'; only little-endian float32 ('<f4') and float64 ('<f8') are read");
        };
    }

    private static int[] shape(Path file, String dims) {
        String[] parts = Arrays.stream(dims.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new);
        int[] shape = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                shape[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": shape (" + dims + ") is not a list of sizes", e);
            }
        }
        return shape;
    }
}
