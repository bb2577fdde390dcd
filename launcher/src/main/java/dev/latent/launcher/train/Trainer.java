package dev.latent.launcher.train;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.latent.api.config.Checks;
import dev.latent.api.data.Dataset;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.model.Filters;
import dev.latent.api.model.Generative;
import dev.latent.api.model.LayerwisePretraining;
import dev.latent.api.model.LayerwisePretraining.PretrainingStage;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.Model;
import dev.latent.api.noise.Noise;
import dev.latent.api.optim.CurvatureEstimates;
import dev.latent.api.optim.LineSearchOptimizer;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.run.RunListener;
import dev.latent.launcher.UserError;
import dev.latent.launcher.checkpoint.CheckpointFolder;
import dev.latent.launcher.checkpoint.SafetensorsFile;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.config.RecordBinder;
import dev.latent.launcher.config.TrainingConfig;
import dev.latent.launcher.output.RunFolder;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The training loop: epochs of shuffled batches (seeded) over the training samples left after
 * the validation split; after each epoch the validation loss (if there is a validation split)
 * and the test loss, one metrics line and one printed line, and early stopping's check (on the
 * validation or training loss, never the test loss). At the end, the parameters (the best
 * epoch's, when early stopping restores them), the optimizer state, a summary and a
 * reconstruction picture (and for a {@link Generative} model, samples.png: draws from its prior,
 * seeded from the run's seed; {@link RunPictures}).
 *
 * <p>A model with {@link LayerwisePretraining} stages has each stage trained first, in order,
 * for the stage's epochs with a fresh optimizer state; those epochs print and log as
 * {@code pretrain <stage> epoch i/n ...} with a {@code stage} key in metrics.jsonl, and take
 * no part in early stopping or the epoch count of the training that follows.
 *
 * <p>Checkpoints ({@link Checkpointer}, docs/checkpoints.md) are written every
 * {@code training.checkpointEvery} steps (batches) of the main training, or after every epoch,
 * and once at the end; a step's position is (epoch, batches of it done). A checkpoint whose
 * step ends an epoch is written after that epoch's evaluation and metrics line, so a run resumed
 * from it starts the next epoch. Resuming puts back every tensor, counter and random stream, and
 * the run then ends with exactly the parameters of an uninterrupted one. The step checks each
 * batch for a non-finite loss or gradient ({@link TrainingStep}); a stop names the step, the
 * parameter, what to change and the last good checkpoint, and a checkpoint is never written from
 * parameters or optimizer state that are not finite.
 *
 * <p>Two schedules count training samples (batches skipped by the divergence policy included,
 * pretraining not): for an optimizer with {@link CurvatureEstimates}, the diagonal-Hessian
 * estimates ({@link CurvatureEstimation}, in pretraining too, from each stage's start), and for a
 * model with {@link Filters}, the filter snapshots of {@code training.filterSnapshots}
 * ({@link FilterSnapshots}). Both act at batch boundaries, before that boundary's checkpoint.
 */
public final class Trainer {

    private final Engine engine;
    private final Dataset dataset;
    private final ValidationSplit split;
    private final Model model;
    private final Optimizer optimizer;
    private final Optional<Noise> noise;
    private final Manifest manifest;
    private final PrintStream out;
    private final boolean progressBar;
    private final RunListener listener;
    private final List<RandomStream> modelStreams;
    private boolean curvatureReported;

    /**
     * @param split the dataset's training split divided into training and validation samples
     *              ({@link ValidationSplit#of} with the manifest's fraction and seed)
     */
    public Trainer(Engine engine, Dataset dataset, ValidationSplit split, Model model, Optimizer optimizer,
                   Optional<Noise> noise, Manifest manifest, PrintStream out, boolean progressBar,
                   RunListener listener) {
        this.engine = engine;
        this.dataset = dataset;
        this.split = split;
        this.model = model;
        this.optimizer = optimizer;
        this.noise = noise;
        this.manifest = manifest;
        this.out = out;
        this.progressBar = progressBar;
        this.listener = listener;
        // every stream made so far is the model's (or the wiring's): checkpoints save their positions
        this.modelStreams = engine.randomStreams();
    }

    /**
     * Trains as the manifest says, from the start or from {@code checkpoint} (a run resumed:
     * pretraining, which precedes every checkpoint, is not repeated), writing into {@code run};
     * returns the test loss of the parameters it saved (the last epoch's, or the best epoch's
     * when early stopping restored it). Checkpoints go to {@code run/checkpoints} as the
     * manifest's training section says, and one more at the end; before the first step the
     * folder is checked for room and write access.
     *
     * @throws Divergence when a loss or gradient is not finite and the divergence policy stops
     */
    public LossReport train(RunFolder run, Optional<SafetensorsFile> checkpoint) throws IOException {
        TrainingConfig cfg = manifest.training();
        int epochs = cfg.epochsFor(split.train().count());
        if (cfg.divergence().equals(TrainingConfig.HALVE_LR) && optimizer instanceof LineSearchOptimizer) {
            throw new UserError("training.divergence is 'halve-lr', but optimizer '" + manifest.choice("optimizer").name()
                    + "' searches its own step length; use stop or skip-batch");
        }
        FilterSnapshots snapshots = FilterSnapshots.of(model, manifest, run.path());
        TrainingProgress progress = new TrainingProgress();
        if (checkpoint.isEmpty() && model instanceof LayerwisePretraining staged) {
            for (PretrainingStage stage : staged.pretrainingStages()) {
                progress.metricsLines += pretrain(stage, run);
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        int savedEpoch;
        try (TrainingStep step = new TrainingStep(engine, model, optimizer, noise, manifest.seed(), cfg.divergence());
             TrainingPass pass = new TrainingPass(engine, manifest.dtype(), split.train(), cfg.batchSize(), cfg.shuffle(),
                     manifest.seed(), progressBar);
             EarlyStopping stopping = new EarlyStopping(engine, model.parameters(), model.buffers(), cfg.earlyStopping(),
                     epochs);
             CurvatureEstimation curvature = CurvatureEstimation.of(optimizer, manifest, engine, model, split.train(), "")) {
            Checkpointer checkpointer = new Checkpointer(engine, model.parameters(), model.buffers(), step.state(),
                    stopping.snapshot(), modelStreams, new YAMLMapper().writeValueAsString(manifest.resolved()));
            if (curvature != null) {
                checkpointer.addCurvature(model.parameters());
            }
            Checkpoints checkpoints = new Checkpoints(run, checkpointer, step, stopping, pass.batches(), progress);
            checkpoints.checkWritable();
            if (checkpoint.isPresent()) {
                TrainingState s = checkpointer.load(checkpoint.get());
                step.restore(s.step());
                stopping.restore(s.earlyStopping());
                progress.resume(s, CheckpointFolder.step(checkpoint.get().path()));
                run.keepMetricsLines(s.metricsLines());
                out.println(progress.epoch > epochs || stopping.stopped()
                        ? "the checkpoint is the run's last: writing its outputs again"
                        : "resuming at step " + progress.position() + ": epoch " + progress.epoch + ", batch "
                                + progress.sums.batches() + " of " + pass.batches());
            }
            if (checkpoint.isEmpty()) {
                if (curvature != null) {
                    estimateFirst(curvature);
                }
                snapshots.atStart();
            }
            Optional<NoisyTestSet> noisyTest = noise.map(n -> NoisyTestSet.draw(engine, manifest.dtype(), n,
                    dataset.test(), manifest.seed(), cfg.evalBatchSize()));
            boolean stop = stopping.stopped();
            while (progress.epoch <= epochs && !stop) {
                int epoch = progress.epoch;
                int batches = cfg.batchesIn(epoch, split.train().count());
                try {
                    pass.run(step, epoch, epochs, batches, progress.sums, (e, done) -> {
                        long before = pass.samplesAt(e, done - 1);
                        long after = pass.samplesAt(e, done);
                        if (curvature != null) {
                            curvature.afterBatch(before, after);
                        }
                        try {
                            snapshots.afterBatch(before, after);
                        } catch (IOException ex) {
                            throw new UncheckedIOException(ex);
                        }
                        if (done < batches) {
                            checkpoints.maybeWrite(false);
                        }
                    });
                } catch (Divergence d) {
                    throw checkpoints.located(d, progress.position() + 1);
                } catch (UncheckedIOException ex) {
                    throw ex.getCause();
                }
                EpochMetrics metrics = evaluate(epoch, progress.sums, pass, noisyTest);
                progress.tests.add(metrics.test());
                run.appendMetrics(metrics.json());
                progress.metricsLines++;
                listener.epochEnded(metrics.json());
                out.println(metrics.line(epochs));
                stop = cfg.earlyStopping().enabled()
                        && stopping.observe(epoch, metrics.monitored(cfg.earlyStopping().monitor()));
                progress.nextEpoch();
                checkpoints.maybeWrite(cfg.checkpointEvery() == 0);
            }
            checkpoints.maybeWrite(true);
            List<LossReport> tests = progress.tests;
            savedEpoch = tests.size();
            summary.put("epochs_run", tests.size());
            summary.put("steps", step.steps());
            if (step.skipped() > 0) {
                summary.put("skipped_batches", step.skipped());
                summary.put("update_scale", step.updateScale());
            }
            summary.put("stopped_early", stop);
            if (curvature != null) {
                summary.put("curvature_estimates", curvature.estimatesAt(pass.samplesAt(progress.epoch,
                        progress.sums.batches())));
            }
            Optional<EarlyStopping.Outcome> outcome = stopping.finish();
            if (outcome.isPresent()) {
                EarlyStopping.Outcome o = outcome.get();
                summary.put("monitor", cfg.earlyStopping().monitor());
                summary.put("best_epoch", o.bestEpoch());
                summary.put("best_value", o.bestValue());
                summary.put("restored_best", o.restored());
                savedEpoch = o.restored() ? o.bestEpoch() : savedEpoch;
                String line = stopping.describe(o);
                if (!line.isEmpty()) {
                    out.println(line);
                }
            }
            run.writeOptimizerState(step.state());
        }
        LossReport test = progress.tests.get(savedEpoch - 1);
        summary.put("saved_epoch", savedEpoch);
        summary.put("test_loss", test.total());
        run.writeSummary(summary);
        listener.trainingEnded(summary);
        run.writeParameters(model.parameters(), model.buffers());
        RunPictures.write(engine, manifest.dtype(), model, dataset.test(), run, cfg.pictures(), manifest.seed());
        snapshots.atEnd();
        return test;
    }

    /** Trains one pretraining stage for its epochs, logging each epoch's train and test loss; returns the lines logged. */
    private int pretrain(PretrainingStage stage, RunFolder run) throws IOException {
        TrainingConfig cfg = manifest.training();
        try (TrainingStep step = new TrainingStep(engine, stage.model(), optimizer, noise, manifest.seed(),
                cfg.divergence());
             TrainingPass pass = new TrainingPass(engine, manifest.dtype(), split.train(), cfg.batchSize(), cfg.shuffle(),
                     manifest.seed(), progressBar);
             CurvatureEstimation curvature = CurvatureEstimation.of(optimizer, manifest, engine, stage.model(),
                     split.train(), " (pretraining stage " + stage.name() + ")")) {
            if (curvature != null) {
                estimateFirst(curvature);
            }
            for (int epoch = 1; epoch <= stage.epochs(); epoch++) {
                EpochSums sums = new EpochSums();
                try {
                    pass.run(step, epoch, stage.epochs(), sums, (e, b) -> {
                        if (curvature != null) {
                            curvature.afterBatch(pass.samplesAt(e, b - 1), pass.samplesAt(e, b));
                        }
                    });
                } catch (Divergence d) {
                    throw d.locate("pretraining " + stage.name() + ", epoch " + epoch + ", batch " + (sums.batches() + 1),
                            hint() + "; no checkpoint is written before pretraining ends");
                }
                LossReport test = Evaluation.of(engine, manifest.dtype(), stage.model(), dataset.test(), cfg.evalBatchSize());
                EpochMetrics metrics = new EpochMetrics(epoch, sums.mean(), Optional.empty(), test, sums.seconds(),
                        pass.samples(), Optional.empty());
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("stage", stage.name());
                json.putAll(metrics.json());
                run.appendMetrics(json);
                out.println("pretrain " + stage.name() + " " + metrics.line(stage.epochs()));
            }
            return stage.epochs();
        }
    }

    /** Makes the first estimate of a training, and logs the cost of the run's first. */
    private void estimateFirst(CurvatureEstimation curvature) {
        curvature.atStart();
        if (!curvatureReported) {
            out.println(curvature.report());
            curvatureReported = true;
        }
    }

    /** Evaluates after an epoch's training: on the validation split (if any) and the test split. */
    private EpochMetrics evaluate(int epoch, EpochSums sums, TrainingPass pass, Optional<NoisyTestSet> noisyTest) {
        TrainingConfig cfg = manifest.training();
        Optional<LossReport> validation = split.validation()
                .map(v -> Evaluation.of(engine, manifest.dtype(), model, v, cfg.evalBatchSize()));
        LossReport test = Evaluation.of(engine, manifest.dtype(), model, dataset.test(), cfg.evalBatchSize());
        Optional<EpochMetrics.Denoising> denoising = noisyTest.map(n -> new EpochMetrics.Denoising(
                Evaluation.of(engine, manifest.dtype(), model, n.inputs(), dataset.test(), cfg.evalBatchSize()),
                n.inputMse()));
        return new EpochMetrics(epoch, sums.mean(), validation, test, sums.seconds(), (int) pass.samplesAt(1, sums.batches()),
                denoising);
    }

    /**
     * What to change when training diverges: the optimizer's learning rate and gradient clipping
     * (the settings it has), and the divergence policy.
     */
    private String hint() {
        Map<String, Object> settings = RecordBinder.unbind(manifest.choice("optimizer").config());
        List<String> changes = new ArrayList<>();
        if (settings.get("learningRate") instanceof Number lr) {
            changes.add("lower optimizer.learningRate (now " + Checks.format(lr.doubleValue()) + ")");
        }
        if (settings.get("clipNorm") instanceof Number clip) {
            changes.add(clip.doubleValue() == 0 ? "clip gradients (optimizer.clipNorm)"
                    : "clip them harder (optimizer.clipNorm, now " + Checks.format(clip.doubleValue()) + ")");
        }
        String policy = manifest.training().divergence().equals(TrainingConfig.STOP)
                ? "set training.divergence to skip-batch or halve-lr" : "";
        if (changes.isEmpty()) {
            return policy.isEmpty() ? "lower the learning rate" : policy;
        }
        return String.join(" or ", changes) + (policy.isEmpty() ? "" : ", or " + policy);
    }

    /** Writes checkpoints at their steps, and turns a divergence into its full message. */
    private final class Checkpoints {

        private final Checkpointer checkpointer;
        private final TrainingStep step;
        private final EarlyStopping stopping;
        private final TrainingProgress progress;
        private final Optional<CheckpointFolder> folder;

        Checkpoints(RunFolder run, Checkpointer checkpointer, TrainingStep step, EarlyStopping stopping,
                    int batchesPerEpoch, TrainingProgress progress) {
            this.checkpointer = checkpointer;
            this.step = step;
            this.stopping = stopping;
            this.progress = progress;
            progress.batchesPerEpoch = batchesPerEpoch;
            int keep = manifest.training().keepCheckpoints();
            this.folder = keep == 0 ? Optional.empty() : Optional.of(run.checkpoints(keep));
        }

        /** Checks before training that the checkpoints and the final outputs fit and can be written. */
        void checkWritable() {
            folder.ifPresent(f -> f.checkWritable(checkpointer.bytes(), 2 * checkpointer.outputBytes()));
        }

        /**
         * Writes the checkpoint of the current position if {@code now}, or if it falls on
         * {@code checkpointEvery}; never twice for one position.
         */
        void maybeWrite(boolean now) {
            long at = progress.position();
            int every = manifest.training().checkpointEvery();
            if (folder.isEmpty() || at == progress.lastCheckpoint || !(now || every > 0 && at % every == 0)) {
                return;
            }
            Optional<String> overflowed = checkpointer.firstNonFinite();
            if (overflowed.isPresent()) {
                throw located(new Divergence("tensor " + overflowed.get() + " holds non-finite values after the last"
                        + " update, so no checkpoint is written from it"), at);
            }
            TrainingState state = new TrainingState(progress.epoch, progress.sums, progress.tests,
                    progress.metricsLines, stopping.state(), step.position(), checkpointer.streamStates());
            checkpointer.write(folder.get(), at, state);
            progress.lastCheckpoint = at;
        }

        /** The divergence of step {@code at} (1-based), with the epoch, the hint and the last good checkpoint. */
        Divergence located(Divergence d, long at) {
            String last = folder.isEmpty() ? "checkpoints are off (training.keepCheckpoints: 0)"
                    : folder.get().list().stream().findFirst().map(p -> "the last good checkpoint is " + p)
                            .orElse("there is no checkpoint yet");
            long epoch = (at - 1) / progress.batchesPerEpoch + 1;
            return d.locate("step " + at + " (epoch " + epoch + ")", hint() + "; " + last);
        }
    }
}
