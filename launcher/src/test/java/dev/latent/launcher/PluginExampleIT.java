package dev.latent.launcher;

import static dev.latent.launcher.LatentProcess.assertLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import dev.latent.launcher.LatentProcess.Result;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The third-party plugin story end to end (issue 8): {@code examples/plugin-example} is built by
 * its own Maven build against the installed api alone, its jar is dropped into the plugins
 * folder of a copy of the distribution, and the unchanged host lists and trains it.
 *
 * <p>The copy shares {@code mods}, {@code engines} and {@code profiles} with the real
 * distribution through symbolic links and has a {@code plugins/} folder of its own, so most
 * tests need nothing but {@code -Dlatent.home} from the launcher; one checks {@code --plugins}.
 */
class PluginExampleIT {

    private static final Path DIST = Path.of(System.getProperty("latent.dist", "target/dist")).toAbsolutePath();
    private static final Path ROOT = Path.of("").toAbsolutePath().resolve("..").normalize();
    private static final Path EXAMPLE = ROOT.resolve("examples/plugin-example");
    private static final Pattern EPOCH = Pattern.compile("(?m)^epoch (\\d+)/(\\d+)  train loss ([0-9.]+)  test loss ([0-9.]+)");
    private static final String ORIGIN = "dev\\.latent\\.examples\\.plugin";

    @TempDir
    static Path build;
    private static Path pluginJar;

    @TempDir
    Path home;
    @TempDir
    Path work;
    @TempDir
    Path logs;

    /** Installs the api into the local repository, then builds the example into a temporary folder. */
    @BeforeAll
    static void buildTheExample() throws Exception {
        mvn("-f", ROOT.resolve("pom.xml").toString(), "install", "-pl", "api", "-am", "-DskipTests");
        mvn("-f", EXAMPLE.resolve("pom.xml").toString(), "package", "-DbuildDir=" + build.resolve("example"));
        try (Stream<Path> jars = Files.list(build.resolve("example/plugins"))) {
            List<Path> found = jars.filter(p -> p.toString().endsWith(".jar")).toList();
            assertEquals(1, found.size(), "one plugin jar in " + build + ": " + found);
            pluginJar = found.get(0);
        }
    }

