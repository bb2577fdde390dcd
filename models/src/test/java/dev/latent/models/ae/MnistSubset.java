package dev.latent.models.ae;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads images of the MNIST subset bundled in the datasets module (which this module's tests do
 * not depend on) straight from its gzipped IDX files, pixels mapped to v / 255 as the dataset does.
 */
public final class MnistSubset {

    /** The subset's folder, from this module's directory (where Surefire runs) or the repository's. */
    private static final String FOLDER = "datasets/src/main/resources/dev/latent/datasets/mnist-subset";

    private MnistSubset() {
    }

    /**
     * The first {@code limit} images of a split as rows of 784 values in [0, 1].
     *
     * @param split {@code train} or {@code t10k}
     */
    public static double[] images(String split, int limit) {
        Path file = folder().resolve(split + "-images-idx3-ubyte.gz");
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
            if (in.readInt() != 0x803) {
                throw new IOException(file + " is not an IDX image file");
            }
            int n = in.readInt();
            int size = in.readInt() * in.readInt();
            int count = Math.min(n, limit);
            byte[] bytes = new byte[count * size];
            in.readFully(bytes);
            double[] values = new double[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                values[i] = (bytes[i] & 0xFF) / 255.0;
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folder() {
        for (Path p : new Path[] {Path.of("..", FOLDER), Path.of(FOLDER)}) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("the bundled MNIST subset is not at ../" + FOLDER);
    }
}
