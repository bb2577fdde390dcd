package dev.latent.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.config.ConfigProblem;
import dev.latent.api.config.NoSettings;
import dev.latent.api.engine.DType;
import dev.latent.launcher.TestHome;
import dev.latent.launcher.plugin.PluginCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the wording of manifest errors (the user's contract: path, value, what is allowed) and
 * that every problem of a manifest is reported in one exception.
 */
class ManifestErrorsTest {

    private static final String TOP_LEVEL = "description, extends, plugins, seed, dtype, engine, dataset, model, loss,"
            + " optimizer, noise, listeners, training, output, tune";
    private static final String VALID = "dataset: mnist\nmodel: ae\nloss: mse\noptimizer: adam\n";

    @TempDir
    static Path home;
    @TempDir
    Path dir;

    private static ManifestLoader loader;
    /** The discovered model names as errors list them, so that a new model changes no test. */
    private static String models;

    @BeforeAll
    static void discover() throws IOException {
        PluginCatalog catalog = PluginCatalog.discover(TestHome.withCpuEngine(home));
        loader = new ManifestLoader(catalog);
        models = String.join(", ", new java.util.TreeSet<>(catalog.section("model").keySet()));
        assertTrue(models.startsWith("ae, "), models);
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("manifest.yaml"), yaml);
    }

    private ManifestException failure(String yaml) throws IOException {
        Path file = write(yaml);
        return assertThrows(ManifestException.class, () -> loader.load(file));
    }

    private List<String> problems(String yaml) throws IOException {
        return failure(yaml).problems().stream().map(ConfigProblem::line).toList();
    }

    @Test
    void unknownPluginNameListsTheAvailableNames() throws IOException {
        ManifestException e = failure("dataset: mnist\nmodel: ae\nloss: mse\noptimizer: adamx\n");
        String line = "[latent/UnknownPlugin] optimizer.name is 'adamx', but no optimizer has that name; available: adagrad, adam, adamw,"
                + " lbfgs, rmsprop, sgd; did you mean 'adam'?";
        assertEquals(List.of(line), e.problems().stream().map(ConfigProblem::line).toList());
        assertEquals(new ConfigProblem("latent/UnknownPlugin", "optimizer.name", "is 'adamx', but no optimizer has that name;"
                + " available: adagrad, adam, adamw, lbfgs, rmsprop, sgd; did you mean 'adam'?"),
                e.problems().get(0));
        assertEquals(dir.resolve("manifest.yaml") + " has 1 problem:\n  - " + line, e.getMessage());
        assertEquals(List.of("[latent/UnknownPlugin] engine.name is 'tpu', but no engine has that name; available: cpu; did you mean 'cpu'?"),
                problems("engine: tpu\n" + VALID));
    }

    @Test
    void listenersAreAListOfPluginsCheckedLikeTheOtherSections() throws IOException {
        List<ConfigProblem> problems = failure(VALID + "listeners: [csv-metrics, {settings: 1}]\n").problems();
        assertEquals(List.of("[latent/UnknownPlugin] listeners[0].name is 'csv-metrics', but no listener has that name;"
                        + " available: none found",
                "[latent/MissingKey] listeners[1].name is required; available: none found"),
                problems.stream().map(ConfigProblem::line).toList());
        assertEquals(List.of("[latent/WrongType] listeners expected a list of listeners, found 'csv-metrics';"
                        + " available: none found"),
                failure(VALID + "listeners: csv-metrics\n").problems().stream().map(ConfigProblem::line).toList());
        assertEquals(List.of(), loader.load(write(VALID + "listeners: []\n")).listeners());
    }

    @Test
    void missingRequiredSectionsAreEachNamed() throws IOException {
        assertEquals(List.of("[latent/MissingKey] loss is required; available: bce, mse, softmax-cross-entropy"),
                problems("dataset: mnist\nmodel: ae\noptimizer: adam\n"));
        assertEquals(List.of("[latent/MissingKey] dataset is required; available: mnist, patches", "[latent/MissingKey] model is required; available: " + models),
                problems("loss: mse\noptimizer: adam\n"));
    }

    @Test
    void sectionWithoutNameIsReported() throws IOException {
        assertEquals(List.of("[latent/MissingKey] model.name is required; available: " + models),
                problems("dataset: mnist\nmodel: {code: 16}\nloss: mse\noptimizer: adam\n"));
    }

    @Test
    void unknownKeyListsTheAllowedKeys() throws IOException {
        assertEquals(List.of("[latent/UnknownKey] optimizer.momentum is not a setting of optimizer 'adam'; allowed: learningRate, beta1,"
                        + " beta2, epsilon, weightDecay, schedule, clipNorm, clipValue"),
                problems("dataset: mnist\nmodel: ae\nloss: mse\noptimizer: {name: adam, momentum: 0.9}\n"));
        assertEquals(List.of("[latent/UnknownKey] loss.reduction is not a setting of loss 'mse'; allowed: none"),
                problems("dataset: mnist\nmodel: ae\nloss: {name: mse, reduction: sum}\noptimizer: adam\n"));
        assertEquals(List.of("[latent/UnknownKey] training.lr is not a setting of training; allowed: epochs, batchSize, evalBatchSize,"
                + " shuffle, pictures, validationFraction, earlyStopping, checkpointEvery, keepCheckpoints, divergence,"
                + " filterSnapshots, samples"),
                problems(VALID + "training: {epochs: 2, lr: 0.1}\n"));
        assertEquals(List.of("[latent/UnknownKey] training.earlyStopping.wait is not a setting of training.earlyStopping; allowed: patience,"
                + " minDelta, monitor, restoreBest"), problems(VALID + "training: {earlyStopping: {wait: 3}}\n"));
    }

    @Test
    void wrongTypesNameTheExpectedTypeAndTheValue() throws IOException {
        assertEquals(List.of("[latent/WrongType] model.hidden expected a list, found 512", "[latent/WrongType] model.code expected an integer, found 'many'"),
                problems("dataset: mnist\nmodel: {name: ae, code: many, hidden: 512}\nloss: mse\noptimizer: adam\n"));
        assertEquals(List.of("[latent/WrongType] model.hidden[1] expected an integer, found 'x'"),
                problems("dataset: mnist\nmodel: {name: ae, hidden: [512, x]}\nloss: mse\noptimizer: adam\n"));
        assertEquals(List.of("[latent/WrongType] seed expected an integer, found 'abc'",
                        "[latent/WrongType] training.epochs expected an integer, found 'five'",
                        "[latent/WrongType] training.shuffle expected true or false, found 'maybe'"),
                problems("seed: abc\n" + VALID + "training: {epochs: five, shuffle: maybe}\n"));
        assertEquals(List.of("[latent/WrongType] optimizer.learningRate expected a number, found 'fast'"),
                problems("dataset: mnist\nmodel: ae\nloss: mse\noptimizer: {name: adam, learningRate: fast}\n"));
    }

    @Test
    void outOfRangeValuesNameTheRangeAndTheValue() throws IOException {
        assertEquals(List.of("[latent/OutOfRange] optimizer.learningRate must be > 0, found -1",
                        "[latent/OutOfRange] optimizer.beta2 must be in [0, 1), found 1.2",
                        "[latent/OutOfRange] training.epochs must be >= 1, found 0"),
                problems("dataset: mnist\nmodel: ae\nloss: mse\noptimizer: {name: adam, learningRate: -1, beta2: 1.2}\n"
                        + "training: {epochs: 0}\n"));
    }

    @Test
    void curvatureAndFilterSnapshotProblemsNameTheirPaths() throws IOException {
        assertEquals(List.of("[latent/OutOfRange] optimizer.curvature.max must be >= min (1), found 0.5",
                        "[latent/OutOfRange] training.filterSnapshots[1] must be greater than the count before it (40000),"
                                + " found 100; list the counts in increasing order, each once"),
                problems("dataset: mnist\nmodel: ae\nloss: mse\noptimizer: {name: sgd, curvature: {every: 5000, min: 1,"
                        + " max: 0.5}}\ntraining: {filterSnapshots: [40000, 100]}\n"));
        assertEquals(List.of("[latent/OutOfRange] optimizer.curvature.min must be > 0, found 0"),
                problems("dataset: mnist\nmodel: ae\nloss: mse\noptimizer: {name: sgd, curvature: {every: 5000, min: 0}}\n"));
    }

    @Test
    void unknownTopLevelSectionListsTheSections() throws IOException {
        assertEquals(List.of("[latent/UnknownKey] trainer is not a manifest section; allowed: " + TOP_LEVEL),
                problems(VALID + "trainer: {epochs: 3}\n"));
    }

    @Test
    void badDtypeListsTheDtypes() throws IOException {
        assertEquals(List.of("[latent/OutOfRange] dtype must be one of float32, float64, found 'float16'"),
                problems("dtype: float16\n" + VALID));
    }

    @Test
    void invalidYamlNamesLineAndColumn() throws IOException {
        ManifestException e = failure("dataset: mnist\nmodel: ae: x\nloss: mse\n");
        assertEquals(1, e.problems().size());
        ConfigProblem p = e.problems().get(0);
        assertEquals("line 2, column 10", p.path());
        assertTrue(p.message().startsWith("is not valid YAML: mapping values are not allowed here"), p.message());
        assertTrue(e.getMessage().startsWith(dir.resolve("manifest.yaml") + " has 1 problem:\n"
                + "  - [latent/InvalidYaml] line 2, column 10 is not valid YAML: mapping values are not allowed here"), e.getMessage());
    }

    @Test
    void aTabIndentIsReportedWhereItIs() throws IOException {
        ManifestException e = failure("dataset: mnist\n\tmodel: ae\n");
        assertEquals("line 2, column 1", e.problems().get(0).path());
        assertTrue(e.problems().get(0).message().startsWith("is not valid YAML: found character '\\t(TAB)' that cannot start any token"),
                e.problems().get(0).message());
    }

    @Test
    void aKeyGivenTwiceIsRejected() throws IOException {
        ManifestException e = failure(VALID + "optimizer: sgd\n");
        assertEquals("line 5, column 10", e.problems().get(0).path());
        assertTrue(e.problems().get(0).message().contains("Duplicate field 'optimizer'"), e.problems().get(0).message());
    }

    @Test
    void aNameThatIsNotAStringAndABadOutputAreReported() throws IOException {
        assertEquals(List.of("[latent/WrongType] model.name expected a string, found 5; available: " + models,
                "[latent/WrongType] output must be a folder name, found a mapping"),
                problems("dataset: mnist\nmodel: {name: 5}\nloss: mse\noptimizer: adam\noutput: {a: 1}\n"));
    }

    @Test
    void aMissingFileSaysSo() {
        Path missing = dir.resolve("missing.yaml");
        ManifestException e = assertThrows(ManifestException.class, () -> loader.load(missing));
        assertEquals(missing + " has 1 problem:\n  - [latent/UnreadableFile] cannot be read: no such file", e.getMessage());
    }

    @Test
    void documentThatIsNotAMappingIsRejected() throws IOException {
        for (String yaml : List.of("- dataset\n- model\n", "just words\n", "")) {
            ManifestException e = failure(yaml);
            assertEquals(List.of(new ConfigProblem("latent/InvalidYaml", "", "must be a YAML mapping of sections, such as 'model: {name: ae}'")), e.problems(), yaml);
        }
    }

    @Test
    void unreadableFileIsOneProblemNamingTheFile() throws IOException {
        Path missing = dir.resolve("missing.yaml");
        Path folder = Files.createDirectory(dir.resolve("folder.yaml"));
        for (Path file : List.of(missing, folder)) {
            ManifestException e = assertThrows(ManifestException.class, () -> loader.load(file));
            assertEquals(1, e.problems().size());
            ConfigProblem p = e.problems().get(0);
            assertEquals("", p.path());
            assertTrue(p.message().startsWith("cannot be read: "), p.message());
            assertTrue(e.getMessage().startsWith(file + " has 1 problem:\n"), e.getMessage());
            assertFalse(p.message().substring("cannot be read: ".length()).isBlank(), "a reason is given");
        }
    }

    @Test
    void everyProblemOfAManifestIsReportedAtOnce() throws IOException {
        ManifestException e = failure("""
                seed: abc
                dtype: float16
                trainer: {}
                engine: tpu
                dataset: {name: mnist, trainLimit: -5}
                model: {name: ae, code: many}
                optimizer: {name: adam, beta2: 1.2, learningRate: -1}
                training: {epochs: 0}
                """);
        List<String> expected = List.of(
                "[latent/UnknownKey] trainer is not a manifest section; allowed: " + TOP_LEVEL,
                "[latent/WrongType] seed expected an integer, found 'abc'",
                "[latent/OutOfRange] dtype must be one of float32, float64, found 'float16'",
                "[latent/UnknownPlugin] engine.name is 'tpu', but no engine has that name; available: cpu; did you mean 'cpu'?",
                "[latent/OutOfRange] dataset.trainLimit must be >= 0, found -5",
                "[latent/WrongType] model.code expected an integer, found 'many'",
                "[latent/MissingKey] loss is required; available: bce, mse, softmax-cross-entropy",
                "[latent/OutOfRange] optimizer.learningRate must be > 0, found -1",
                "[latent/OutOfRange] optimizer.beta2 must be in [0, 1), found 1.2",
                "[latent/OutOfRange] training.epochs must be >= 1, found 0");
        assertEquals(expected, e.problems().stream().map(ConfigProblem::line).toList());
        assertEquals(dir.resolve("manifest.yaml") + " has 10 problems:\n  - " + String.join("\n  - ", expected),
                e.getMessage());
    }

    @Test
    void validManifestResolvesWithEveryDefaultFilledIn() throws IOException {
        Manifest m = loader.load(write(VALID));
        assertEquals(42, m.seed());
        assertEquals(DType.FLOAT32, m.dtype());
        assertEquals(Path.of("runs"), m.output());
        assertEquals(List.of("engine", "dataset", "model", "loss", "optimizer"), List.copyOf(m.choices().keySet()));
        Map<String, Object> resolved = m.resolved();
        assertEquals(List.of("seed", "dtype", "engine", "dataset", "model", "loss", "optimizer", "training", "output"),
                List.copyOf(resolved.keySet()));
        assertEquals(map("name", "cpu", "threads", 1, "onednn", true), resolved.get("engine"));
        assertEquals(map("name", "adam", "learningRate", 0.001, "beta1", 0.9, "beta2", 0.999, "epsilon", 1e-8,
                "weightDecay", 0.0, "schedule", map("name", "constant", "decay", 0.0, "stepSize", 1000L, "gamma", 0.1,
                        "decaySteps", 1000L, "rate", 0.96, "warmupSteps", 0L, "minLearningRate", 0.0),
                "clipNorm", 0.0, "clipValue", 0.0), resolved.get("optimizer"));
        assertEquals(map("epochs", 5, "batchSize", 128, "evalBatchSize", 500, "shuffle", true, "pictures", 16,
                "validationFraction", 0.0, "earlyStopping", map("patience", 0, "minDelta", 0.0, "monitor", "validation_loss",
                        "restoreBest", true), "checkpointEvery", 0, "keepCheckpoints", 2, "divergence", "stop",
                "filterSnapshots", List.of(), "samples", 0L),
                resolved.get("training"));
        assertEquals(map("name", "ae", "hidden", List.of(512, 128), "code", 32, "activation", "relu",
                "codeActivation", "identity", "outputActivation", "sigmoid", "weightDecay", 0.0), resolved.get("model"));
        assertEquals(map("name", "mnist", "directory", "", "trainLimit", 0, "testLimit", 0), resolved.get("dataset"));
        assertEquals("float32", resolved.get("dtype"));
        assertEquals("runs", resolved.get("output"));
    }

    @Test
    void lossShorthandAndMappingFormChooseTheSamePlugin() throws IOException {
        Manifest shorthand = loader.load(write(VALID));
        assertEquals("mse", shorthand.choice("loss").name());
        assertEquals(new NoSettings(), shorthand.choice("loss").config());
        assertEquals(map("name", "mse"), shorthand.resolved().get("loss"));
        Manifest mapping = loader.load(write("dataset: mnist\nmodel: ae\nloss: {name: bce}\noptimizer: adam\n"
                + "dtype: float64\nseed: 7\nnoise:\noutput: out/here\ntraining: {epochs: 2, batchSize: 64}\n"));
        assertEquals("bce", mapping.choice("loss").name());
        assertFalse(mapping.choices().containsKey("noise"), "an empty optional section chooses nothing");
        assertEquals(DType.FLOAT64, mapping.dtype());
        assertEquals(7, mapping.seed());
        assertEquals(Path.of("out/here"), mapping.output());
        assertEquals(new TrainingConfig(2, 64, 500, true, 16, 0, EarlyStoppingConfig.OFF), mapping.training());
    }

    @Test
    void validationAndEarlyStoppingProblemsAreReportedUnderTheirManifestPaths() throws IOException {
        assertEquals(List.of("[latent/OutOfRange] training.validationFraction must be in [0, 1), found 1.5"),
                problems(VALID + "training: {validationFraction: 1.5}\n"));
        assertEquals(List.of("[latent/OutOfRange] training.earlyStopping.patience must be >= 0, found -1",
                        "[latent/OutOfRange] training.earlyStopping.minDelta must be >= 0, found -0.1",
                        "[latent/OutOfRange] training.earlyStopping.monitor must be one of validation_loss, train_loss, found 'foo'"),
                problems(VALID + "training: {earlyStopping: {patience: -1, minDelta: -0.1, monitor: foo}}\n"));
        assertEquals(List.of("[latent/OutOfRange] training.earlyStopping.monitor is 'validation_loss', but there is no validation split:"
                        + " set validationFraction > 0, or monitor train_loss"),
                problems(VALID + "training: {earlyStopping: {patience: 3}}\n"));
        assertEquals(List.of("[latent/WrongType] training.earlyStopping.patience expected an integer, found 'soon'",
                        "[latent/WrongType] training.earlyStopping expected a mapping, found 3"),
                List.of(problems(VALID + "training: {earlyStopping: {patience: soon}}\n").get(0),
                        problems(VALID + "training: {earlyStopping: 3}\n").get(0)));
    }

    @Test
    void checkpointAndDivergenceSettingsAreCheckedAndDefaulted() throws IOException {
        assertEquals(List.of("[latent/OutOfRange] training.checkpointEvery must be >= 0, found -5",
                        "[latent/OutOfRange] training.keepCheckpoints must be >= 0, found -1",
                        "[latent/OutOfRange] training.divergence must be one of stop, skip-batch, halve-lr, found 'explode'"),
                problems(VALID + "training: {checkpointEvery: -5, keepCheckpoints: -1, divergence: explode}\n"));
        TrainingConfig defaults = loader.load(write(VALID)).training();
        assertEquals(0, defaults.checkpointEvery(), "by default a checkpoint after every epoch");
        assertEquals(2, defaults.keepCheckpoints());
        assertEquals("stop", defaults.divergence());
        assertEquals(List.of("epochs", "batchSize", "evalBatchSize", "shuffle", "pictures", "validationFraction",
                "earlyStopping", "checkpointEvery", "keepCheckpoints", "divergence", "filterSnapshots", "samples"),
                List.copyOf(((Map<?, ?>) loader.load(write(VALID)).resolved().get("training")).keySet().stream()
                        .map(Object::toString).toList()));
        TrainingConfig set = loader.load(write(VALID + "training: {checkpointEvery: 50, keepCheckpoints: 5,"
                + " divergence: halve-lr}\n")).training();
        assertEquals(List.of(50, 5, "halve-lr"), List.of(set.checkpointEvery(), set.keepCheckpoints(), set.divergence()));
        assertEquals(set, set.withEpochs(set.epochs()), "withEpochs keeps the checkpoint settings");
    }

    @Test
    void validationAndEarlyStoppingBindWithTheirDefaults() throws IOException {
        TrainingConfig t = loader.load(write(VALID + "training:\n  validationFraction: 0.1\n"
                + "  earlyStopping: {patience: 3, minDelta: 0.001}\n")).training();
        assertEquals(0.1, t.validationFraction());
        assertEquals(new EarlyStoppingConfig(3, 0.001, "validation_loss", true), t.earlyStopping());
        TrainingConfig onTrainLoss = loader.load(write(VALID
                + "training: {earlyStopping: {patience: 2, monitor: train_loss, restoreBest: false}}\n")).training();
        assertEquals(new EarlyStoppingConfig(2, 0, "train_loss", false), onTrainLoss.earlyStopping());
        assertEquals(0.0, onTrainLoss.validationFraction());
    }

    @Test
    void everyShippedProfileLoads() throws IOException {
        Path profiles = Path.of("").toAbsolutePath().resolve("../profiles").normalize();
        List<Path> files;
        try (Stream<Path> s = Files.walk(profiles)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.stream().anyMatch(p -> p.getFileName().toString().equals("default.yaml")), files::toString);
        for (Path file : files) {
            Manifest m = loader.load(file);
            assertEquals(file, m.source());
        }
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
