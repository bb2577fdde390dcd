package dev.latent.launcher.train;

import dev.latent.api.data.DataSplit;
import dev.latent.api.data.Dataset;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.Model;
import dev.latent.api.noise.Noise;
import dev.latent.api.optim.Optimizer;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.config.TrainingConfig;
import dev.latent.launcher.output.RunFolder;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The training loop: epochs of shuffled batches (seeded), a test evaluation after each epoch,
 * one metrics line per epoch, and at the end the parameters and a reconstruction picture.
 */
public final class Trainer {

    private final Engine engine;
    private final Dataset dataset;
    private final Model model;
    private final Optimizer optimizer;
    private final Optional<Noise> noise;
    private final Manifest manifest;
    private final PrintStream out;
    private final boolean progressBar;

    public Trainer(Engine engine, Dataset dataset, Model model, Optimizer optimizer, Optional<Noise> noise,
                   Manifest manifest, PrintStream out, boolean progressBar) {
        this.engine = engine;
        this.dataset = dataset;
        this.model = model;
        this.optimizer = optimizer;
        this.noise = noise;
        this.manifest = manifest;
        this.out = out;
        this.progressBar = progressBar;
    }

    /** Trains as the manifest says, writing into {@code run}; returns the last epoch's test loss. */
    public LossReport train(RunFolder run) throws IOException {
        TrainingConfig cfg = manifest.training();
        DataSplit train = dataset.train();
        int n = train.count();
        int[] order = IntStream.range(0, n).toArray();
        SplittableRandom shuffler = new SplittableRandom(manifest.seed());
        int steps = (n + cfg.batchSize() - 1) / cfg.batchSize();
        LossReport test = null;
        try (BatchLoader loader = new BatchLoader(engine, manifest.dtype(), train);
             TrainingStep step = new TrainingStep(engine, model, optimizer, noise, manifest.seed())) {
            for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
                if (cfg.shuffle()) {
                    shuffle(order, shuffler);
                }
                long start = System.nanoTime();
                double sum = 0;
                Map<String, Double> terms = new LinkedHashMap<>();
                try (ProgressBar bar = bar(epoch, cfg.epochs(), steps)) {
                    for (int from = 0; from < n; from += cfg.batchSize()) {
                        int size = Math.min(cfg.batchSize(), n - from);
                        LossReport r = step.run(loader.load(order, from, size));
                        sum += r.total() * size;
                        r.terms().forEach((k, v) -> terms.merge(k, v * size, Double::sum));
                        if (bar != null) {
                            bar.step();
                            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.5f", r.total()));
                        }
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                terms.replaceAll((k, v) -> v / n);
                test = Evaluation.of(engine, manifest.dtype(), model, dataset.test(), cfg.evalBatchSize());
                report(run, epoch, cfg.epochs(), sum / n, terms, test, seconds, n);
            }
        }
        run.writeParameters(model.parameters());
        writePictures(run, cfg.pictures());
        return test;
    }

    private void report(RunFolder run, int epoch, int epochs, double trainLoss, Map<String, Double> trainTerms,
                        LossReport test, double seconds, int samples) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("epoch", epoch);
        line.put("train_loss", trainLoss);
        line.put("test_loss", test.total());
        line.put("train_terms", trainTerms);
        line.put("test_terms", test.terms());
        line.put("seconds", seconds);
        line.put("samples_per_second", samples / seconds);
        run.appendMetrics(line);
        out.printf(Locale.ROOT, "epoch %d/%d  train loss %.5f  test loss %.5f  %.1f s  %.0f samples/s%n",
                epoch, epochs, trainLoss, test.total(), seconds, samples / seconds);
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

    private ProgressBar bar(int epoch, int epochs, int steps) {
        if (!progressBar) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName("epoch " + epoch + "/" + epochs).setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).clearDisplayOnFinish().build();
    }

    /** Fisher-Yates, seeded. */
    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