    private static void mvn(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(findOnPath("mvn"), "-q", "-o", "-B"));
        String repository = System.getProperty("maven.repo.local");
        if (repository != null) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        command.addAll(List.of(args));
        Path log = Files.createTempFile(build, "mvn", ".txt");
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly().waitFor();
        }
        assertTrue(done && p.exitValue() == 0, String.join(" ", command) + " failed:\n" + Files.readString(log));
    }

    private static String findOnPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(program + " is not on the PATH; the example is built with Maven");
    }

    /** A copy of the distribution whose plugins folder holds {@code jars} and nothing else. */
    private Path distributionWith(Path... jars) throws IOException {
        for (String shared : List.of("mods", "engines", "profiles")) {
            Files.createSymbolicLink(home.resolve(shared), DIST.resolve(shared));
        }
        Path plugins = Files.createDirectory(home.resolve("plugins"));
        for (Path jar : jars) {
            Files.copy(jar, plugins.resolve(jar.getFileName()));
        }
        return home;
    }

    private Result latent(Path latentHome, String... args) throws IOException, InterruptedException {
        return LatentProcess.run(latentHome, work, logs, args);
    }

    @Test
    void pluginsListsTheExampleProvidersWithTheirModule() throws Exception {
        Result r = latent(distributionWith(pluginJar), "plugins");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertLine(r.out(), "model +tied-ae +" + ORIGIN + " +.+");
        assertLine(r.out(), "noise +occlusion +" + ORIGIN + " +.+");
        assertLine(r.out(), "model +ae +dev\\.latent\\.models +.+");
        assertFalse((r.out() + r.err()).contains("PluginClash"), "no example provider shares a built-in's name:\n" + r.out() + r.err());
    }

    @Test
    void thePluginsOptionLoadsAFolderOutsideTheDistribution() throws Exception {
        Path folder = Files.createDirectory(work.resolve("my-plugins"));
        Files.copy(pluginJar, folder.resolve(pluginJar.getFileName()));
        Result r = latent(DIST, "plugins", "--plugins", folder.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertLine(r.out(), "model +tied-ae +" + ORIGIN + " +.+");
        assertLine(r.out(), "noise +occlusion +" + ORIGIN + " +.+");
        assertLine(r.out(), "listener +csv-metrics +" + ORIGIN + " +.+");
    }

    @Test
    void trainsTheShippedManifestWithoutRecompilingTheHost() throws Exception {
        String shipped = Files.readString(EXAMPLE.resolve("tied-ae.yaml"));
        String small = shipped.replaceFirst("(?m)^dataset:\\n  name: mnist$", "dataset:\n  name: mnist\n  trainLimit: 2000\n  testLimit: 500")
                .replaceFirst("(?m)^  epochs: \\d+$", "  epochs: 2");
        assertTrue(small.contains("trainLimit: 2000") && small.contains("epochs: 2"), small);
        Path manifest = Files.writeString(work.resolve("tied-ae.yaml"), small);

        Result r = latent(distributionWith(pluginJar), "train", manifest.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("tied-ae on mnist-subset (2000 train, 500 test)"), r.out());
        Matcher m = EPOCH.matcher(r.out());
        List<Double> test = new ArrayList<>();
        while (m.find()) {
            test.add(Double.parseDouble(m.group(4)));
        }
        assertEquals(2, test.size(), r.out());
        // Measured: 0.0437, 0.0342 (occlusion, seed 42, one thread); predicting the mean image scores 0.0667.
        assertTrue(test.get(1) < test.get(0), "test loss falls from epoch 1 to 2: " + test);
        assertTrue(test.get(1) < 0.07, "test loss after 2 epochs: " + test.get(1));

        Path run;
        try (Stream<Path> runs = Files.list(work.resolve("runs"))) {
            run = runs.findFirst().orElseThrow();
        }
        try (Stream<Path> files = Files.list(run.resolve("parameters"))) {
            assertEquals(List.of("decoder.bias.npy", "encoder.bias.npy", "tied.weight.npy"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "one weight matrix, shared");
        }
        List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals("epoch,train_loss,validation_loss,test_loss,seconds", csv.get(0), "the listener's header");
        assertEquals(3, csv.size(), "one row per epoch: " + csv);
        assertTrue(csv.get(2).startsWith("2,") && csv.get(2).contains(",," + test.get(1).toString().substring(0, 5)),
                "epoch 2 with no validation loss and its test loss: " + csv.get(2));
    }

    @Test
    void aBrokenJarIsReportedAndTheGoodPluginStillLoads() throws Exception {
        Path corrupt = Files.write(build.resolve("corrupt.jar"), "not a zip file".getBytes());
        Path latentHome = distributionWith(pluginJar, corrupt, jarRequiringAMissingModule());
        Result r = latent(latentHome, "plugins");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertLine(r.out(), "model +tied-ae +" + ORIGIN + " +.+");
        String all = r.out() + r.err();
        assertTrue(all.contains("corrupt.jar: ") && all.contains("needs-missing-module.jar: Module dev.latent.examples.missing"
                + " not found, required by dev.latent.examples.broken"), "both bad jars named with their fault:\n" + all);
    }

    /**
     * A plugin jar that provides a noise process but whose module requires
     * {@code dev.latent.examples.missing}, which is not there (a dependency the user forgot).
     */
    private static Path jarRequiringAMissingModule() throws IOException {
        Path sources = build.resolve("broken-src");
        write(sources.resolve("dev.latent.examples.missing/module-info.java"), "module dev.latent.examples.missing {}");
        write(sources.resolve("dev.latent.examples.broken/module-info.java"), """
                module dev.latent.examples.broken {
                    requires dev.latent.api;
                    requires dev.latent.examples.missing;
                    provides dev.latent.api.noise.NoiseProvider with broken.UnloadableNoiseProvider;
                }""");
        write(sources.resolve("dev.latent.examples.broken/broken/UnloadableNoiseProvider.java"), """
                package broken;
                import dev.latent.api.config.NoSettings;
                public final class UnloadableNoiseProvider implements dev.latent.api.noise.NoiseProvider<NoSettings> {
                    public String name() { return "unloadable"; }
                    public String description() { return "never resolves"; }
                    public Class<NoSettings> configType() { return NoSettings.class; }
                    public dev.latent.api.noise.Noise create(NoSettings c, dev.latent.api.engine.Engine e) { return null; }
                }""");
        Path classes = build.resolve("broken-classes");
        run("javac", "-d", classes.toString(), "--module-path", DIST.resolve("mods").toString(),
                "--module-source-path", sources.toString(), "-m", "dev.latent.examples.missing,dev.latent.examples.broken");
        Path jar = build.resolve("needs-missing-module.jar");
        run("jar", "--create", "--file", jar.toString(), "-C", classes.resolve("dev.latent.examples.broken").toString(), ".");
        return jar;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void run(String tool, String... args) {
        ToolProvider provider = ToolProvider.findFirst(tool).orElseThrow(() -> new AssertionError("no " + tool + " in this JDK"));
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.PrintWriter writer = new java.io.PrintWriter(out);
        int exit = provider.run(writer, writer, args);
        writer.flush();
        assertEquals(0, exit, tool + " " + String.join(" ", args) + ":\n" + out);
    }
}
