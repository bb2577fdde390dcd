package dev.latent.datasets.internal;

import dev.latent.api.data.DataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The photographs of a patch dataset, in file-name order: the PNG and JPEG files of a user's
 * folder (its top level only; other files are ignored), or a list of this module's resources.
 *
 * @param origin      what messages call the set as a whole: the folder, or the bundled set
 * @param datasetName the dataset's name for reports: the folder's name, or the bundled set's
 * @param photos      the files, sorted by name
 */
public record PhotoSet(String origin, String datasetName, List<IdxInput> photos) {

    /** The file names read as photographs, compared without case. */
    public static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    private static final String EXPECTED = "PNG or JPEG photographs (*.png, *.jpg, *.jpeg)";
    private static final int LISTED = 5;

    public PhotoSet {
        photos = List.copyOf(photos);
    }

    /**
     * The photographs at the top level of {@code folder}.
     *
     * @throws DataException naming the folder when it is missing, is a file, cannot be listed, or
     *                       holds no PNG or JPEG file (with the first other files it holds)
     */
    public static PhotoSet inFolder(Path folder) {
        if (!Files.exists(folder)) {
            throw new DataException(folder, "folder not found; expected a folder of " + EXPECTED);
        }
        if (!Files.isDirectory(folder)) {
            throw new DataException(folder, "is a file, expected a folder of " + EXPECTED);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing((Path f) -> f.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new DataException(folder.toString(), "cannot list: " + e.getMessage(), e);
        }
        List<Path> photos = files.stream().filter(PhotoSet::isPhoto).toList();
        if (photos.isEmpty()) {
            List<String> others = files.stream().map(f -> f.getFileName().toString()).toList();
            throw new DataException(folder, "holds no " + EXPECTED + (others.isEmpty() ? "; it is empty"
                    : "; found " + others.size() + " other file" + (others.size() == 1 ? "" : "s") + ": "
                    + String.join(", ", others.subList(0, Math.min(LISTED, others.size())))
                    + (others.size() > LISTED ? ", ..." : "")));
        }
        Path name = folder.getFileName();
        return new PhotoSet(folder.toString(), name == null ? folder.toString() : name.toString(),
                photos.stream().map(IdxInput::ofFile).toList());
    }

    /**
     * The resources {@code folder/<file>} next to {@code anchor}'s class file, for each of
     * {@code files}. {@code anchor} must be a class of this module; the folder's name must not be
     * a package name (a dash does it) so that the module system does not encapsulate it.
     */
    public static PhotoSet bundled(Class<?> anchor, String folder, List<String> files) {
        List<IdxInput> inputs = new ArrayList<>();
        for (String file : files.stream().sorted().toList()) {
            String resource = folder + "/" + file;
            String name = resource + " (bundled)";
            inputs.add(new IdxInput(name, file, () -> {
                InputStream in = anchor.getResourceAsStream(resource);
                if (in == null) {
                    throw new DataException(name, "resource not found next to " + anchor.getName()
                            + "; the datasets jar is incomplete");
                }
                return in;
            }));
        }
        return new PhotoSet(folder + " (bundled)", folder, inputs);
    }

    private static boolean isPhoto(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }
}
