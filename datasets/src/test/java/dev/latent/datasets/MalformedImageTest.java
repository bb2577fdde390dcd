package dev.latent.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.data.DataException;
import dev.latent.api.data.Dataset;
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
 * The corpus of malformed photographs under {@code src/test/resources/malformed/images/}: each
 * file is copied, under its own name, into a folder beside two valid photographs, and loading
 * that folder with the {@code patches} provider must fail with exactly the message in
 * {@code <file>.expected} (the temporary folder written {@code <dir>}). The messages include the
 * JDK decoders' own reasons; after a deliberate change of wording (or of JDK), rerun with
 * {@code -Dmalformed.update=true} and review the diff.
 */
class MalformedImageTest {

    private static final Path CORPUS = Path.of("src/test/resources/malformed/images");
    private static final String EXPECTED = ".expected";

    @TempDir
    Path dir;

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(f -> !f.getFileName().toString().endsWith(EXPECTED)).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachMalformedFileFailsWithItsExpectedMessage(Path input) throws IOException {
        Path folder = writeValidSet(dir.resolve("photos"));
        Files.copy(input, folder.resolve(input.getFileName()));
        DataException e = assertThrows(DataException.class, () -> load(folder));
        String actual = e.getMessage().replace(dir.toString(), "<dir>") + "\n";
        Path expected = Path.of(input + EXPECTED);
        if (Boolean.getBoolean("malformed.update")) {
            Files.writeString(expected, actual);
        }
        assertTrue(Files.isRegularFile(expected), "no " + expected + " for " + input);
        assertEquals(Files.readString(expected), actual, "the message for " + input);
    }

    @Test
    void theCorpusHoldsTheRequiredCasesAndTheValidSetLoads() throws IOException {
        List<String> names = corpus().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.containsAll(List.of("truncated.png", "text.png", "empty.jpg", "truncated.jpg")), names.toString());
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path f : files.filter(f -> f.toString().endsWith(EXPECTED)).toList()) {
                assertTrue(Files.isRegularFile(Path.of(f.toString().replaceFirst("\\.expected$", ""))),
                        f + " has no input beside it");
            }
        }
        assertEquals(20, load(writeValidSet(dir.resolve("valid"))).train().count());
    }

    private Dataset load(Path folder) {
        return new PatchesDatasetProvider().create(
                new PatchesConfig(folder.toString(), 9, 9, 20, 5, 1, 0.2), new DatasetContext(dir, 0));
    }

    /** Two valid 40x40 noise photographs, a PNG and a JPEG, that sort before every corpus file. */
    static Path writeValidSet(Path folder) {
        PhotoFixtures.png(folder.resolve("0-valid.png"), PhotoFixtures.noise(40, 40, 1));
        PhotoFixtures.jpeg(folder.resolve("1-valid.jpg"), PhotoFixtures.noise(40, 40, 2));
        return folder;
    }
}
