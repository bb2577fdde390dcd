package dev.latent.launcher.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.launcher.config.ManifestException;
import dev.latent.launcher.config.ManifestTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of malformed manifests under {@code src/test/resources/malformed/manifests/}: each
 * {@code <case>.yaml} must fail with exactly the message in {@code <case>.expected}. The corpus
 * is copied into a temporary folder (written {@code <dir>} in the expected messages) with its
 * {@code parts/}, the files that cases extend. A case's leading comments may give command-line
 * options: {@code # --set path=value} (any number) and {@code # --engine NAME}. Lists of names
 * (plugins, settings, shipped profiles) are written as placeholders ({@link FuzzHome#stable}), so
 * that adding a profile, a plugin or a setting changes no expected message.
 * After a deliberate change of wording, rerun with {@code -Dmalformed.update=true} and review
 * the diff.
 */
class MalformedManifestsTest {

    private static final Path CORPUS = Path.of("src/test/resources/malformed/manifests");
    private static final String SET = "# --set ";
    private static final String ENGINE = "# --engine ";

    private static FuzzHome home;
    private static Path dir;

    @BeforeAll
    static void copyCorpus() throws IOException {
        home = FuzzHome.create("latent-malformed");
        dir = home.dir();
        try (Stream<Path> files = Files.walk(CORPUS)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path copy = dir.resolve(CORPUS.relativize(f).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(f, copy);
            }
        }
    }

    @AfterAll
    static void removeCopy() throws IOException {
        home.delete();
    }

    static Stream<String> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachMalformedManifestFailsWithItsExpectedMessage(String name) throws IOException {
        Path file = dir.resolve(name);
        List<String> sets = new ArrayList<>();
        String engine = null;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(SET)) {
                sets.add(line.substring(SET.length()));
            } else if (line.startsWith(ENGINE)) {
                engine = line.substring(ENGINE.length());
            }
        }
        String chosenEngine = engine;
        ManifestException e = assertThrows(ManifestException.class,
                () -> home.loader().load(ManifestTree.read(file, home.profiles(), sets), chosenEngine));
        ManifestFuzzTest.assertWellFormed(e);
        String actual = FuzzHome.stable(e.getMessage().replace(dir.toString(), "<dir>")) + "\n";
        Path expected = CORPUS.resolve(name.replaceFirst("\\.yaml$", ".expected"));
        if (Boolean.getBoolean("malformed.update")) {
            Files.writeString(expected, actual);
        }
        assertTrue(Files.isRegularFile(expected), "no " + expected + " for " + name);
        assertEquals(Files.readString(expected), actual, "the message for " + name);
    }

    @Test
    void everyExpectedMessageHasItsManifest() throws IOException {
        List<String> cases = corpus().toList();
        assertTrue(cases.size() >= 30, "the manifest corpus has only " + cases.size() + " cases");
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".expected")).toList()) {
                assertTrue(cases.contains(f.getFileName().toString().replaceFirst("\\.expected$", ".yaml")),
                        f + " has no manifest beside it");
            }
        }
    }
}
