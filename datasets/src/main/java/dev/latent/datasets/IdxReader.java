package dev.latent.datasets;

import dev.latent.api.data.DataException;
import dev.latent.datasets.internal.GzipDetector;
import dev.latent.datasets.internal.IdxInput;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST (LeCun et al., "The MNIST database of
 * handwritten digits"): image files of unsigned bytes (magic {@code 0x00000803}, then the image
 * count, rows and columns as big-endian 32-bit integers, then the pixels) and label files (magic
 * {@code 0x00000801}, then the count, then one byte per label).
 *
 * <p>A file may be gzipped or raw: gzip is recognised by its magic bytes {@code 0x1f 0x8b},
 * never by the file's name. Pixels become floats {@code v / 255} in [0, 1].
 *
 * <p>Every fault is a {@link DataException} whose message starts with the file (or the
 * {@code source} name given) and says what is wrong: the file is missing or unreadable, its
 * magic number is wrong, it is shorter or longer than its header declares, or its gzip stream is
 * corrupt. A limit reads only the first images and does not look at the rest of the file.
 *
 * <p>Stateless and safe to call from any thread. Methods that take a stream read from it but do
 * not close it.
 */
public final class IdxReader {

    /** The magic number of an IDX file of unsigned-byte images: type 0x08, three dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** The magic number of an IDX file of unsigned-byte labels: type 0x08, one dimension. */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int CHUNK_BYTES = 1 << 16;
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private IdxReader() {
    }

    /** Reads every image of an IDX image file. */
    public static IdxImages readImages(Path file) {
        return readImages(file, 0);
    }

    /**
     * Reads the first {@code limit} images of an IDX image file, or all of them when
     * {@code limit} is 0.
     */
    public static IdxImages readImages(Path file, int limit) {
        return IdxInput.ofFile(file).read((in, source) -> readImages(in, source, limit));
    }

    /**
     * Reads the first {@code limit} images (all of them when {@code limit} is 0) of the IDX
     * image file in {@code in}.
     *
     * @param source the file's name for error messages
     */
    public static IdxImages readImages(InputStream in, String source, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, found " + limit);
        }
        try (InputStream data = GzipDetector.open(in)) {
            int[] dims = readHeader(data, source, IMAGES_MAGIC, 3);
            int total = dims[0];
            int rows = dims[1];
            int cols = dims[2];
            if (rows == 0 || cols == 0 || (long) rows * cols > MAX_ARRAY) {
                throw new DataException(source, "header declares images of " + rows + "x" + cols
                        + " pixels; expected a positive size that fits in a Java array");
            }
            int count = limit == 0 ? total : Math.min(limit, total);
            long bytes = (long) count * rows * cols;
            if (bytes > MAX_ARRAY) {
                throw new DataException(source, count + " images of " + rows + "x" + cols
                        + " pixels do not fit in one Java array; set a limit");
            }
            float[] pixels = new float[(int) bytes];
            readPixels(data, source, pixels, count);
            if (count == total) {
                requireEnd(data, source, total + " images");
            }
            return new IdxImages(rows, cols, total, pixels);
        } catch (IOException e) {
            throw ioFault(source, e);
        }
    }

    /** Reads every label of an IDX label file. */
    public static int[] readLabels(Path file) {
        return IdxInput.ofFile(file).read(IdxReader::readLabels);
    }

    /**
     * Reads every label of the IDX label file in {@code in}, each byte as an int in [0, 255].
     *
     * @param source the file's name for error messages
     */
    public static int[] readLabels(InputStream in, String source) {
        try (InputStream data = GzipDetector.open(in)) {
            int count = readHeader(data, source, LABELS_MAGIC, 1)[0];
            byte[] bytes = data.readNBytes(count);
            if (bytes.length < count) {
                throw new DataException(source, "truncated: expected " + count
                        + " bytes of label data, found " + bytes.length);
            }
            requireEnd(data, source, count + " labels");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i] & 0xFF;
            }
            return labels;
        } catch (IOException e) {
            throw ioFault(source, e);
        }
    }

    /** Reads and checks the magic number and the {@code dims} sizes after it. */
    private static int[] readHeader(InputStream data, String source, int magic, int dims) throws IOException {
        byte[] header = data.readNBytes(4 + 4 * dims);
        if (header.length == 0) {
            throw new DataException(source, "empty file, expected an IDX header");
        }
        if (header.length >= 4 && readInt(header, 0) != magic) {
            throw new DataException(source, badMagic(readInt(header, 0), magic));
        }
        if (header.length < 4 + 4 * dims) {
            throw new DataException(source, "truncated: expected a " + (4 + 4 * dims)
                    + "-byte IDX header, found " + header.length + " bytes");
        }
        int[] sizes = new int[dims];
        for (int d = 0; d < dims; d++) {
            sizes[d] = readInt(header, 4 + 4 * d);
            if (sizes[d] < 0) {
                throw new DataException(source, String.format("header declares size 0x%08X in dimension %d,"
                        + " more than a Java array can hold", sizes[d], d));
            }
        }
        return sizes;
    }

    private static String badMagic(int found, int expected) {
        String message = String.format("bad magic number 0x%08X, expected 0x%08X (%s)",
                found, expected, expected == IMAGES_MAGIC ? "IDX images" : "IDX labels");
        if (found == IMAGES_MAGIC) {
            return message + "; this is an IDX image file";
        }
        if (found == LABELS_MAGIC) {
            return message + "; this is an IDX label file";
        }
        return message;
    }

    /** Fills {@code pixels} with {@code v / 255} for each byte, in chunks (no per-byte calls). */
    private static void readPixels(InputStream data, String source, float[] pixels, int count) throws IOException {
        byte[] chunk = new byte[CHUNK_BYTES];
        int done = 0;
        while (done < pixels.length) {
            int want = Math.min(chunk.length, pixels.length - done);
            int got = data.readNBytes(chunk, 0, want);
            for (int i = 0; i < got; i++) {
                pixels[done + i] = (chunk[i] & 0xFF) / 255f;
            }
            done += got;
            if (got < want) {
                throw new DataException(source, "truncated: expected " + pixels.length
                        + " bytes of pixel data for " + count + " images, found " + done);
            }
        }
    }

    /** A file longer than its header says is as suspect as a shorter one; for gzip this also checks the CRC. */
    private static void requireEnd(InputStream data, String source, String declared) throws IOException {
        if (data.read() != -1) {
            throw new DataException(source, "has more data than the " + declared + " its header declares");
        }
    }

    private static DataException ioFault(String source, IOException e) {
        if (e instanceof ZipException) {
            return new DataException(source, "corrupt gzip stream (" + e.getMessage() + ")", e);
        }
        if (e instanceof EOFException) {
            // Raw reads here never throw EOFException; only GZIPInputStream does, on a cut stream.
            return new DataException(source, "corrupt gzip stream: it ends early (" + e.getMessage() + ")", e);
        }
        return new DataException(source, "cannot read: " + e.getMessage(), e);
    }

    private static int readInt(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16
                | (bytes[at + 2] & 0xFF) << 8 | bytes[at + 3] & 0xFF;
    }
}
