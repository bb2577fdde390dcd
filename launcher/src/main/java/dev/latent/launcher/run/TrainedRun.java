package dev.latent.launcher.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.latent.api.data.Dataset;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Model;
import dev.latent.api.model.Parameter;
import dev.latent.api.noise.Noise;
import dev.latent.launcher.UserError;
import dev.latent.launcher.checkpoint.CheckpointException;
import dev.latent.launcher.checkpoint.CheckpointFolder;
import dev.latent.launcher.checkpoint.ParametersFolder;
import dev.latent.launcher.checkpoint.Safetensors;
import dev.latent.launcher.checkpoint.SavedTensors;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.output.RunFolder;
import dev.latent.launcher.train.ValidationSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A finished (or interrupted) run, loaded back for study: its resolved manifest, the engine,
 * dataset, validation split, noise and model wired from it exactly as training wired them, and
 * the model's parameters put back from the newest checkpoint that reads whole
 * ({@link CheckpointFolder#newestGood}) or, for a finished run that kept no checkpoint
 * ({@code training.keepCheckpoints: 0}), from its {@code parameters/} folder
 * ({@link ParametersFolder}). Only the model is restored, never the optimizer's state.
 *
 * <p>Which parameters: a checkpoint holds the model's parameters under their own names
 * ({@code encoder.0.weight}) and, with early stopping, the best epoch's under
 * {@code early_stopping/<name>}. When the run's {@code summary.json} says early stopping
 * restored the best epoch ({@code restored_best}), those are loaded, so that the model is the
 * one the run saved in {@code parameters/}; otherwise the parameters themselves. The model's
 * {@link Model#buffers() buffers} (running statistics) are loaded by their own name, or under
 * {@code buffers/<name>}, when the checkpoint holds them; a buffer it lacks keeps its initial
 * value.
 *
 * <p>Errors are {@link UserError}s naming the folder or file: not a run folder, no checkpoint,
 * no checkpoint that reads back whole, a checkpoint that does not fit the model.
 *
 * <p>Closing closes the model and the engine (in that order). Not thread-safe.
 */
public final class TrainedRun implements AutoCloseable {

    private static final String EARLY_STOPPING = "early_stopping/";
    private static final String BUFFERS = "buffers/";

    private final RunFolder folder;
    private final Manifest manifest;
    private final Engine engine;
    private final Dataset dataset;
    private final ValidationSplit split;
    private final Optional<Noise> noise;
    private final Model model;
    private final Path checkpoint;
    private final boolean bestEpoch;
    private final boolean closeEngine;

    private TrainedRun(RunFolder folder, Manifest manifest, Engine engine, Dataset dataset, ValidationSplit split,
                       Optional<Noise> noise, Model model, Path checkpoint, boolean bestEpoch, boolean closeEngine) {
        this.folder = folder;
        this.manifest = manifest;
        this.engine = engine;
        this.dataset = dataset;
        this.split = split;
        this.noise = noise;
        this.model = model;
        this.checkpoint = checkpoint;
        this.bestEpoch = bestEpoch;
        this.closeEngine = closeEngine;
    }

    /**
     * Loads the run in {@code folder}, whose saved manifest resolved to {@code manifest} and is
     * wired by {@code injector} (a {@code LatentModule} over it).
     *
     * @param warn receives a line for each newer checkpoint skipped because it does not read whole
     */
    public static TrainedRun open(RunFolder folder, Manifest manifest, Injector injector, Consumer<String> warn) {
        return open(folder, checkpoint(folder, warn), manifest, injector, true);
    }

    /**
     * Loads the run in {@code folder} with the parameters of {@code checkpoint} (one that
     * {@link #checkpoint} found: a command looks for it before it starts an engine).
     */
    public static TrainedRun open(RunFolder folder, SavedTensors checkpoint, Manifest manifest, Injector injector) {
        return open(folder, checkpoint, manifest, injector, true);
    }

    /** As {@link #open(RunFolder, SavedTensors, Manifest, Injector)}; the engine is closed only when asked. */
    static TrainedRun open(RunFolder folder, SavedTensors file, Manifest manifest, Injector injector,
                           boolean closeEngine) {
        boolean best = restoredBest(folder);
        Engine engine = injector.getInstance(Engine.class);
        Dataset dataset = injector.getInstance(Dataset.class);
        ValidationSplit split = injector.getInstance(ValidationSplit.class);
        Optional<Noise> noise = injector.getInstance(Key.get(new TypeLiteral<Optional<Noise>>() { }));
        Model model = injector.getInstance(Model.class);
        try {
            restore(engine, model, file, best);
        } catch (RuntimeException e) {
            model.close();
            if (closeEngine) {
                engine.close();
            }
            throw e;
        }
        return new TrainedRun(folder, manifest, engine, dataset, split, noise, model, file.path(), best, closeEngine);
    }

    /**
     * The newest checkpoint of {@code folder} that reads back whole (newer ones that do not are
     * reported to {@code warn}); where the run kept none, its {@code parameters/} folder if it
     * finished; else a {@link UserError} saying why there is nothing to load.
     */
    public static SavedTensors checkpoint(RunFolder folder, Consumer<String> warn) {
        CheckpointFolder checkpoints = folder.checkpoints(1);
        List<Path> files = checkpoints.list();
        if (files.isEmpty()) {
            Path parameters = folder.path().resolve("parameters");
            if (Files.isDirectory(parameters)) {
                return ParametersFolder.read(parameters);
            }
            throw new UserError("nothing to load in " + folder.path() + ": no checkpoint in " + checkpoints.path()
                    + " and no parameters/ folder, which a run writes when it finishes; the run has not finished"
                    + " a checkpoint yet, continue it with: latent train --resume " + folder.path());
        }
        List<String> skipped = new ArrayList<>();
        Optional<? extends SavedTensors> good = checkpoints.newestGood(skipped::add);
        if (good.isEmpty()) {
            throw new UserError("no checkpoint in " + checkpoints.path() + " reads back whole: "
                    + String.join("; ", skipped.stream().map(s -> s.replaceFirst("^skipping a damaged checkpoint: ", ""))
                            .toList()));
        }
        skipped.forEach(warn);
        return good.get();
    }

    /** Whether the run's summary.json says early stopping put the best epoch's parameters back. */
    private static boolean restoredBest(RunFolder folder) {
        Path summary = folder.path().resolve("summary.json");
        if (!Files.isRegularFile(summary)) {
            return false;
        }
        try {
            JsonNode restored = new ObjectMapper().readTree(summary.toFile()).get("restored_best");
            return restored != null && restored.asBoolean(false);
        } catch (IOException e) {
            throw new UserError("cannot read " + summary + ": " + e.getMessage(), e);
        }
    }

    /** Puts the checkpoint's parameters (and buffers it holds) into the model, after checking every one. */
    private static void restore(Engine engine, Model model, SavedTensors file, boolean best) {
        Map<String, Safetensors.Entry> entries = file.entries();
        List<Parameter> parameters = model.parameters();
        List<String> names = new ArrayList<>();
        for (Parameter p : parameters) {
            String name = best && entries.containsKey(EARLY_STOPPING + p.name()) ? EARLY_STOPPING + p.name() : p.name();
            check(file, name, entries.get(name), p.value(), "a parameter of the model");
            names.add(name);
        }
        for (int i = 0; i < parameters.size(); i++) {
            assign(engine, file, names.get(i), parameters.get(i).value());
        }
        for (Map.Entry<String, Tensor> b : model.buffers().entrySet()) {
            String name = entries.containsKey(b.getKey()) ? b.getKey() : BUFFERS + b.getKey();
            if (entries.containsKey(name)) {
                check(file, name, entries.get(name), b.getValue(), "a buffer of the model");
                assign(engine, file, name, b.getValue());
            }
        }
    }

    private static void check(SavedTensors file, String name, Safetensors.Entry found, Tensor t, String role) {
        if (found == null) {
            throw new CheckpointException(file.path() + ": has no tensor '" + name + "' (" + role + ", shape "
                    + Tensor.describe(t.shape()) + "); was the checkpoint written for another model?");
        }
        if (!Arrays.equals(found.shape(), t.shape())) {
            throw new CheckpointException(file.path() + ": tensor '" + name + "' has shape " + Tensor.describe(found.shape())
                    + ", but " + role + " has shape " + Tensor.describe(t.shape())
                    + "; was the checkpoint written for another model or settings?");
        }
        if (found.dtype() != t.dtype()) {
            throw new CheckpointException(file.path() + ": tensor '" + name + "' is " + found.dtypeName() + ", but "
                    + role + " is " + t.dtype().name().toLowerCase(java.util.Locale.ROOT)
                    + " (dtype); load the run with the dtype it was trained in");
        }
    }

    private static void assign(Engine engine, SavedTensors file, String name, Tensor t) {
        if (t.dtype() == DType.FLOAT64) {
            engine.assign(t, file.doubles(name));
        } else {
            engine.assign(t, file.floats(name));
        }
    }

    /** The run's folder. */
    public RunFolder folder() {
        return folder;
    }

    /** The run's resolved manifest (with any {@code --set} of the loading command). */
    public Manifest manifest() {
        return manifest;
    }

    public Engine engine() {
        return engine;
    }

    /** The dataset, both splits. */
    public Dataset dataset() {
        return dataset;
    }

    /** The training split divided as training divided it: the samples trained on and the validation split. */
    public ValidationSplit split() {
        return split;
    }

    /** The run's noise process, for a denoising run. */
    public Optional<Noise> noise() {
        return noise;
    }

    /** The model, its parameters restored. */
    public Model model() {
        return model;
    }

    /** The checkpoint file (or parameters/ folder) the parameters came from. */
    public Path checkpoint() {
        return checkpoint;
    }

    /** Whether the parameters are the best epoch's, which early stopping restored at the end of the run. */
    public boolean bestEpoch() {
        return bestEpoch;
    }

    @Override
    public void close() {
        model.close();
        if (closeEngine) {
            engine.close();
        }
    }
}
