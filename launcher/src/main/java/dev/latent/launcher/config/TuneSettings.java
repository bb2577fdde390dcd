package dev.latent.launcher.config;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;
import java.util.List;

/**
 * The settings of the manifest's {@code tune} section other than its {@code space}: what a
 * hyperparameter search minimises, how many trials it runs, how it samples and when it prunes.
 *
 * <p>The metric is a loss of metrics.jsonl: {@code validation_loss} (needs
 * {@code training.validationFraction > 0}) or {@code train_loss}; never {@code test_loss},
 * because the test split is never used to choose anything. A trial's value is the metric at the
 * epoch whose parameters the run saved (the last, or the best when early stopping restores it).
 * The TPE sampler draws its first {@code startupTrials} trials at random, then splits the
 * finished trials at the {@code gamma} quantile and picks the best of {@code candidates} draws
 * (Bergstra et al. 2011). The median pruner stops a trial whose best metric so far is worse than
 * the median of the completed trials at the same epoch, once {@code pruningStartupTrials} trials
 * have completed and the trial has run more than {@code pruningWarmupEpochs} epochs.
 */
public record TuneSettings(
        @Setting(value = "the loss minimised: validation_loss or train_loss", defaultValue = VALIDATION_LOSS)
        String metric,
        @Setting(value = "trials to run (the command line's --trials overrides it)", defaultValue = "20")
        int trials,
        @Setting(value = "how trials are drawn: tpe (tree-structured Parzen estimator) or random", defaultValue = TPE)
        String sampler,
        @Setting(value = "the trials TPE draws at random before it models the results", defaultValue = "10")
        int startupTrials,
        @Setting(value = "the share of completed trials TPE counts as good, in (0, 1)", defaultValue = "0.25")
        double gamma,
        @Setting(value = "the draws from the good trials' density among which TPE picks one", defaultValue = "24")
        int candidates,
        @Setting(value = "how bad trials are stopped early: median or none", defaultValue = MEDIAN)
        String pruning,
        @Setting(value = "completed trials before the pruner stops any", defaultValue = "5")
        int pruningStartupTrials,
        @Setting(value = "epochs every trial runs before it may be pruned", defaultValue = "2")
        int pruningWarmupEpochs) {

    public static final String VALIDATION_LOSS = "validation_loss";
    public static final String TRAIN_LOSS = "train_loss";
    public static final String TPE = "tpe";
    public static final String RANDOM = "random";
    public static final String MEDIAN = "median";
    public static final String NONE = "none";

    public TuneSettings {
        Checks.of()
                .that(!metric.equals("test_loss"), "metric", "is 'test_loss', but the test split is never used to"
                        + " choose (its figure would be optimistic); use validation_loss with"
                        + " training.validationFraction > 0")
                .that(metric.equals("test_loss") || List.of(VALIDATION_LOSS, TRAIN_LOSS).contains(metric), "metric",
                        "must be one of validation_loss, train_loss, found '" + metric + "'")
                .atLeast("trials", trials, 1)
                .oneOf("sampler", sampler, List.of(TPE, RANDOM))
                .atLeast("startupTrials", startupTrials, 1)
                .that(gamma > 0 && gamma < 1, "gamma", "must be in (0, 1), found " + Checks.format(gamma))
                .atLeast("candidates", candidates, 1)
                .oneOf("pruning", pruning, List.of(MEDIAN, NONE))
                .atLeast("pruningStartupTrials", pruningStartupTrials, 1)
                .atLeast("pruningWarmupEpochs", pruningWarmupEpochs, 0)
                .done();
    }

    /** The same settings with another number of trials (the command line's {@code --trials}). */
    public TuneSettings withTrials(int n) {
        return new TuneSettings(metric, n, sampler, startupTrials, gamma, candidates, pruning, pruningStartupTrials,
                pruningWarmupEpochs);
    }
}
