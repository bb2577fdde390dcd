package dev.latent.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latent.api.config.ConfigException;
import dev.latent.api.run.RunListener;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.config.ManifestException;
import dev.latent.launcher.config.ManifestTree;
import dev.latent.launcher.output.RunFolder;
import dev.latent.launcher.train.Divergence;
import dev.latent.launcher.tune.Objective;
import dev.latent.launcher.tune.TrialFailed;
import dev.latent.launcher.tune.TrialManifest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The objective of {@code latent tune}: a trial is a run of the search's manifest with the
 * trial's settings applied ({@link TrialManifest}), trained as {@code latent train} trains
 * ({@link Wiring}) into the trial's folder, reporting the tuned metric of each epoch's
 * metrics line. A combination the manifest or a plugin rejects, and a run that diverges, fail
 * the trial; other errors stop the search.
 */
final class TrialTraining implements Objective {

    private final Session search;
    private final String engine;
    private final String metric;
    private final PrintStream log;

    /**
     * @param engine  the command line's {@code --engine}, or null
     * @param verbose print each epoch's line, as training does
     */
    TrialTraining(Session search, String engine, boolean verbose) {
        this.search = search;
        this.engine = engine;
        this.metric = search.manifest.tune().orElseThrow().settings().metric();
        this.log = verbose ? System.out : new PrintStream(OutputStream.nullOutputStream());
    }

    @Override
    public Outcome run(int number, Map<String, JsonNode> params, Path folder, Reporter reporter) throws IOException {
        ManifestTree tree = new ManifestTree(search.tree.file(), search.tree.parents(),
                TrialManifest.tree(search.tree.root(), params));
        Manifest manifest;
        Wiring wiring;
        try {
            Session trial = search.with(tree, engine);
            manifest = trial.manifest;
            wiring = Wiring.of(trial.injector());
        } catch (RuntimeException e) {
            throw failed(e);
        }
        RunFolder run = RunFolder.createAt(folder);
        run.writeManifest(manifest.resolved());
        run.writeEnvironment(TrainCommand.environment(manifest, wiring.engine()));
        int lastEpoch = manifest.training().epochs();
        int[] saved = {0};
        double[] test = {Double.NaN};
        RunListener listener = new RunListener() {
            @Override
            public void epochEnded(Map<String, Object> line) {
                int epoch = ((Number) line.get("epoch")).intValue();
                reporter.epochEnded(epoch, ((Number) line.get(metric)).doubleValue(), epoch == lastEpoch);
            }

            @Override
            public void trainingEnded(Map<String, Object> summary) {
                saved[0] = ((Number) summary.get("saved_epoch")).intValue();
                test[0] = ((Number) summary.get("test_loss")).doubleValue();
            }
        };
        log.println(wiring.describe(manifest, run));
        try {
            wiring.train(manifest, run, Optional.empty(), log, false, listener);
        } catch (RuntimeException e) {
            throw failed(e);
        }
        return new Outcome(saved[0], test[0]);
    }

    /** A trial's own failure as {@link TrialFailed}; anything else as it is, to stop the search. */
    private static RuntimeException failed(RuntimeException e) {
        Throwable cause = UserErrors.unwrap(e);
        if (cause instanceof ManifestException || cause instanceof ConfigException || cause instanceof Divergence) {
            return new TrialFailed(cause.getMessage().replace('\n', ' '), cause);
        }
        return e;
    }
}
