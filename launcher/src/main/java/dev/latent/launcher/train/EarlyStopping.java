package dev.latent.launcher.train;

import dev.latent.api.config.Checks;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import dev.latent.launcher.config.EarlyStoppingConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Early stopping with a snapshot of the best parameters (Prechelt 1998, "Early Stopping — But
 * When?"; Keras's {@code EarlyStopping(restore_best_weights=True)}).
 *
 * <p>Call order: {@link #observe} once after every epoch with the monitored value, which says
 * whether to stop; then {@link #finish} once, which puts the best epoch's parameters back (if
 * {@code restoreBest}) and says what happened; then {@link #close}. An epoch improves when its
 * value is below the best so far by more than {@code minDelta} (the first finite value always
 * does; NaN never does): the parameters and the model's buffers (a batch normalisation's running
 * estimates, which evaluation uses) are copied into snapshot tensors and the count of epochs
 * without improvement restarts; otherwise the count grows, and training stops when it reaches
 * {@code patience}. The snapshot tensors are allocated once, at construction, only when early
 * stopping is on; with {@code patience: 0} this class does nothing.
 */
final class EarlyStopping implements AutoCloseable {

    /** What early stopping did, for the run's summary. */
    record Outcome(boolean stoppedEarly, int bestEpoch, double bestValue, boolean restored) {
    }

    /** What early stopping has seen so far, for a checkpoint ({@link #snapshot()} is saved beside it). */
    record State(int bestEpoch, double best, int lastEpoch, int epochsWithoutImprovement, boolean stopped) {
    }

    private final Engine engine;
    private final EarlyStoppingConfig config;
    /** The parameters' values, then the buffers, by name: what the snapshot holds. */
    private final Map<String, Tensor> tracked = new LinkedHashMap<>();
    private final int epochs;
    private final Map<String, Tensor> snapshot = new LinkedHashMap<>();
    private int bestEpoch;
    private double best = Double.POSITIVE_INFINITY;
    private int lastEpoch;
    private int epochsWithoutImprovement;
    private boolean stopped;

    /**
     * @param buffers the model's buffers ({@code Model.buffers()}), snapshotted with the parameters
     * @param epochs  the number of epochs the run has (a run that reaches it did not stop early)
     */
    EarlyStopping(Engine engine, List<Parameter> parameters, Map<String, Tensor> buffers, EarlyStoppingConfig config,
                  int epochs) {
        this.engine = engine;
        this.config = config;
        this.epochs = epochs;
        parameters.forEach(p -> tracked.put(p.name(), p.value()));
        tracked.putAll(buffers);
        if (config.enabled()) {
            tracked.forEach((name, t) -> snapshot.put(name, engine.zeros(t.dtype(), t.shape())));
        }
    }

    /**
     * Records the monitored value of {@code epoch}, snapshotting the parameters if it improved.
     *
     * @return whether training should stop now, before its last epoch
     */
    boolean observe(int epoch, double value) {
        if (!config.enabled()) {
            return false;
        }
        lastEpoch = epoch;
        if (value < best - config.minDelta()) {
            best = value;
            bestEpoch = epoch;
            epochsWithoutImprovement = 0;
            tracked.forEach((name, t) -> engine.copy(t, snapshot.get(name)));
        } else {
            epochsWithoutImprovement++;
        }
        stopped = epochsWithoutImprovement >= config.patience() && epoch < epochs;
        return stopped;
    }

    /**
     * Ends the run: puts the best epoch's parameters back when {@code restoreBest} and the last
     * epoch was not the best; returns what happened, or nothing when early stopping is off or
     * never saw an epoch.
     */
    Optional<Outcome> finish() {
        if (!config.enabled() || lastEpoch == 0) {
            return Optional.empty();
        }
        boolean restore = config.restoreBest() && bestEpoch != 0 && bestEpoch != lastEpoch;
        if (restore) {
            tracked.forEach((name, t) -> engine.copy(snapshot.get(name), t));
        }
        return Optional.of(new Outcome(stopped, bestEpoch, best, restore));
    }

    /**
     * The line printed at the end, for example {@code early stopping after epoch 7: validation_loss
     * has not improved by more than 0 for 3 epochs; restored epoch 4 (0.02341)}; empty when there
     * is nothing to say (no early stop and nothing restored).
     */
    String describe(Outcome o) {
        String value = String.format(Locale.ROOT, "%.5f", o.bestValue());
        if (o.stoppedEarly()) {
            String best = o.bestEpoch() == 0 ? "no epoch had a finite " + config.monitor()
                    : (o.restored() ? "restored epoch " : "kept epoch " + lastEpoch + "; the best was epoch ")
                            + o.bestEpoch() + " (" + value + ")";
            return "early stopping after epoch " + lastEpoch + ": " + config.monitor() + " has not improved by more than "
                    + Checks.format(config.minDelta()) + " for " + epochsWithoutImprovement + " epoch"
                    + (epochsWithoutImprovement == 1 ? "" : "s") + "; " + best;
        }
        return o.restored() ? "restored epoch " + o.bestEpoch() + ", the best " + config.monitor() + " (" + value + ")" : "";
    }

    /** Whether {@link #observe} has said to stop. */
    boolean stopped() {
        return stopped;
    }

    /** The counters and the best value so far. */
    State state() {
        return new State(bestEpoch, best, lastEpoch, epochsWithoutImprovement, stopped);
    }

    /** Puts back what {@link #state} returned (the snapshot tensors are restored apart). */
    void restore(State s) {
        bestEpoch = s.bestEpoch();
        best = s.best();
        lastEpoch = s.lastEpoch();
        epochsWithoutImprovement = s.epochsWithoutImprovement();
        stopped = s.stopped();
    }

    /**
     * The best epoch's parameters then buffers, by the parameter's or buffer's name, in order;
     * empty when early stopping is off.
     */
    Map<String, Tensor> snapshot() {
        return Collections.unmodifiableMap(snapshot);
    }

    @Override
    public void close() {
        snapshot.values().forEach(Tensor::close);
        snapshot.clear();
    }
}
