package dev.latent.launcher.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.latent.launcher.TestHome;
import dev.latent.launcher.config.ManifestLoader;
import dev.latent.launcher.plugin.LatentHome;
import dev.latent.launcher.plugin.PluginCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the manifest fuzz and corpus tests load manifests with, set up as
 * {@code ShippedProfilesTest} does: a temporary folder holding a home with the CPU engine whose
 * {@code profiles/} is the repository's, and a loader on its plugin catalog (discovered once).
 *
 * @param dir    the temporary folder, for the tests' manifests; {@link #delete} removes it
 * @param home   the Latent home, {@code dir/home}
 * @param loader a loader whose {@code extends} finds the repository's profiles
 */
record FuzzHome(Path dir, LatentHome home, ManifestLoader loader) {

    private static final Pattern LIST = Pattern.compile("(available|allowed|shipped): [\\w./-]+(, [\\w./-]+)+");

    /** The repository's profiles; Maven runs the launcher's tests in {@code launcher/}. */
    static final Path PROFILES = Path.of("").toAbsolutePath().resolve("../profiles").normalize();

    /** A new temporary folder named after {@code prefix}, with the home in it. */
    static FuzzHome create(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        LatentHome home = TestHome.withCpuEngine(dir.resolve("home"));
        Files.createSymbolicLink(home.profiles(), PROFILES);
        return new FuzzHome(dir, home, new ManifestLoader(PluginCatalog.discover(home), home.profiles()));
    }

    Path profiles() {
        return home.profiles();
    }

    /** The text of every shipped profile, in the order of their paths. */
    List<String> profileTexts() {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(PROFILES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                texts.add(Files.readString(f));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertFalse(texts.isEmpty(), "no profile under " + PROFILES);
        return texts;
    }

    /**
     * {@code message} with each list of two or more names after "available:", "allowed:" or
     * "shipped:" (the plugins of a section, the settings of a plugin, the shipped profiles) written
     * {@code <list>}: what changes whenever a plugin, a setting or a profile is added, which
     * ManifestErrorsTest and GoldenErrorsTest pin where it matters.
     */
    static String stable(String message) {
        return LIST.matcher(message).replaceAll("$1: <list>");
    }

    /** Deletes the temporary folder and everything under it, without following links. */
    void delete() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
