package dev.latent.launcher.bench;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.latent.api.data.DataSplit;
import dev.latent.api.data.Dataset;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Model;
import dev.latent.api.noise.Noise;
import dev.latent.api.optim.Optimizer;
import dev.latent.launcher.UserError;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.train.TrainingStep;
import java.io.PrintStream;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Benchmarks one manifest's model: its training split loaded once into engine tensors (data
 * loading is not timed), {@link StepTimings} on a model wired as for training, the peak
 * resident memory meanwhile, then the FLOPs of one step counted on a second copy of the model
 * built on a {@link FlopCounter} (after one uncounted step, so that its buffers exist).
 */
public final class ModelBench {

    /** Warm-up steps, steps per round, rounds, and the steps of the op profile (0: none). */
    public record Settings(int warmup, int steps, int rounds, int opSteps) {
    }

    private ModelBench() {
    }

    /**
     * @param injector the manifest's wiring on the real engine
     * @param counting the same wiring on {@code counter}'s engine
     */
    public static ModelFigures run(Manifest manifest, Injector injector, Injector counting, FlopCounter counter,
                                   Settings s, double sgemmGflops, double pytorch, PrintStream log) {
        ProcessMemory.resetPeak();
        String profile = manifest.source().getFileName().toString();
        int batch = manifest.training().batchSize();
        StepTimings timings;
        Engine engine = injector.getInstance(Engine.class);
        Tensor[] data = batches(engine, injector.getInstance(Dataset.class).train(), manifest, Integer.MAX_VALUE);
        try (Model model = injector.getInstance(Model.class);
             TrainingStep step = step(injector, manifest, model)) {
            log.printf("%s: %s, batch %d, %d warm-up steps, %d rounds of %d steps%n", profile,
                    manifest.choice("model").name(), batch, s.warmup(), s.rounds(), s.steps());
            timings = StepTimings.measure(engine, model, step, data, s.warmup(), s.steps(), s.rounds(), log);
        } finally {
            for (Tensor t : data) {
                t.close();
            }
        }
        double peakMiB = ProcessMemory.peakResidentBytes().orElse(-1L) / (1024.0 * 1024.0);
        Tensor[] one = batches(engine, counting.getInstance(Dataset.class).train(), manifest, 1);
        double flops;
        try (Model model = counting.getInstance(Model.class);
             TrainingStep step = step(counting, manifest, model)) {
            step.run(one[0]);
            counter.reset();
            step.run(one[0]);
            flops = counter.flops();
            if (s.opSteps() > 0) {
                counter.reset();
                for (int i = 0; i < s.opSteps(); i++) {
                    step.run(one[0]);
                }
                printOps(counter, s.opSteps(), log);
            }
        } finally {
            for (Tensor t : one) {
                t.close();
            }
        }
        return ModelFigures.of(manifest.choice("model").name(), profile, batch, timings, peakMiB < 0 ? -1 : peakMiB,
                flops, sgemmGflops, pytorch);
    }

    /** The engine methods by time per step, most first. */
    private static void printOps(FlopCounter counter, int steps, PrintStream log) {
        long total = counter.calls().values().stream().mapToLong(c -> c[1]).sum();
        log.printf(java.util.Locale.ROOT, "  engine ops per step (%d steps through a timing proxy): %.2f ms%n",
                steps, total / 1e6 / steps);
        counter.calls().entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .forEach(e -> log.printf(java.util.Locale.ROOT, "    %-26s %5d calls %8.3f ms %5.1f%%%n", e.getKey(),
                        e.getValue()[0] / steps, e.getValue()[1] / 1e6 / steps, 100.0 * e.getValue()[1] / total));
    }

    private static TrainingStep step(Injector injector, Manifest manifest, Model model) {
        Optional<Noise> noise = injector.getInstance(Key.get(new TypeLiteral<Optional<Noise>>() { }));
        return new TrainingStep(injector.getInstance(Engine.class), model, injector.getInstance(Optimizer.class),
                noise, manifest.seed(), manifest.training().divergence());
    }

    /** The split's first whole batches (at most {@code limit}) in order, each copied once into an engine tensor. */
    private static Tensor[] batches(Engine engine, DataSplit train, Manifest manifest, int limit) {
        int batch = manifest.training().batchSize();
        int count = Math.min(limit, train.count() / batch);
        if (count == 0) {
            throw new UserError("the training split has " + train.count() + " samples, fewer than one batch of " + batch);
        }
        Tensor[] data = new Tensor[count];
        int[] order = IntStream.range(0, train.count()).toArray();
        float[] host = new float[batch * train.sampleSize()];
        for (int b = 0; b < count; b++) {
            train.copySamples(order, b * batch, batch, host);
            data[b] = engine.zeros(manifest.dtype(), batch, train.sampleSize());
            engine.assign(data[b], host);
        }
        return data;
    }
}
