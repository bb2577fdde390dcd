package dev.latent.launcher.cli;

import dev.latent.launcher.UserError;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.latent.api.data.DataSplit;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Model;
import dev.latent.api.noise.Noise;
import dev.latent.api.optim.Optimizer;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.train.TrainingStep;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code latent bench [MANIFEST]}: times training steps of a manifest's model after a warm-up,
 * in rounds, and prints samples per second for each round and their median. Runs exactly the
 * training step that {@code latent train} runs. Default: the reference dense AE of DESIGN.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Times training steps (samples/s after warm-up); default: the reference dense AE.")
final class BenchCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "MANIFEST", description = "default: profiles/bench-dense-ae.yaml")
    Path manifestFile;

    @Option(names = "--warmup", defaultValue = "50", description = "untimed steps first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--steps", defaultValue = "100", description = "steps per timed round (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--rounds", defaultValue = "5", description = "timed rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @Mixin
    ManifestOptions options;

    @Mixin
    PluginFolderOptions folders;

    @Option(names = "--debug", description = "print stack traces of errors")
    boolean debug;

    @Override
    public Integer call() {
        if (warmup < 0 || steps < 1 || rounds < 1) {
            throw new UserError("--warmup must be >= 0, --steps and --rounds >= 1; found " + warmup + ", " + steps + ", " + rounds);
        }
        Session session = Session.manifest(manifestFile, "bench-dense-ae.yaml", options, folders, List.of());
        Manifest manifest = session.manifest;
        System.out.println(manifest.engineReport());
        Injector injector = session.injector();
        Engine engine = injector.getInstance(Engine.class);
        DataSplit train = injector.getInstance(dev.latent.api.data.Dataset.class).train();
        Model model = injector.getInstance(Model.class);
        Optimizer optimizer = injector.getInstance(Optimizer.class);
        Optional<Noise> noise = injector.getInstance(Key.get(new TypeLiteral<Optional<Noise>>() { }));
        int batch = manifest.training().batchSize();
        int batches = train.count() / batch;
        if (batches == 0) {
            throw new UserError("the training split has " + train.count() + " samples, fewer than one batch of " + batch);
        }
        Tensor[] data = new Tensor[batches];
        int[] order = IntStream.range(0, train.count()).toArray();
        float[] host = new float[batch * train.sampleSize()];
        for (int b = 0; b < batches; b++) {
            train.copySamples(order, b * batch, batch, host);
            data[b] = engine.zeros(manifest.dtype(), batch, train.sampleSize());
            engine.assign(data[b], host);
        }
        System.out.printf(Locale.ROOT, "bench: %s, batch %d, %s, engine %s %s%n", manifest.choice("model").name(), batch,
                manifest.dtype().name().toLowerCase(Locale.ROOT), engine.name(), engine.properties());
        double[] rates = new double[rounds];
        try (TrainingStep step = new TrainingStep(engine, model, optimizer, noise, manifest.seed(),
                manifest.training().divergence())) {
            for (int i = 0; i < warmup; i++) {
                step.run(data[i % batches]);
            }
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    step.run(data[i % batches]);
                }
                rates[r] = (double) steps * batch / ((System.nanoTime() - start) / 1e9);
                System.out.printf(Locale.ROOT, "round %d: %.0f samples/s%n", r + 1, rates[r]);
            }
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "median: %.0f samples/s over %d rounds of %d steps%n", sorted[rounds / 2], rounds, steps);
        return 0;
    }
}
