package dev.latent.launcher.cli;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.latent.api.data.Dataset;
import dev.latent.api.engine.Engine;
import dev.latent.api.model.Model;
import dev.latent.api.noise.Noise;
import dev.latent.api.optim.Optimizer;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.output.RunFolder;
import dev.latent.launcher.train.RunListenerFactory;
import dev.latent.launcher.train.RunListeners;
import dev.latent.launcher.train.Trainer;
import dev.latent.launcher.train.ValidationSplit;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code latent train [MANIFEST]}: trains and writes a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains the model a manifest describes and writes a run folder.")
final class TrainCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "MANIFEST",
            description = "the YAML manifest; default: the shipped profile profiles/default.yaml")
    Path manifestFile;

    @Option(names = "--epochs", paramLabel = "N", description = "shorthand for --set training.epochs=N")
    Integer epochs;

    @Mixin
    ManifestOptions options;

    @Mixin
    PluginFolderOptions folders;

    @Option(names = "--no-progress", description = "no progress bar (it is shown only on a terminal anyway)")
    boolean noProgress;

    @Option(names = "--debug", description = "print stack traces of errors")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        Session session = Session.manifest(manifestFile, "default.yaml", options, folders,
                epochs == null ? List.of() : List.of("training.epochs=" + epochs));
        Manifest manifest = session.manifest;
        System.out.println(manifest.engineReport());
        Injector injector = session.injector();
        Engine engine = injector.getInstance(Engine.class);
        Dataset dataset = injector.getInstance(Dataset.class);
        Model model = injector.getInstance(Model.class);
        Optimizer optimizer = injector.getInstance(Optimizer.class);
        Optional<Noise> noise = injector.getInstance(Key.get(new TypeLiteral<Optional<Noise>>() { }));
        RunFolder run = RunFolder.create(manifest.output(), manifest.choice("model").name());
        run.writeManifest(manifest.resolved());
        run.writeEnvironment(environment(manifest, engine));
        ValidationSplit split = injector.getInstance(ValidationSplit.class);
        String validation = split.validation().map(v -> v.count() + " validation, ").orElse("");
        System.out.printf("run %s: %s on %s (%d train, %s%d test), engine %s%n", run.path(), manifest.choice("model").name(),
                dataset.name(), split.train().count(), validation, dataset.test().count(), engine.name());
        boolean bar = !noProgress && System.console() != null;
        try (RunListeners listeners = injector.getInstance(RunListenerFactory.class).open(run.path())) {
            new Trainer(engine, dataset, split, model, optimizer, noise, manifest, System.out, bar, listeners).train(run);
        }
        System.out.println("wrote " + run.path());
        model.close();
        engine.close();
        return 0;
    }

    static Map<String, Object> environment(Manifest manifest, Engine engine) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("engine", engine.properties());
        env.put("seed", manifest.seed());
        env.put("java.version", System.getProperty("java.version"));
        env.put("java.vendor", System.getProperty("java.vendor"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("processors", Runtime.getRuntime().availableProcessors());
        env.put("latent.version", "0.1.0");
        return env;
    }
}
