package dev.latent.launcher.run;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import dev.latent.api.engine.Engine;
import dev.latent.api.model.Model;
import dev.latent.api.optim.Optimizer;
import dev.latent.launcher.TestHome;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.config.ManifestLoader;
import dev.latent.launcher.config.ManifestTree;
import dev.latent.launcher.output.RunFolder;
import dev.latent.launcher.plugin.LatentHome;
import dev.latent.launcher.plugin.PluginCatalog;
import dev.latent.launcher.train.RunListeners;
import dev.latent.launcher.train.Trainer;
import dev.latent.launcher.train.ValidationSplit;
import dev.latent.launcher.wiring.LatentModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Small runs trained in this JVM on the shared CPU engine ({@link TestHome#cpuEngine()}), for
 * the tests of what loads and studies a finished run: the wiring of {@code latent train} with the
 * engine bound to the shared one (a second engine class loader cannot load ND4J's natives).
 */
public final class TinyRuns {

    private TinyRuns() {
    }

    /** A home with the CPU engine under {@code dir}. */
    public static LatentHome home(Path dir) throws IOException {
        return TestHome.withCpuEngine(dir.resolve("home"));
    }

    /** The manifest {@code yaml}, written as {@code dir/run.yaml} and resolved as {@code latent train} resolves it. */
    public static Manifest manifest(LatentHome home, Path dir, String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("run.yaml"), yaml);
        ManifestTree tree = ManifestTree.read(file, home.profiles(), List.of());
        return new ManifestLoader(catalog(home), home.profiles()).load(tree, null);
    }

    public static PluginCatalog catalog(LatentHome home) {
        return PluginCatalog.discover(home, List.of());
    }

    /** The run's wiring, with the engine bound to the shared CPU engine. */
    public static Injector injector(LatentHome home, Manifest manifest) throws Exception {
        Engine engine = TestHome.cpuEngine();
        return Guice.createInjector(Modules.override(new LatentModule(manifest, catalog(home)))
                .with(b -> b.bind(Engine.class).toInstance(engine)));
    }

    /** Trains {@code manifest} into a new run folder under its output; returns the folder and the trained model's values. */
    public static Trained train(LatentHome home, Manifest manifest) throws Exception {
        Injector injector = injector(home, manifest);
        Engine engine = injector.getInstance(Engine.class);
        var dataset = injector.getInstance(dev.latent.api.data.Dataset.class);
        Model model = injector.getInstance(Model.class);
        Optimizer optimizer = injector.getInstance(Optimizer.class);
        RunFolder run = RunFolder.create(manifest.output(), manifest.choice("model").name());
        run.writeManifest(manifest.resolved());
        run.writeEnvironment(Map.of("manifest", manifest.source().toAbsolutePath().toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Trainer(engine, dataset, injector.getInstance(ValidationSplit.class), model, optimizer, Optional.empty(),
                manifest, new PrintStream(out, true), false, RunListeners.none()).train(run, Optional.empty());
        List<float[]> values = model.parameters().stream().map(p -> p.value().toFloatArray()).toList();
        model.close();
        return new Trained(run, values, out.toString());
    }

    /**
     * Loads a run as a command does (the checkpoint first, then the wiring), with the shared
     * engine, which closing the run leaves open.
     */
    public static TrainedRun load(LatentHome home, Path folder, Manifest manifest, java.util.function.Consumer<String> warn)
            throws Exception {
        RunFolder run = RunFolder.open(folder);
        return TrainedRun.open(run, TrainedRun.checkpoint(run, warn), manifest, injector(home, manifest), false);
    }

    /** A trained run: its folder, the values of its model's parameters at the end, and what training printed. */
    public record Trained(RunFolder run, List<float[]> parameters, String output) {
    }
}
