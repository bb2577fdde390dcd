package dev.latent.datasets.internal;

import dev.latent.api.data.DataException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The four IDX files of a dataset in MNIST's layout, found either in a user's folder or among
 * this module's resources.
 *
 * @param origin      what messages call the set as a whole: the folder, or the bundled set
 * @param datasetName the dataset's name for reports: the folder's name, or the bundled set's
 */
public record MnistFileSet(String origin, String datasetName, IdxInput trainImages, IdxInput trainLabels,
                           IdxInput testImages, IdxInput testLabels) {

    /** The files' names without {@code .gz}, in the order of the record's components. */
    public static final List<String> BASE_NAMES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private static final String GZ = ".gz";

    /**
     * Finds the four files in {@code folder}, each under its base name or with {@code .gz} (the
     * base name first when both exist; the content decides whether it is gzipped).
     *
     * @throws DataException naming the folder when it is missing, and every missing file's full
     *                       path with the expected names
     */
    public static MnistFileSet inFolder(Path folder) {
        if (!Files.exists(folder)) {
            throw new DataException(folder, "folder not found; expected a folder holding " + expectedNames());
        }
        if (!Files.isDirectory(folder)) {
            throw new DataException(folder, "is a file, expected a folder holding " + expectedNames());
        }
        List<IdxInput> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String base : BASE_NAMES) {
            Path raw = folder.resolve(base);
            Path gzipped = folder.resolve(base + GZ);
            Path file = Files.isRegularFile(raw) ? raw : gzipped;
            if (Files.isRegularFile(file)) {
                found.add(IdxInput.ofFile(file));
            } else {
                missing.add(raw + "[" + GZ + "]");
            }
        }
        if (!missing.isEmpty()) {
            throw new DataException(folder, "missing " + String.join(", ", missing)
                    + "; an MNIST-layout folder holds " + expectedNames());
        }
        Path name = folder.getFileName();
        return new MnistFileSet(folder.toString(), name == null ? folder.toString() : name.toString(),
                found.get(0), found.get(1), found.get(2), found.get(3));
    }

    /**
     * The gzipped files in the resource folder {@code folder} next to {@code anchor}'s class
     * file. {@code anchor} must be a class of this module; the folder's name must not be a
     * package name (a dash does it) so that the module system does not encapsulate it.
     */
    public static MnistFileSet bundled(Class<?> anchor, String folder) {
        List<IdxInput> inputs = new ArrayList<>();
        for (String base : BASE_NAMES) {
            String resource = folder + "/" + base + GZ;
            String name = resource + " (bundled)";
            inputs.add(new IdxInput(name, base + GZ, () -> {
                InputStream in = anchor.getResourceAsStream(resource);
                if (in == null) {
                    throw new DataException(name, "resource not found next to " + anchor.getName()
                            + "; the datasets jar is incomplete");
                }
                return in;
            }));
        }
        return new MnistFileSet(folder + " (bundled)", folder,
                inputs.get(0), inputs.get(1), inputs.get(2), inputs.get(3));
    }

    private static String expectedNames() {
        return String.join(", ", BASE_NAMES.stream().map(n -> n + "[" + GZ + "]").toList())
                + " (raw or gzipped)";
    }
}
