package dev.latent.launcher.bench;

import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Scope;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Model;
import dev.latent.launcher.train.TrainingStep;

/**
 * The timed part of a benchmark: after {@code warmup} untimed training steps, {@code rounds}
 * rounds of {@code steps} training steps ({@link TrainingStep#run}, exactly what training
 * runs), each followed by a round of {@code steps} evaluation forwards
 * ({@link Model#evaluate}) on the same batches.
 *
 * <p>The split of a step: forward = an evaluation forward with its loss (no dropout and no
 * sampling, so a shade cheaper than training's forward); backward = the time inside
 * {@link Model#trainStep} minus that forward; optimizer = the time after it (divergence check,
 * the optimizer's update, value += update). Each is the median over the rounds of the round's
 * mean, so the three need not add up to exactly 1 / samples-per-second.
 *
 * @param samplesPerSecond median over the rounds of batch * steps / the round's wall time
 * @param roundRates       each round's samples/s
 * @param forwardMs        per step
 * @param backwardMs       per step
 * @param optimizerMs      per step
 */
public record StepTimings(double samplesPerSecond, double[] roundRates, double forwardMs, double backwardMs,
                          double optimizerMs) {

    /** Runs the warm-up and the rounds over {@code batches} in turn. */
    public static StepTimings measure(Engine engine, Model model, TrainingStep step, Tensor[] batches,
                                      int warmup, int steps, int rounds, java.io.PrintStream log) {
        for (int i = 0; i < warmup; i++) {
            step.run(batches[i % batches.length]);
        }
        int batch = batches[0].rows();
        double[] rates = new double[rounds];
        double[] forward = new double[rounds];
        double[] model4 = new double[rounds];
        double[] optimizer = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long m0 = step.modelNanos();
            long o0 = step.optimizerNanos();
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                step.run(batches[i % batches.length]);
            }
            long end = System.nanoTime();
            rates[r] = (double) steps * batch / ((end - start) / 1e9);
            model4[r] = (step.modelNanos() - m0) / 1e6 / steps;
            optimizer[r] = (step.optimizerNanos() - o0) / 1e6 / steps;
            long f0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                try (Scope ignored = engine.scope()) {
                    Tensor x = batches[i % batches.length];
                    model.evaluate(x, x);
                }
            }
            forward[r] = (System.nanoTime() - f0) / 1e6 / steps;
            log.printf(java.util.Locale.ROOT, "  round %d: %.0f samples/s%n", r + 1, rates[r]);
        }
        double f = SgemmPeak.median(forward);
        return new StepTimings(SgemmPeak.median(rates), rates, f, Math.max(0, SgemmPeak.median(model4) - f),
                SgemmPeak.median(optimizer));
    }
}
