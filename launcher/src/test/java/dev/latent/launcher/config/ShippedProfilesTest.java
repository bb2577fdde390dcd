package dev.latent.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.latent.api.config.ConfigProblem;
import dev.latent.launcher.TestHome;
import dev.latent.launcher.plugin.LatentHome;
import dev.latent.launcher.plugin.PluginCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shipped profile ({@code profiles/**}{@code /*.yaml} at the repository root) loads as
 * {@code latent explain} loads it: the tree with its {@code extends} chain, the plugin catalog
 * with the folders it lists, then the loader's resolution and binding, with no warning and no
 * problem. One dynamic test per profile, named by its path under {@code profiles/}.
 */
class ShippedProfilesTest {

    /** The repository's profiles; Maven runs the launcher's tests in {@code launcher/}. */
    private static final Path PROFILES = Path.of("").toAbsolutePath().resolve("../profiles").normalize();

    @TempDir
    static Path dir;

    @TestFactory
    Stream<DynamicTest> everyShippedProfileResolvesAndBindsWithoutProblems() throws IOException {
        assertTrue(Files.isDirectory(PROFILES), "no profiles folder at " + PROFILES);
        List<Path> profiles;
        try (Stream<Path> files = Files.walk(PROFILES)) {
            profiles = files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".yaml"))
                    .sorted().toList();
        }
        assertFalse(profiles.isEmpty(), "no *.yaml profile under " + PROFILES);
        // A home with the CPU engine whose profiles/ is the repository's, so that extends finds its
        // siblings exactly as in the distribution.
        LatentHome home = TestHome.withCpuEngine(dir);
        Files.createSymbolicLink(home.profiles(), PROFILES);
        return profiles.stream().map(file -> DynamicTest.dynamicTest(PROFILES.relativize(file).toString(), file.toUri(),
                () -> explain(home, home.profiles().resolve(PROFILES.relativize(file)))));
    }

    /** What {@code Session.manifest} does for {@code latent explain FILE}, with no option given. */
    private static void explain(LatentHome home, Path file) {
        try {
            ManifestTree tree = ManifestTree.read(file, home.profiles(), List.of());
            PluginCatalog catalog = PluginCatalog.discover(home, tree.pluginFolders());
            assertEquals(List.of(), catalog.warnings().stream().map(ConfigProblem::line).toList(), "plugin warnings");
            Manifest manifest = new ManifestLoader(catalog, home.profiles()).load(tree, null);
            assertFalse(manifest.resolved().isEmpty(), "the resolved manifest");
        } catch (ManifestException e) {
            fail(e.getMessage());
        }
    }
}
