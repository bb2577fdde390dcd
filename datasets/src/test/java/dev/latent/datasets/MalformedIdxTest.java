package dev.latent.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.data.DataException;
import dev.latent.api.data.DatasetContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of malformed IDX files under {@code src/test/resources/malformed/idx/<role>/}: each
 * {@code <case>.idx} takes the place of the file {@code <role>} ({@code train-images},
 * {@code train-labels}, {@code t10k-images} or {@code t10k-labels}) in an otherwise valid
 * MNIST-layout folder, and loading that folder with the {@code mnist} provider must fail with
 * exactly the message in {@code <case>.expected} (the temporary folder written {@code <dir>}).
 * After a deliberate change of wording, rerun with {@code -Dmalformed.update=true} and review
 * the diff.
 */
class MalformedIdxTest {

    private static final Path CORPUS = Path.of("src/test/resources/malformed/idx");
    private static final String INPUT = ".idx";
    private static final String EXPECTED = ".expected";

    @TempDir
    Path dir;

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.walk(CORPUS)) {
            return files.filter(f -> f.getFileName().toString().endsWith(INPUT)).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachMalformedFileFailsWithItsExpectedMessage(Path input) throws IOException {
        String role = input.getParent().getFileName().toString();
        Path folder = dir.resolve("mnist");
        writeValidSet(folder);
        Files.copy(input, folder.resolve(baseName(role)), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        DataException e = assertThrows(DataException.class, () -> new MnistDatasetProvider().create(
                new MnistConfig(folder.toString(), 0, 0), new DatasetContext(dir, 0)));
        String actual = e.getMessage().replace(dir.toString(), "<dir>") + "\n";
        Path expected = Path.of(input.toString().replaceFirst("\\.idx$", EXPECTED));
        if (Boolean.getBoolean("malformed.update")) {
            Files.writeString(expected, actual);
        }
        assertTrue(Files.isRegularFile(expected), "no " + expected + " for " + input);
        assertEquals(Files.readString(expected), actual, "the message for " + input);
    }

    @Test
    void theCorpusIsWholeAndTheValidSetLoads() throws IOException {
        List<Path> inputs = corpus().toList();
        assertTrue(inputs.size() >= 40, "the IDX corpus has only " + inputs.size() + " files");
        try (Stream<Path> files = Files.walk(CORPUS)) {
            for (Path f : files.filter(f -> f.toString().endsWith(EXPECTED)).toList()) {
                assertTrue(Files.isRegularFile(Path.of(f.toString().replaceFirst("\\.expected$", INPUT))),
                        f + " has no input beside it");
            }
        }
        writeValidSet(dir.resolve("valid"));
        assertEquals(4, new MnistDatasetProvider().create(new MnistConfig(dir.resolve("valid").toString(), 0, 0),
                new DatasetContext(dir, 0)).train().count());
    }

    /** Train: 4 images of 3x3 pixels with labels 0-3; test: 2 images of 3x3 with labels 8 and 9. */
    static void writeValidSet(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.write(folder.resolve(baseName("train-images")), IdxFixtures.images(4, 3, 3));
        Files.write(folder.resolve(baseName("train-labels")), IdxFixtures.labels(0, 1, 2, 3));
        Files.write(folder.resolve(baseName("t10k-images")), IdxFixtures.images(2, 3, 3));
        Files.write(folder.resolve(baseName("t10k-labels")), IdxFixtures.labels(8, 9));
    }

    /** {@code train-images} is {@code train-images-idx3-ubyte}, and so on. */
    static String baseName(String role) {
        return role + (role.endsWith("images") ? "-idx3-ubyte" : "-idx1-ubyte");
    }
}
