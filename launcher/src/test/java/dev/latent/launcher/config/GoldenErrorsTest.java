package dev.latent.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latent.launcher.TestHome;
import dev.latent.launcher.plugin.PluginCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the wording of what the launcher tells a user about a manifest, in golden files under
 * {@code src/test/resources/golden/} (the temporary folder is written {@code <dir>}). After a
 * deliberate change of wording, rerun with {@code -Dgolden.update=true} and review the diff.
 */
class GoldenErrorsTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Path PROFILES = Path.of("").toAbsolutePath().resolve("../profiles").normalize();
    private static final String VALID = "dataset: mnist\nmodel: ae\nloss: mse\noptimizer: adam\n";

    @TempDir
    static Path home;
    @TempDir
    Path dir;

    private static ManifestLoader loader;

    @BeforeAll
    static void discover() throws IOException {
        PluginCatalog catalog = PluginCatalog.discover(TestHome.withCpuEngine(home), List.of(), List.of(
                StandInEngine.entry("gpu", "no NVIDIA driver found (/proc/driver/nvidia/version is missing)"),
                StandInEngine.entry("tpu", "no TPU runtime on this machine")));
        loader = new ManifestLoader(catalog, PROFILES);
    }

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    private String error(Path file, String... sets) {
        ManifestException e = assertThrows(ManifestException.class,
                () -> loader.load(ManifestTree.read(file, PROFILES, List.of(sets)), null));
        return e.getMessage();
    }

    /** The shipped profiles as the error lists them (sorted names relative to profiles/, no .yaml). */
    private static String shippedProfiles() throws IOException {
        try (var files = Files.walk(PROFILES)) {
            return files.filter(f -> f.toString().endsWith(".yaml"))
                    .map(f -> PROFILES.relativize(f).toString().replace('\\', '/').replaceAll("\\.yaml$", ""))
                    .sorted().collect(java.util.stream.Collectors.joining(", "));
        }
    }

    private void assertGolden(String name, String actual) throws IOException {
        String text = actual.replace(dir.toString(), "<dir>") + "\n";
        Path file = GOLDEN.resolve(name + ".txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, text);
        }
        assertEquals(Files.readString(file), text, "golden file " + file);
    }

    @Test
    void severalProblemsAtOnce() throws IOException {
        assertGolden("several-problems", error(write("bad.yaml", """
                seed: abc
                trainer: {epochs: 3}
                dataset: {name: mnist, trainLimit: -5}
                model: {name: ae, code: many, hiden: [64]}
                optimizer: {name: adam, beta2: 1.2}
                training: {epochs: 0}
                """)));
    }

    @Test
    void unknownPluginWithDidYouMean() throws IOException {
        assertGolden("unknown-plugin", error(write("typo.yaml", "dataset: mnist\nmodel: ae\nloss: mse\noptimizer: adamx\n")));
    }

    @Test
    void extendsCycleListsTheChain() throws IOException {
        write("a.yaml", "extends: b.yaml\n" + VALID);
        write("b.yaml", "extends: c.yaml\n");
        write("c.yaml", "extends: a.yaml\n");
        assertGolden("extends-cycle", error(dir.resolve("a.yaml")));
    }

    @Test
    void errorsInAParentNameTheParent() throws IOException {
        write("base.yaml", "seed: 1\nmodel: ae: x\n");
        assertGolden("extends-parent-error", error(write("child.yaml", "extends: base.yaml\n" + VALID)));
        write("base2.yaml", "optimizer: {name: adam, beta2: 1.5}\n");
        assertGolden("extends-merged-error", error(write("child2.yaml", "extends: base2.yaml\n" + VALID.replace(
                "optimizer: adam\n", "optimizer: {learningRate: 0.01}\n"))));
        String message = error(write("child3.yaml", "extends: defualt\n" + VALID));
        assertGolden("extends-unknown-profile", message.replace(shippedProfiles(), "<every profile under profiles/>"));
    }

    @Test
    void setWithAValueOfTheWrongType() throws IOException {
        assertGolden("set-wrong-type", error(write("ok.yaml", VALID), "training.epochs=three", "model.hidden=[256, x]"));
    }

    @Test
    void engineFallbackChoosesTheFirstAvailableAndSaysWhy() throws IOException {
        Manifest m = loader.load(ManifestTree.read(write("fallback.yaml", "engine: [gpu, {name: cpu, threads: 2}]\n"
                + VALID), PROFILES, List.of()), null);
        assertEquals("cpu", m.choice("engine").name());
        assertEquals(2, m.resolved().get("engine") instanceof java.util.Map<?, ?> e ? e.get("threads") : null);
        assertGolden("engine-fallback", m.engineReport());
        Manifest forced = loader.load(ManifestTree.read(dir.resolve("fallback.yaml"), PROFILES, List.of()), "cpu");
        assertEquals("engine: using cpu", forced.engineReport());
    }

    @Test
    void noAvailableEngineIsOneErrorListingEach() throws IOException {
        Path file = write("none.yaml", "engine: [gpu, tpu]\n" + VALID);
        assertGolden("engine-none-available", error(file));
        assertGolden("engine-override-unavailable", assertThrows(ManifestException.class,
                () -> loader.load(ManifestTree.read(file, PROFILES, List.of()), "gpu")).getMessage()
                .replace(dir.toString(), "<dir>"));
    }

    @Test
    void extendsAShippedProfileAndSetsApplyLast() throws IOException {
        Path file = write("mine.yaml", "extends: default\ntraining: {epochs: 2}\nmodel: {code: 16}\n");
        Manifest m = loader.load(ManifestTree.read(file, PROFILES, List.of("training.epochs=4", "optimizer.name=sgd")), null);
        assertEquals(4, m.training().epochs());
        assertEquals(128, m.training().batchSize(), "from the profile");
        assertEquals(16, ((java.util.Map<?, ?>) m.resolved().get("model")).get("code"));
        assertEquals(List.of(512, 128), ((java.util.Map<?, ?>) m.resolved().get("model")).get("hidden"));
        assertEquals("sgd", m.choice("optimizer").name());
    }
}
