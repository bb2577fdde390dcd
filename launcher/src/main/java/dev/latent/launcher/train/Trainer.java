package dev.latent.launcher.train;

import dev.latent.api.data.DataSplit;
import dev.latent.api.data.Dataset;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.Model;
import dev.latent.api.noise.Noise;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.run.RunListener;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.config.TrainingConfig;
import dev.latent.launcher.output.RunFolder;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The training loop: epochs of shuffled batches (seeded) over the training samples left after
 * the validation split; after each epoch the validation loss (if there is a validation split)
 * and the test loss, one metrics line and one printed line, and early stopping's check (on the
 * validation or training loss, never the test loss). At the end, the parameters (the best
 * epoch's, when early stopping restores them), the optimizer state, a summary and a
 * reconstruction picture.
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
    }

    /**
     * Trains as the manifest says, writing into {@code run}; returns the test loss of the
     * parameters it saved (the last epoch's, or the best epoch's when early stopping restored it).
     */
    public LossReport train(RunFolder run) throws IOException {
        TrainingConfig cfg = manifest.training();
        List<LossReport> tests = new ArrayList<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        int savedEpoch;
        try (TrainingStep step = new TrainingStep(engine, model, optimizer, noise, manifest.seed());
             TrainingPass pass = new TrainingPass(engine, manifest.dtype(), split.train(), cfg.batchSize(), cfg.shuffle(),
                     manifest.seed(), progressBar);
             EarlyStopping stopping = new EarlyStopping(engine, model.parameters(), cfg.earlyStopping(), cfg.epochs())) {
            Optional<NoisyTestSet> noisyTest = noise.map(n -> NoisyTestSet.draw(engine, manifest.dtype(), n,
                    dataset.test(), manifest.seed(), cfg.evalBatchSize()));
            boolean stop = false;
            for (int epoch = 1; epoch <= cfg.epochs() && !stop; epoch++) {
                EpochMetrics metrics = epoch(step, pass, epoch, noisyTest);
                tests.add(metrics.test());
                run.appendMetrics(metrics.json());
                listener.epochEnded(metrics.json());
                out.println(metrics.line(cfg.epochs()));
                stop = cfg.earlyStopping().enabled()
                        && stopping.observe(epoch, metrics.monitored(cfg.earlyStopping().monitor()));
            }
            savedEpoch = tests.size();
            summary.put("epochs_run", tests.size());
            summary.put("steps", step.steps());
            summary.put("stopped_early", stop);
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
        LossReport test = tests.get(savedEpoch - 1);
        summary.put("saved_epoch", savedEpoch);
        summary.put("test_loss", test.total());
        run.writeSummary(summary);
        listener.trainingEnded(summary);
        run.writeParameters(model.parameters());
        writePictures(run, cfg.pictures());
        return test;
    }

    /** Trains one epoch, then evaluates on the validation split (if any) and the test split. */
    private EpochMetrics epoch(TrainingStep step, TrainingPass pass, int epoch, Optional<NoisyTestSet> noisyTest) {
        TrainingConfig cfg = manifest.training();
        long start = System.nanoTime();
        LossReport train = pass.run(step, epoch, cfg.epochs());
        double seconds = (System.nanoTime() - start) / 1e9;
        Optional<LossReport> validation = split.validation()
                .map(v -> Evaluation.of(engine, manifest.dtype(), model, v, cfg.evalBatchSize()));
        LossReport test = Evaluation.of(engine, manifest.dtype(), model, dataset.test(), cfg.evalBatchSize());
        Optional<EpochMetrics.Denoising> denoising = noisyTest.map(n -> new EpochMetrics.Denoising(
                Evaluation.of(engine, manifest.dtype(), model, n.inputs(), dataset.test(), cfg.evalBatchSize()),
                n.inputMse()));
        return new EpochMetrics(epoch, train, validation, test, seconds, pass.samples(), denoising);
    }

    private void writePictures(RunFolder run, int pictures) throws IOException {
        DataSplit test = dataset.test();
        int n = Math.min(pictures, test.count());
        int[] shape = test.sampleShape();
        if (n == 0 || shape.length < 2) {
            return;
        }
        int height = shape[shape.length - 2];
        int width = shape[shape.length - 1];
        if (height * width != test.sampleSize()) {
            return;
        }
        int[] first = IntStream.range(0, n).toArray();
        float[] originals = new float[n * test.sampleSize()];
        test.copySamples(first, 0, n, originals);
        try (Tensor batch = engine.zeros(manifest.dtype(), n, test.sampleSize())) {
            engine.assign(batch, originals);
            float[] reconstructions = model.reconstruct(batch).toFloatArray();
            run.writeReconstructions(originals, reconstructions, n, height, width);
        }
    }
}
