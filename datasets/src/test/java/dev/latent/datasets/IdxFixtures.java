package dev.latent.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Builds IDX files for tests: small synthetic ones, and raw copies of the bundled subset. */
final class IdxFixtures {

    static final String[] BASE_NAMES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    private IdxFixtures() {
    }

    /** An image file of {@code count} images; pixel {@code p} of image {@code i} is {@code (i + p) % 256}. */
    static byte[] images(int count, int rows, int cols) {
        ByteBuffer buffer = ByteBuffer.allocate(16 + count * rows * cols);
        buffer.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < rows * cols; p++) {
                buffer.put((byte) (i + p));
            }
        }
        return buffer.array();
    }

    static byte[] labels(int... labels) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + labels.length);
        buffer.putInt(IdxReader.LABELS_MAGIC).putInt(labels.length);
        for (int label : labels) {
            buffer.put((byte) label);
        }
        return buffer.array();
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The bundled file {@code base + ".gz"}, as stored (gzipped). */
    static byte[] bundledGzipped(String base) {
        try (InputStream in = MnistDatasetProvider.class.getResourceAsStream(
                MnistDatasetProvider.BUNDLED_NAME + "/" + base + ".gz")) {
            if (in == null) {
                throw new IllegalStateException("bundled resource missing: " + base);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gunzip(byte[] gzipped) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the four bundled files, decompressed, under their base names into {@code folder}. */
    static void writeBundledRaw(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (String base : BASE_NAMES) {
            Files.write(folder.resolve(base), gunzip(bundledGzipped(base)));
        }
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        return file;
    }
}
