package dev.latent.launcher.train;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.OptimizerState;
import dev.latent.launcher.checkpoint.CheckpointException;
import dev.latent.launcher.checkpoint.CheckpointFolder;
import dev.latent.launcher.checkpoint.Safetensors;
import dev.latent.launcher.checkpoint.SafetensorsFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a checkpoint holds, and how it is put back. The tensors, in this order: the model's
 * parameters under their own names ({@code encoder.0.weight}, so that the file loads as a
 * PyTorch state dict), its buffers under theirs ({@code encoder.4.running_mean}, as PyTorch's
 * state dict holds a BatchNorm's), the optimizer's state under {@code optimizer/} and its flattened name
 * ({@code optimizer/chain/0.scale_by_adam/m/encoder.0.weight}), and with early stopping the best
 * epoch's parameters and buffers under {@code early_stopping/}, and for an optimizer that reads the
 * curvature, each parameter's diagonal-Hessian estimate under {@code curvature/}
 * ({@link #addCurvature}). The metadata: {@code latent.format},
 * {@code latent.step}, {@code latent.state} ({@link TrainingState} as JSON) and
 * {@code latent.manifest} (the resolved manifest as YAML).
 *
 * <p>Loading checks every tensor against the run before changing anything: each must be there,
 * with the run's shape and dtype, and the file may hold nothing else; the message names the file,
 * the tensor and what was expected.
 */
final class Checkpointer {

    /** The version of the checkpoint layout, {@code latent.format}. */
    static final String FORMAT = "1";
    static final String OPTIMIZER = "optimizer/";
    static final String EARLY_STOPPING = "early_stopping/";
    static final String CURVATURE = "curvature/";

    private final Engine engine;
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private final Map<String, String> roles = new LinkedHashMap<>();
    private final List<RandomStream> modelStreams;
    private final String manifest;

    /**
     * @param buffers      the model's buffers by name ({@code Model.buffers()})
     * @param optimizer    the optimizer's state
     * @param best         early stopping's snapshot by parameter or buffer name (empty when it is off)
     * @param modelStreams the random streams the engine made before training (the model's)
     * @param manifest     the resolved manifest as YAML
     */
    Checkpointer(Engine engine, List<Parameter> parameters, Map<String, Tensor> buffers, OptimizerState optimizer,
                 Map<String, Tensor> best, List<RandomStream> modelStreams, String manifest) {
        this.engine = engine;
        this.modelStreams = List.copyOf(modelStreams);
        this.manifest = manifest;
        for (Parameter p : parameters) {
            put(p.name(), p.value(), "a parameter of the model");
        }
        buffers.forEach((name, t) -> put(name, t, "a buffer of the model"));
        optimizer.flatten().forEach((name, t) -> put(OPTIMIZER + name, t, "optimizer state"));
        best.forEach((name, t) -> put(EARLY_STOPPING + name, t, "early stopping's best parameters"));
    }

    /**
     * Saves each parameter's {@link Parameter#curvature()} too, as {@code curvature/<name>}: the
     * estimate an optimizer with {@link dev.latent.api.optim.CurvatureEstimates} reads, which was
     * made from parameters a resumed run no longer has ({@link CurvatureEstimation}).
     */
    void addCurvature(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            put(CURVATURE + p.name(), p.curvature(), "the diagonal-Hessian estimate of a parameter");
        }
    }

    private void put(String name, Tensor t, String role) {
        if (tensors.put(name, t) != null) {
            throw new IllegalStateException("two checkpoint tensors are named " + name);
        }
        roles.put(name, role);
    }

    /** The bytes one checkpoint takes, about (the header is a few kilobytes). */
    long bytes() {
        long total = 16_384 + manifest.length();
        for (Tensor t : tensors.values()) {
            total += t.size() * Safetensors.bytes(t.dtype());
        }
        return total;
    }

    /** The bytes of the parameters and the optimizer state alone, as the run's final .npy files take them. */
    long outputBytes() {
        long total = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (!e.getKey().startsWith(EARLY_STOPPING) && !e.getKey().startsWith(CURVATURE)) {
                total += e.getValue().size() * Safetensors.bytes(e.getValue().dtype()) + 128;
            }
        }
        return total;
    }

    /** The first tensor of the checkpoint (parameter or state) that is not all finite. */
    Optional<String> firstNonFinite() {
        return DivergenceCheck.firstNonFinite(engine, tensors);
    }

    /** Writes the checkpoint after {@code step} steps into {@code folder}; returns its file. */
    Path write(CheckpointFolder folder, long step, TrainingState state) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("latent.format", FORMAT);
        metadata.put("latent.step", Long.toString(step));
        metadata.put("latent.state", state.toJson());
        metadata.put("latent.manifest", manifest);
        return folder.write(step, tensors, metadata);
    }

    /** The positions of the model's random streams, in the order the engine made them. */
    List<long[]> streamStates() {
        List<long[]> out = new ArrayList<>();
        modelStreams.forEach(s -> out.add(s.state()));
        return out;
    }

    /**
     * Puts a checkpoint's tensors and the model's random streams back, after checking all of
     * them; returns its training state (the caller restores the step and early stopping).
     */
    TrainingState load(SafetensorsFile file) {
        String name = file.path().toString();
        String format = file.metadata().get("latent.format");
        String stateJson = file.metadata().get("latent.state");
        if (!FORMAT.equals(format) || stateJson == null) {
            throw new CheckpointException(name + ": latent.format is " + (format == null ? "missing" : "'" + format + "'")
                    + ", expected '" + FORMAT + "' with a latent.state; not a checkpoint of this version of Latent");
        }
        TrainingState state = TrainingState.fromJson(stateJson, name);
        check(file);
        if (state.modelStreams().size() != modelStreams.size()) {
            throw new CheckpointException(name + ": holds the positions of " + state.modelStreams().size()
                    + " random streams of the model, but this run's model made " + modelStreams.size()
                    + "; was it written by another model or another version of its plugin?");
        }
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            if (t.dtype() == DType.FLOAT64) {
                engine.assign(t, file.doubles(e.getKey()));
            } else {
                engine.assign(t, file.floats(e.getKey()));
            }
        }
        for (int i = 0; i < modelStreams.size(); i++) {
            modelStreams.get(i).restore(state.modelStreams().get(i));
        }
        return state;
    }

    /** Every tensor present with the run's shape and dtype, and nothing else. */
    private void check(SafetensorsFile file) {
        Map<String, Safetensors.Entry> entries = file.entries();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Safetensors.Entry found = entries.get(e.getKey());
            Tensor t = e.getValue();
            String role = roles.get(e.getKey());
            if (found == null) {
                throw new CheckpointException(file.path() + ": has no tensor '" + e.getKey() + "' (" + role + ", shape "
                        + Tensor.describe(t.shape()) + "); it holds " + entries.size() + " tensors: " + sample(entries));
            }
            if (!java.util.Arrays.equals(found.shape(), t.shape())) {
                throw new CheckpointException(file.path() + ": tensor '" + e.getKey() + "' has shape "
                        + Tensor.describe(found.shape()) + ", but " + role + " has shape " + Tensor.describe(t.shape())
                        + "; was the checkpoint written for another model or settings?");
            }
            if (found.dtype() != t.dtype()) {
                throw new CheckpointException(file.path() + ": tensor '" + e.getKey() + "' is " + found.dtypeName()
                        + ", but this run's " + role + " is " + t.dtype().name().toLowerCase(java.util.Locale.ROOT)
                        + " (dtype)");
            }
        }
        for (String extra : entries.keySet()) {
            if (!tensors.containsKey(extra)) {
                throw new CheckpointException(file.path() + ": tensor '" + extra + "' is not part of this run (not a"
                        + " parameter or buffer of the model, nor optimizer or early-stopping state); was the checkpoint written"
                        + " for another model or optimizer?");
            }
        }
    }

    private static String sample(Map<String, Safetensors.Entry> entries) {
        String shown = entries.keySet().stream().limit(6).collect(Collectors.joining(", "));
        return entries.size() > 6 ? shown + ", ..." : shown;
    }
}
