package dev.latent.launcher.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import dev.latent.api.data.DataSplit;
import dev.latent.api.data.Dataset;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.model.Encoder;
import dev.latent.api.model.Model;
import dev.latent.api.optim.Optimizer;
import dev.latent.launcher.UserError;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.config.ManifestLoader;
import dev.latent.launcher.config.ManifestTree;
import dev.latent.launcher.output.AtomicFiles;
import dev.latent.launcher.plugin.PluginCatalog;
import dev.latent.launcher.run.TrainedRun;
import dev.latent.launcher.train.ValidationSplit;
import dev.latent.launcher.wiring.LatentModule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code latent transfer}: how well a trained run's frozen encoder serves classification. The
 * codes of every split are computed once ({@link Encoder#encode}) and standardised with the
 * training codes' statistics; then two classifiers are trained on them from the labels, each a
 * {@code classifier} model with the {@code softmax-cross-entropy} loss and Adam, wired from a
 * manifest by the same {@link LatentModule} as {@code latent train} (the engine is the run's,
 * the dataset its codes): the head (Linear 128, ReLU, Linear to the classes) and a linear probe
 * (one Linear layer). With {@code raw}, the same two train on the raw pixels too, for comparison.
 *
 * <p>The validation split is the run's own (the same seeded division of the training split), or,
 * for a run trained without one, a tenth of the training split drawn with the run's seed. The
 * classifiers train on the rest for a fixed number of epochs; train, validation and test accuracy
 * are printed and written to {@code <run>/transfer.json}.
 */
public final class TransferLearning {

    /** The share of the training split held out when the run had no validation split. */
    static final double DEFAULT_VALIDATION = 0.1;

    /** The settings of one {@code latent transfer}. */
    public record Settings(int epochs, long seed, boolean raw, int batchSize, double learningRate) {
    }

    private TransferLearning() {
    }

    /** The classifiers trained, by name: each with its hidden layers. */
    private static final Map<String, List<Integer>> HEADS = heads();

    private static Map<String, List<Integer>> heads() {
        Map<String, List<Integer>> heads = new LinkedHashMap<>();
        heads.put("head", List.of(128));
        heads.put("linear_probe", List.of());
        return heads;
    }

    public static Map<String, Object> run(TrainedRun run, PluginCatalog catalog, Path profiles, Settings settings,
                                          PrintStream out) throws IOException {
        Dataset dataset = run.dataset();
        String modelName = run.manifest().choice("model").name();
        if (!dataset.train().hasLabels() || !dataset.test().hasLabels()) {
            throw new UserError("dataset '" + dataset.name() + "' of " + run.folder().path()
                    + " has no labels; latent transfer trains a classifier on them");
        }
        if (!(run.model() instanceof Encoder encoder)) {
            throw new UserError("model '" + modelName + "' of " + run.folder().path() + " has no encoder (it does not"
                    + " implement Encoder), so there is no code to transfer");
        }
        Engine engine = run.engine();
        DType dtype = run.manifest().dtype();
        int batch = run.manifest().training().evalBatchSize();
        int classes = Features.classes(dataset.train(), dataset.test());
        double fraction = run.manifest().training().validationFraction();
        fraction = fraction > 0 ? fraction : DEFAULT_VALIDATION;

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", run.folder().path().toString());
        json.put("model", modelName);
        json.put("checkpoint", run.checkpoint().toString());
        json.put("code_size", encoder.codeSize());
        json.put("classes", classes);
        json.put("epochs", settings.epochs());
        json.put("seed", settings.seed());
        json.put("batch_size", settings.batchSize());
        json.put("learning_rate", settings.learningRate());

        long start = System.nanoTime();
        DataSplit trainCodes = Features.codes(engine, dtype, encoder, dataset.train(), batch);
        DataSplit testCodes = Features.codes(engine, dtype, encoder, dataset.test(), batch);
        ValidationSplit codeSplit = ValidationSplit.of(trainCodes, fraction, run.manifest().seed());
        Features.Standardisation z = Features.Standardisation.of(codeSplit.train());
        Dataset codes = new Dataset(dataset.name() + "-codes", z.apply(trainCodes), z.apply(testCodes));
        out.printf(Locale.ROOT, "codes of %s (%d values each) for %d training and %d test samples in %.1f s; %d"
                        + " classes; validation: %d samples%n", run.folder().path(), encoder.codeSize(),
                trainCodes.count(), testCodes.count(), (System.nanoTime() - start) / 1e9, classes,
                codeSplit.validation().orElseThrow().count());
        json.put("validation_samples", codeSplit.validation().orElseThrow().count());
        json.put("codes", classifiers(run, catalog, profiles, settings, codes, fraction, classes, "codes", out));
        if (settings.raw()) {
            json.put("raw_pixels", classifiers(run, catalog, profiles, settings, dataset, fraction, classes, "raw pixels",
                    out));
        }
        Path file = run.folder().path().resolve("transfer.json");
        try {
            AtomicFiles.write(file, o -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(o, json));
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage(), e);
        }
        out.println("wrote " + file);
        return json;
    }

    /** Trains each of {@link #HEADS} on {@code features}; returns their accuracies by name. */
    private static Map<String, Object> classifiers(TrainedRun run, PluginCatalog catalog, Path profiles, Settings settings,
                                                   Dataset features, double fraction, int classes, String what,
                                                   PrintStream out) {
        ValidationSplit split = ValidationSplit.of(features.train(), fraction, run.manifest().seed());
        Map<String, Object> json = new LinkedHashMap<>();
        for (Map.Entry<String, List<Integer>> head : HEADS.entrySet()) {
            Manifest manifest = manifest(run, catalog, profiles, settings, head.getValue(), classes, fraction);
            Injector injector = Guice.createInjector(Modules.override(new LatentModule(manifest, catalog)).with(b -> {
                b.bind(Engine.class).toInstance(run.engine());
                b.bind(Dataset.class).toInstance(features);
                b.bind(ValidationSplit.class).toInstance(split);
            }));
            Engine engine = run.engine();
            DType dtype = manifest.dtype();
            int batch = run.manifest().training().evalBatchSize();
            DataSplit train = split.train();
            DataSplit validation = split.validation().orElseThrow();
            String name = head.getKey() + " on " + what;
            long start = System.nanoTime();
            List<Double> losses = new ArrayList<>();
            try (Model model = injector.getInstance(Model.class)) {
                Optimizer optimizer = injector.getInstance(Optimizer.class);
                ClassifierTraining.train(engine, dtype, model, optimizer, train, Features.oneHot(train, classes),
                        settings.epochs(), settings.batchSize(), settings.seed(), (epoch, loss) -> losses.add(loss));
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("hidden", head.getValue());
                result.put("train_accuracy", ClassifierTraining.accuracy(engine, dtype, model, train, batch));
                result.put("validation_accuracy", ClassifierTraining.accuracy(engine, dtype, model, validation, batch));
                result.put("test_accuracy", ClassifierTraining.accuracy(engine, dtype, model, features.test(), batch));
                result.put("train_loss", losses);
                result.put("seconds", (System.nanoTime() - start) / 1e9);
                out.printf(Locale.ROOT, "%-26s accuracy: train %.2f%%, validation %.2f%%, test %.2f%% (%d epochs,"
                                + " final train loss %.4f, %.1f s)%n", name,
                        100 * (double) result.get("train_accuracy"), 100 * (double) result.get("validation_accuracy"),
                        100 * (double) result.get("test_accuracy"), settings.epochs(), losses.get(losses.size() - 1),
                        (double) result.get("seconds"));
                json.put(head.getKey(), result);
            }
        }
        return json;
    }

    /**
     * The classifier's manifest: the run's engine, dtype and dataset sections (the dataset is
     * replaced by the features when wired), the {@code classifier} model, the
     * {@code softmax-cross-entropy} loss and Adam.
     */
    static Manifest manifest(TrainedRun run, PluginCatalog catalog, Path profiles, Settings settings, List<Integer> hidden,
                             int classes, double fraction) {
        Map<String, Object> resolved = run.manifest().resolved();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", "latent transfer: a classifier on the codes of " + run.folder().path());
        m.put("seed", settings.seed());
        m.put("dtype", resolved.get("dtype"));
        m.put("engine", resolved.get("engine"));
        m.put("dataset", resolved.get("dataset"));
        m.put("model", Map.of("name", "classifier", "hidden", hidden, "classes", classes, "activation", "relu"));
        m.put("loss", "softmax-cross-entropy");
        m.put("optimizer", Map.of("name", "adam", "learningRate", settings.learningRate()));
        m.put("training", Map.of("epochs", settings.epochs(), "batchSize", settings.batchSize(),
                "validationFraction", fraction));
        m.put("output", run.folder().path().toString());
        ObjectNode root = new YAMLMapper().valueToTree(m);
        Path source = run.folder().path().resolve("manifest.yaml");
        return new ManifestLoader(catalog, profiles).load(new ManifestTree(source, List.of(), root), null);
    }
}
