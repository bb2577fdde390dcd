package dev.latent.launcher.train;

import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Scope;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.Model;
import dev.latent.api.model.Parameter;
import dev.latent.api.noise.Noise;
import dev.latent.api.optim.LineSearchOptimizer;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerState;
import dev.latent.launcher.config.TrainingConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One optimisation step on a batch: (corrupt the input,) forward, loss, backward, the
 * divergence check, the optimizer's update, and value += update, inside an engine scope so that
 * any temporaries come from a reused workspace. Shared by training and the benchmark, so that
 * the benchmark times exactly what training runs.
 *
 * <p>The divergence check ({@link DivergenceCheck}) runs after backward and before the
 * optimizer. What a non-finite batch does is the {@code training.divergence} policy:
 * {@code stop} throws {@link Divergence} (it checks the loss each step, and the gradients only
 * once the loss is not finite); {@code skip-batch} and {@code halve-lr} check every gradient
 * too, so a bad batch never reaches the optimizer's state: {@code skip-batch} makes no update,
 * and {@code halve-lr} makes no update and halves every later one
 * ({@code value += scale * update}). {@value #MAX_BAD_IN_A_ROW} bad batches in a row stop the
 * run under any policy.
 */
public final class TrainingStep implements AutoCloseable {

    /** Consecutive non-finite batches after which even skip-batch and halve-lr stop. */
    static final int MAX_BAD_IN_A_ROW = 10;

    /** What one call did: the batch's loss, and whether its update was applied. */
    public record Outcome(LossReport report, boolean applied) {
    }

    /**
     * The step's position, for a checkpoint: the updates made, the batches skipped, the bad
     * batches in a row so far, the update scale and the noise stream's position.
     */
    record State(long updates, long skipped, int badInARow, double updateScale, long[] noise) {
    }

    private final Engine engine;
    private final Model model;
    private final Optimizer optimizer;
    private final List<Parameter> parameters;
    private final OptimizerState state;
    private final Optional<Noise> noise;
    private final RandomStream noiseRandom;
    private final String policy;
    private final DivergenceCheck check;
    private final Map<Integer, Tensor> noisy = new HashMap<>();
    private long step;
    private long skipped;
    private int badInARow;
    private double updateScale = 1;
    private long modelNanos;
    private long optimizerNanos;

    /**
     * @param divergence the {@code training.divergence} policy ({@link TrainingConfig#STOP},
     *                   {@link TrainingConfig#SKIP_BATCH} or {@link TrainingConfig#HALVE_LR})
     */
    public TrainingStep(Engine engine, Model model, Optimizer optimizer, Optional<Noise> noise, long seed,
                        String divergence) {
        if (!TrainingConfig.DIVERGENCE_POLICIES.contains(divergence)) {
            throw new IllegalArgumentException("unknown divergence policy '" + divergence + "'");
        }
        this.engine = engine;
        this.model = model;
        this.optimizer = optimizer;
        this.parameters = model.parameters();
        this.state = optimizer.init(parameters);
        this.noise = noise;
        this.noiseRandom = engine.random(seed ^ 0x5DEECE66DL);
        this.policy = divergence;
        this.check = new DivergenceCheck(engine, parameters, !divergence.equals(TrainingConfig.STOP));
    }

    /**
     * Trains on one batch whose target is the batch itself (or its clean version, with noise).
     *
     * @throws Divergence when the loss or a gradient is not finite and the policy is
     *                    {@code stop}, or after {@value #MAX_BAD_IN_A_ROW} such batches in a row
     */
    public Outcome run(Tensor batch) {
        try (Scope ignored = engine.scope()) {
            Tensor input = batch;
            if (noise.isPresent()) {
                input = noisy.computeIfAbsent(batch.rows(), r -> engine.zeros(batch.dtype(), batch.shape()));
                noise.get().apply(batch, input, noiseRandom);
            }
            return step(input, batch);
        }
    }

    /**
     * Trains a supervised model on one batch of inputs against their targets (a classifier and
     * its one-hot labels); noise, if any, is not applied.
     *
     * @throws Divergence as {@link #run(Tensor)}
     */
    public Outcome run(Tensor input, Tensor target) {
        try (Scope ignored = engine.scope()) {
            return step(input, target);
        }
    }

    private Outcome step(Tensor input, Tensor target) {
        long start = System.nanoTime();
        LossReport report = model.trainStep(input, target);
        long trained = System.nanoTime();
        modelNanos += trained - start;
        Optional<String> fault = check.fault(report.total());
        if (fault.isPresent()) {
            return diverged(report, fault.get());
        }
        badInARow = 0;
        if (optimizer instanceof LineSearchOptimizer search) {
            search.update(parameters, state, ++step, report.total(), () -> model.trainStep(input, target).total());
        } else {
            optimizer.update(parameters, state, ++step);
        }
        for (Parameter p : parameters) {
            if (updateScale == 1) {
                engine.add(p.value(), p.gradient(), p.value());
            } else {
                engine.axpy(updateScale, p.gradient(), p.value());
            }
        }
        model.afterUpdate();
        optimizerNanos += System.nanoTime() - trained;
        return new Outcome(report, true);
    }

    private Outcome diverged(LossReport report, String fault) {
        badInARow++;
        if (policy.equals(TrainingConfig.STOP)) {
            throw new Divergence(fault);
        }
        if (badInARow >= MAX_BAD_IN_A_ROW) {
            throw new Divergence(fault + "; " + badInARow + " batches in a row were not finite (training.divergence: "
                    + policy + (policy.equals(TrainingConfig.HALVE_LR) ? ", updates now scaled by " + updateScale : "")
                    + ")");
        }
        skipped++;
        if (policy.equals(TrainingConfig.HALVE_LR)) {
            updateScale /= 2;
        }
        return new Outcome(report, false);
    }

    /** The number of updates made so far (batches skipped by the divergence policy are not counted). */
    public long steps() {
        return step;
    }

    /** The batches the divergence policy skipped. */
    public long skipped() {
        return skipped;
    }

    /** The factor every update is multiplied by: 1, halved by each batch halve-lr skipped. */
    public double updateScale() {
        return updateScale;
    }

    /**
     * Nanoseconds spent so far in {@link Model#trainStep} (forward, loss and backward), for the
     * benchmark's split of a step. Engine calls return when their result is ready (the CPU
     * engine is synchronous), so the clock brackets the work itself.
     */
    public long modelNanos() {
        return modelNanos;
    }

    /**
     * Nanoseconds spent so far after backward in applied steps: the divergence check, the
     * optimizer's update, value += update and {@link Model#afterUpdate}.
     */
    public long optimizerNanos() {
        return optimizerNanos;
    }

    public OptimizerState state() {
        return state;
    }

    /** The position of every counter and of the noise stream, for a checkpoint. */
    State position() {
        return new State(step, skipped, badInARow, updateScale, noiseRandom.state());
    }

    /** Puts back a position {@link #position} returned (the optimizer's tensors are restored apart). */
    void restore(State s) {
        step = s.updates();
        skipped = s.skipped();
        badInARow = s.badInARow();
        updateScale = s.updateScale();
        noiseRandom.restore(s.noise());
    }

    @Override
    public void close() {
        noisy.values().forEach(Tensor::close);
    }
}
