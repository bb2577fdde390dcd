package dev.latent.launcher.transfer;

import dev.latent.api.data.DataSplit;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Scope;
import dev.latent.api.model.Model;
import dev.latent.api.optim.Optimizer;
import dev.latent.launcher.config.TrainingConfig;
import dev.latent.launcher.train.BatchLoader;
import dev.latent.launcher.train.SeededPermutation;
import dev.latent.launcher.train.TrainingStep;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Trains a supervised model (the classifier) on features and their one-hot targets with the
 * framework's own training step ({@link TrainingStep#run(dev.latent.api.engine.Tensor,
 * dev.latent.api.engine.Tensor)}: loss, gradient, optimizer update, divergence check), in
 * mini-batches reshuffled each epoch from {@code seed}; and measures accuracy, the share of
 * samples whose largest output ({@link Model#reconstruct}: the logits) is their label.
 */
final class ClassifierTraining {

    /** Salt for the shuffles, so they do not repeat the model's initialisation stream. */
    private static final long SALT = 0x5A4E_5F3E_1L;

    private ClassifierTraining() {
    }

    /** What each epoch reports: its mean training loss. */
    interface EpochListener {
        void epochEnded(int epoch, double trainLoss);
    }

    static void train(Engine engine, DType dtype, Model model, Optimizer optimizer, DataSplit features,
                      DataSplit targets, int epochs, int batchSize, long seed, EpochListener listener) {
        int n = features.count();
        int[] order = IntStream.range(0, n).toArray();
        SplittableRandom shuffler = new SplittableRandom(seed ^ SALT);
        try (TrainingStep step = new TrainingStep(engine, model, optimizer, Optional.empty(), seed, TrainingConfig.STOP);
             BatchLoader inputs = new BatchLoader(engine, dtype, features);
             BatchLoader outputs = new BatchLoader(engine, dtype, targets)) {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                SeededPermutation.shuffle(order, shuffler);
                double sum = 0;
                for (int from = 0; from < n; from += batchSize) {
                    int size = Math.min(batchSize, n - from);
                    sum += step.run(inputs.load(order, from, size), outputs.load(order, from, size)).report().total() * size;
                }
                listener.epochEnded(epoch, sum / n);
            }
        }
    }

    /** The share of {@code features}' samples whose arg max output is their label. */
    static double accuracy(Engine engine, DType dtype, Model model, DataSplit features, int batchSize) {
        int n = features.count();
        int[] order = IntStream.range(0, n).toArray();
        int correct = 0;
        try (BatchLoader loader = new BatchLoader(engine, dtype, features)) {
            for (int from = 0; from < n; from += batchSize) {
                int size = Math.min(batchSize, n - from);
                try (Scope ignored = engine.scope()) {
                    var logits = model.reconstruct(loader.load(order, from, size));
                    float[] scores = logits.toFloatArray();
                    int k = logits.columns();
                    for (int i = 0; i < size; i++) {
                        int best = 0;
                        for (int c = 1; c < k; c++) {
                            if (scores[i * k + c] > scores[i * k + best]) {
                                best = c;
                            }
                        }
                        correct += best == features.label(from + i) ? 1 : 0;
                    }
                }
            }
        }
        return (double) correct / n;
    }
}
