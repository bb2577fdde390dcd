package dev.latent.datasets;

import dev.latent.api.data.DataException;
import dev.latent.datasets.internal.GzipDetector;
import dev.latent.datasets.internal.IdxInput;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
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
 * {@code source} name given) and says what is wrong, where (the header field or the byte
 * offset; in a gzipped file, the offset in the decompressed data) and what was expected: the
 * file is missing or unreadable, its magic number is wrong, a header field is out of range, it
 * is shorter or longer than its header declares, or its gzip stream is corrupt. Nothing is
 * allocated from what a header declares: data is read as it arrives, so a header that declares
 * two billion items in a short file costs no more memory than the file holds. A limit reads only
 * the first images and does not look at the rest of the file.
 *
 * <p>Stateless and safe to call from any thread. Methods that take a stream read from it but do
 * not close it.
 */
public final class IdxReader {

    /** The magic number of an IDX file of unsigned-byte images: type 0x08, three dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** The magic number of an IDX file of unsigned-byte labels: type 0x08, one dimension. */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** The header fields after the magic number, as messages name them. */
    private static final String[] IMAGE_FIELDS = {"image count", "rows", "columns"};
    private static final String[] LABEL_FIELDS = {"label count"};

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
        return read(in, source, data -> {
            int[] dims = data.header(IMAGES_MAGIC, IMAGE_FIELDS);
            int total = dims[0];
            int rows = dims[1];
            int cols = dims[2];
            if (rows == 0 || cols == 0 || (long) rows * cols > MAX_ARRAY) {
                throw data.fault("header declares images of " + rows + "x" + cols
                        + " pixels (rows and columns, bytes 8-15); expected a positive size that fits in a Java array");
            }
            int count = limit == 0 ? total : Math.min(limit, total);
            long length = (long) count * rows * cols;
            if (length > MAX_ARRAY) {
                throw data.fault((count == total ? "header declares " + total : "a limit of " + count) + " images of "
                        + rows + "x" + cols + " pixels (image count, rows and columns, bytes 4-15): " + length
                        + " bytes of pixel data, more than one Java array can hold; set a limit to read fewer");
            }
            byte[] bytes = data.bytes((int) length, "pixel data for " + count + " images");
            if (count == total) {
                data.requireEnd(total + " images");
            }
            float[] pixels = new float[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                pixels[i] = (bytes[i] & 0xFF) / 255f;
            }
            return new IdxImages(rows, cols, total, pixels);
        });
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
        return read(in, source, data -> {
            int count = data.header(LABELS_MAGIC, LABEL_FIELDS)[0];
            byte[] bytes = data.bytes(count, "label data");
            data.requireEnd(count + " labels");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i] & 0xFF;
            }
            return labels;
        });
    }

    /** What is read from an opened IDX stream. */
    @FunctionalInterface
    private interface Body<T> {
        T read(Data data) throws IOException;
    }

    /** Opens {@code in} (gunzipping it when it is gzipped), reads it with {@code body}, and turns I/O faults into {@link DataException}s. */
    private static <T> T read(InputStream in, String source, Body<T> body) {
        Data data = null;
        try (InputStream opened = GzipDetector.open(in)) {
            data = new Data(opened, source);
            return body.read(data);
        } catch (IOException e) {
            String at = data == null ? "in its header" : "after " + data.position + " decompressed bytes";
            if (e instanceof ZipException) {
                throw new DataException(source, "corrupt gzip stream " + at + " (" + e.getMessage() + ")", e);
            }
            if (e instanceof EOFException) {
                // Raw reads here never throw EOFException; only GZIPInputStream does, on a cut stream.
                throw new DataException(source, "corrupt gzip stream: it ends early, " + at + " (" + e.getMessage() + ")", e);
            }
            throw new DataException(source, "cannot read: " + e.getMessage(), e);
        }
    }

    /** An opened IDX stream that knows how far it has been read, for messages that name the offset. */
    private static final class Data extends FilterInputStream {

        private final String source;
        private final boolean gzipped;
        private long position;

        Data(InputStream in, String source) {
            super(in);
            this.source = source;
            this.gzipped = in instanceof GZIPInputStream;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            position += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            position += Math.max(n, 0);
            return n;
        }

        DataException fault(String message) {
            return new DataException(source, message);
        }

        /** Where the byte offsets of a message count from: nothing for a raw file. */
        private String offsets() {
            return gzipped ? " (offsets in the decompressed data)" : "";
        }

        /** Reads and checks the magic number and the header fields after it. */
        int[] header(int magic, String[] fields) throws IOException {
            int length = 4 + 4 * fields.length;
            byte[] header = readNBytes(length);
            if (header.length == 0) {
                throw fault("empty file, expected an IDX header");
            }
            if (header.length >= 4 && readInt(header, 0) != magic) {
                throw fault(badMagic(readInt(header, 0), magic));
            }
            if (header.length < length) {
                throw fault("truncated: expected an IDX header of " + length + " bytes, found " + header.length);
            }
            int[] sizes = new int[fields.length];
            for (int d = 0; d < fields.length; d++) {
                sizes[d] = readInt(header, 4 + 4 * d);
                if (sizes[d] < 0) {
                    throw fault(String.format("header field '%s' (bytes %d-%d) is %d (0x%08X), more than a Java array"
                            + " can hold", fields[d], 4 + 4 * d, 7 + 4 * d, sizes[d] & 0xFFFFFFFFL, sizes[d]));
                }
            }
            return sizes;
        }

        /**
         * The next {@code length} bytes. They are read as they arrive, never allocated up front, so
         * that a header declaring more than the file holds fails as a truncated file, not with an
         * {@link OutOfMemoryError}.
         */
        byte[] bytes(int length, String what) throws IOException {
            long start = position;
            byte[] bytes = readNBytes(length);
            if (bytes.length < length) {
                throw fault("truncated at byte " + position + ": expected " + length + " bytes of " + what
                        + " from byte " + start + ", found " + bytes.length + offsets());
            }
            return bytes;
        }

        /** A file longer than its header says is as suspect as a shorter one; for gzip this also checks the CRC. */
        void requireEnd(String declared) throws IOException {
            long end = position;
            if (read() != -1) {
                throw fault("has more data than the " + declared + " its header declares: expected the end at byte "
                        + end + offsets());
            }
        }
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

    private static int readInt(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16
                | (bytes[at + 2] & 0xFF) << 8 | bytes[at + 3] & 0xFF;
    }
}
