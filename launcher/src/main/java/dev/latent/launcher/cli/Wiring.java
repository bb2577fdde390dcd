package dev.latent.launcher.cli;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.latent.api.data.Dataset;
import dev.latent.api.engine.Engine;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.Model;
import dev.latent.api.noise.Noise;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.run.RunListener;
import dev.latent.launcher.checkpoint.SafetensorsFile;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.output.RunFolder;
import dev.latent.launcher.train.RunListenerFactory;
import dev.latent.launcher.train.RunListeners;
import dev.latent.launcher.train.Trainer;
import dev.latent.launcher.train.ValidationSplit;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * The plugins a run trains with, created in one fixed order (a resumed run makes the same
 * random streams), and the training of one run folder with them: what {@code latent train} and
 * each trial of {@code latent tune} do.
 */
record Wiring(Injector injector, Engine engine, Dataset dataset, Model model, Optimizer optimizer,
              Optional<Noise> noise, ValidationSplit split) {

    static Wiring of(Injector injector) {
        // The dataset does not depend on the engine: it is read on another thread while the
        // engine's natives load (about 0.2 s and 0.45 s for the default job on an idle machine),
        // which takes ~0.2 s off the time to the first step (docs/performance.md). Neither draws
        // from the other's random streams, so the order of creation is unchanged in effect.
        FutureTask<Dataset> reading = new FutureTask<>(() -> injector.getInstance(Dataset.class));
        Thread reader = new Thread(reading, "latent-dataset");
        reader.setDaemon(true);
        reader.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        reader.start();
        Engine engine = injector.getInstance(Engine.class);
        Dataset dataset = result(reading);
        Model model = injector.getInstance(Model.class);
        Optimizer optimizer = injector.getInstance(Optimizer.class);
        Optional<Noise> noise = injector.getInstance(Key.get(new TypeLiteral<Optional<Noise>>() { }));
        return new Wiring(injector, engine, dataset, model, optimizer, noise, injector.getInstance(ValidationSplit.class));
    }

    /** The task's result, or what it threw, as thrown (a ProvisionException stays one). */
    private static <T> T result(FutureTask<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the dataset was read", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** {@code run ...: ae on mnist (8000 train, 2000 test), engine cpu}. */
    String describe(Manifest manifest, RunFolder run) {
        String validation = split.validation().map(v -> v.count() + " validation, ").orElse("");
        return String.format("run %s: %s on %s (%d train, %s%d test), engine %s", run.path(),
                manifest.choice("model").name(), dataset.name(), split.train().count(), validation,
                dataset.test().count(), engine.name());
    }

    /**
     * Trains into {@code run} (from {@code checkpoint} when given) with the manifest's listeners
     * and then {@code also}, printing epochs to {@code out}; closes the model and the engine
     * whether training ends or throws. Returns the test loss of the saved parameters.
     */
    LossReport train(Manifest manifest, RunFolder run, Optional<SafetensorsFile> checkpoint, PrintStream out,
                     boolean progressBar, RunListener also) throws IOException {
        try (RunListeners listeners = injector.getInstance(RunListenerFactory.class).open(run.path())) {
            RunListener both = new RunListener() {
                @Override
                public void epochEnded(Map<String, Object> metrics) {
                    listeners.epochEnded(metrics);
                    also.epochEnded(metrics);
                }

                @Override
                public void trainingEnded(Map<String, Object> summary) {
                    listeners.trainingEnded(summary);
                    also.trainingEnded(summary);
                }
            };
            return new Trainer(engine, dataset, split, model, optimizer, noise, manifest, out, progressBar, both)
                    .train(run, checkpoint);
        } finally {
            model.close();
            engine.close();
        }
    }
}
