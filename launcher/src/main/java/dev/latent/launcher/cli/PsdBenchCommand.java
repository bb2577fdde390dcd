package dev.latent.launcher.cli;

import dev.latent.api.model.SparseCoder;
import dev.latent.launcher.UserError;
import dev.latent.launcher.eval.LossCurve;
import dev.latent.launcher.eval.PsdInference;
import dev.latent.launcher.run.TrainedRun;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code latent bench-psd RUN [--baseline RUN2]}: the two figures of predictive sparse
 * decomposition (docs/psd.md). First, fast against optimal inference on RUN's test split
 * ({@link PsdInference}), by default as one batch ({@code --batch N} for smaller ones): the
 * encoder's time, FISTA's (from zero) and its iterations, the ratio and the relative code error
 * ||z~ - z*|| / ||z*||. Second, with {@code --baseline}, RUN's test-loss curve beside
 * the baseline run's ({@link LossCurve}, a point per epoch), and the training samples RUN needs
 * to reach the baseline's final loss.
 */
@Command(name = "bench-psd", mixinStandardHelpOptions = true,
        description = "Times a trained PSD run's encoder against FISTA on its test split (speed ratio, relative code"
                + " error); with --baseline, compares its test-loss curve with another run's.")
final class PsdBenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "a trained run of a sparse-coding model (psd)")
    Path run;

    @Option(names = "--baseline", paramLabel = "RUN2",
            description = "a run of the same model and data with other training settings, to compare curves with")
    Path baseline;

    @Option(names = "--rounds", defaultValue = "3", description = "timed passes of each coder; the median is"
            + " reported (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--batch", paramLabel = "N", description = "code the test split in batches of N, both coders"
            + " alike (default: the whole split as one batch)")
    Integer batch;

    @Option(names = "--no-inference", description = "only compare the curves")
    boolean noInference;

    @Mixin
    RunOptions runOptions;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1) {
            throw new UserError("--rounds must be >= 1, found " + rounds);
        }
        if (batch != null && batch < 1) {
            throw new UserError("--batch must be >= 1, found " + batch);
        }
        LossCurve curve;
        try (TrainedRun trained = runOptions.trainedRun(run)) {
            curve = LossCurve.read(run, trained.split().train().count());
            if (!noInference) {
                inference(trained);
            }
        }
        if (baseline != null) {
            LossCurve base;
            try (TrainedRun other = runOptions.trainedRun(baseline)) {
                base = LossCurve.read(baseline, other.split().train().count());
            }
            compare(curve, base);
        }
        return 0;
    }

    private void inference(TrainedRun trained) {
        if (!(trained.model() instanceof SparseCoder coder)) {
            throw new UserError("model '" + trained.manifest().choice("model").name() + "' of " + run
                    + " has no sparse codes to compare its encoder with (it does not implement SparseCoder); "
                    + "bench-psd needs a psd run");
        }
        var test = trained.dataset().test();
        int size = batch == null ? test.count() : batch;
        System.out.printf(Locale.ROOT, "inference on %d test samples of %s, batch %d, engine %s %s%n", test.count(),
                run, size, trained.engine().name(), trained.engine().properties());
        PsdInference r = PsdInference.measure(trained.engine(), trained.manifest().dtype(), coder, test, size, rounds);
        System.out.printf(Locale.ROOT, "encoder z~: %.4f s (%.0f samples/s)%n", r.encoderSeconds(),
                r.samples() / r.encoderSeconds());
        System.out.printf(Locale.ROOT, "FISTA z* from zero: %.3f s (%.0f samples/s), %.1f iterations per batch%n",
                r.solverSeconds(), r.samples() / r.solverSeconds(), r.iterations());
        System.out.printf(Locale.ROOT, "speed ratio FISTA / encoder: %.0fx (median of %d rounds each)%n",
                r.speedRatio(), rounds);
        System.out.printf(Locale.ROOT, "relative code error ||z~ - z*|| / ||z*||: %.3f; z* has %.1f %% zeros%n",
                r.relativeError(), 100 * r.zeroCodes());
    }

    private void compare(LossCurve curve, LossCurve base) {
        System.out.printf(Locale.ROOT, "%12s  %14s  %14s%n", "samples", "test loss RUN", "test loss RUN2");
        int n = Math.max(curve.samples().length, base.samples().length);
        for (int i = 0; i < n; i++) {
            long at = i < curve.samples().length ? curve.samples()[i] : base.samples()[i];
            System.out.printf(Locale.ROOT, "%12d  %14s  %14s%n", at, cell(curve, i, at), cell(base, i, at));
        }
        double target = base.last();
        double reach = curve.samplesToReach(target);
        long end = base.samples()[base.samples().length - 1];
        if (reach < 0) {
            System.out.printf(Locale.ROOT, "RUN does not reach RUN2's loss after %d samples (%.4f) in its %d samples%n",
                    end, target, curve.samples()[curve.samples().length - 1]);
        } else {
            System.out.printf(Locale.ROOT, "RUN reaches RUN2's loss after %d samples (%.4f) after about %.0f samples"
                    + " (%.2fx fewer)%n", end, target, reach, end / reach);
        }
    }

    private static String cell(LossCurve c, int i, long at) {
        return i < c.samples().length && c.samples()[i] == at ? String.format(Locale.ROOT, "%.4f", c.loss()[i]) : "-";
    }
}
