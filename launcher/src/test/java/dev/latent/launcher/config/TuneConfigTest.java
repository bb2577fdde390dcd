package dev.latent.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.latent.api.config.ConfigProblem;
import dev.latent.launcher.TestHome;
import dev.latent.launcher.plugin.PluginCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest's tune section: what it accepts, and the wording of every error (path, value, what is allowed). */
class TuneConfigTest {

    private static final String BASE = "dataset: mnist\nmodel: ae\nloss: mse\noptimizer: adam\n"
            + "training: {validationFraction: 0.1}\n";

    @TempDir
    static Path home;
    @TempDir
    Path dir;

    private static ManifestLoader loader;

    @BeforeAll
    static void discover() throws IOException {
        loader = new ManifestLoader(PluginCatalog.discover(TestHome.withCpuEngine(home)));
    }

    private Manifest load(String yaml) throws IOException {
        return loader.load(Files.writeString(dir.resolve("manifest.yaml"), yaml));
    }

    private List<String> problems(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("manifest.yaml"), yaml);
        return assertThrows(ManifestException.class, () -> loader.load(file)).problems().stream()
                .map(ConfigProblem::line).toList();
    }

    @Test
    void readsTheRangesInTheirOrderWithTheDefaultsOfTheOtherSettings() throws IOException {
        Manifest m = load(BASE + "tune:\n  space:\n    optimizer.learningRate: {logUniform: [1e-4, 1e-1]}\n"
                + "    optimizer.beta1: {uniform: [0, 0.95]}\n    model.activation: {choice: [relu, tanh]}\n"
                + "    training.batchSize: {choice: [32, 64, 128]}\n");
        TuneConfig tune = m.tune().orElseThrow();
        assertEquals(List.of("optimizer.learningRate", "optimizer.beta1", "model.activation", "training.batchSize"),
                List.copyOf(tune.space().keySet()));
        assertEquals(new SearchRange.LogUniform(1e-4, 0.1), tune.space().get("optimizer.learningRate"));
        assertEquals(new SearchRange.Uniform(0, 0.95), tune.space().get("optimizer.beta1"));
        assertEquals(new SearchRange.Choice(List.of(TextNode.valueOf("relu"), TextNode.valueOf("tanh"))),
                tune.space().get("model.activation"));
        assertEquals(new SearchRange.Choice(List.of(IntNode.valueOf(32), IntNode.valueOf(64), IntNode.valueOf(128))),
                tune.space().get("training.batchSize"));
        assertEquals(new TuneSettings("validation_loss", 20, "tpe", 10, 0.25, 24, "median", 5, 2), tune.settings());
        assertFalse(m.resolved().containsKey("tune"), "a run's manifest has no tune section");
    }

    @Test
    void aManifestWithoutTuneHasNone() throws IOException {
        assertEquals(java.util.Optional.empty(), load(BASE).tune());
    }

    @Test
    void rangesThatAreNotRangesAreReportedTogether() throws IOException {
        assertEquals(List.of(
                "[latent/UnknownKey] tune.space.optimizer.learningRate.loguniform is not a kind of range; allowed:"
                        + " uniform, logUniform, choice; did you mean 'logUniform'?",
                "[latent/OutOfRange] tune.space.optimizer.beta1.logUniform must be [low, high] with 0 < low < high,"
                        + " found [0, 0.9]",
                "[latent/OutOfRange] tune.space.optimizer.beta2.uniform must be [low, high] with low < high,"
                        + " found [0.999, 0.9]",
                "[latent/OutOfRange] tune.space.model.activation.choice must list at least one value, found []",
                "[latent/WrongType] tune.space.training.batchSize expected one of {uniform: [low, high]},"
                        + " {logUniform: [low, high]}, {choice: [values]}, found 64",
                "[latent/WrongType] tune.space.optimizer.epsilon.uniform expected two finite numbers [low, high],"
                        + " found [\"a\",1]",
                "[latent/WrongType] tune.space.training.epochs.choice expected a list, found 3"),
                problems(BASE + "tune:\n  space:\n"
                        + "    optimizer.learningRate: {loguniform: [1e-4, 1e-1]}\n"
                        + "    optimizer.beta1: {logUniform: [0, 0.9]}\n"
                        + "    optimizer.beta2: {uniform: [0.999, 0.9]}\n"
                        + "    model.activation: {choice: []}\n"
                        + "    training.batchSize: 64\n"
                        + "    optimizer.epsilon: {uniform: [a, 1]}\n"
                        + "    training.epochs: {choice: 3}\n"));
    }

    @Test
    void pathsMustNameSettingsOfTheResolvedManifest() throws IOException {
        assertEquals(List.of(
                "[latent/UnknownKey] tune.space.optimizer.momentum is not a setting of the resolved manifest:"
                        + " optimizer has name, learningRate, beta1, beta2, epsilon, weightDecay, schedule, clipNorm,"
                        + " clipValue",
                "[latent/UnknownKey] tune.space.training.batchsize is not a setting of the resolved manifest:"
                        + " training has epochs, batchSize, evalBatchSize, shuffle, pictures, validationFraction,"
                        + " earlyStopping, checkpointEvery, keepCheckpoints, divergence, filterSnapshots, samples; did you mean 'batchSize'?",
                "[latent/UnknownKey] tune.space.trainer.epochs is not a setting of the resolved manifest: the manifest"
                        + " has seed, dtype, engine, dataset, model, loss, optimizer, training, output",
                "[latent/UnknownKey] tune.space.seed.x is not a setting of the resolved manifest: seed is not a mapping"),
                problems(BASE + "tune:\n  space:\n"
                        + "    optimizer.momentum: {uniform: [0, 0.95]}\n"
                        + "    training.batchsize: {choice: [32, 64]}\n"
                        + "    trainer.epochs: {choice: [1, 2]}\n"
                        + "    seed.x: {choice: [1, 2]}\n"));
    }

    @Test
    void theSettingsAreCheckedAndTheTestLossIsNeverTheMetric() throws IOException {
        assertEquals(List.of(
                "[latent/UnknownKey] tune.trails is not a setting of tune; allowed: metric, trials, sampler,"
                        + " startupTrials, gamma, candidates, pruning, pruningStartupTrials, pruningWarmupEpochs;"
                        + " did you mean 'trials'?",
                "[latent/OutOfRange] tune.metric is 'test_loss', but the test split is never used to choose (its"
                        + " figure would be optimistic); use validation_loss with training.validationFraction > 0",
                "[latent/OutOfRange] tune.trials must be >= 1, found 0",
                "[latent/OutOfRange] tune.sampler must be one of tpe, random, found 'grid'",
                "[latent/OutOfRange] tune.gamma must be in (0, 1), found 1",
                "[latent/OutOfRange] tune.pruning must be one of median, none, found 'hyperband'"),
                problems(BASE + "tune:\n  trails: 3\n  metric: test_loss\n  trials: 0\n  sampler: grid\n  gamma: 1\n"
                        + "  pruning: hyperband\n  space: {optimizer.learningRate: {logUniform: [1e-4, 1e-1]}}\n"));
        assertEquals(List.of("[latent/MissingKey] tune.space is required: the settings to search by their paths,"
                        + " such as optimizer.learningRate: {logUniform: [1e-4, 1e-1]}"),
                problems(BASE + "tune: {trials: 3}\n"));
        assertEquals(List.of("[latent/WrongType] tune expected a mapping, found 3"), problems(BASE + "tune: 3\n"));
    }

    @Test
    void theValidationLossNeedsAValidationSplit() throws IOException {
        assertEquals(List.of("[latent/OutOfRange] tune.metric is 'validation_loss', but there is no validation split:"
                        + " set training.validationFraction > 0, or tune on train_loss"),
                problems("dataset: mnist\nmodel: ae\nloss: mse\noptimizer: adam\n"
                        + "tune: {space: {optimizer.learningRate: {logUniform: [1e-4, 1e-1]}}}\n"));
        assertEquals("train_loss", load("dataset: mnist\nmodel: ae\nloss: mse\noptimizer: adam\ntune: {metric: train_loss,"
                + " space: {optimizer.learningRate: {logUniform: [1e-4, 1e-1]}}}\n").tune().orElseThrow().settings().metric());
    }
}
