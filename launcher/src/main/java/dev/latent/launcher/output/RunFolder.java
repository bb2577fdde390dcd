package dev.latent.launcher.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.OptimizerState;
import dev.latent.launcher.UserError;
import dev.latent.launcher.checkpoint.CheckpointFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run's folder under the output folder. Files are written whole or not at all
 * ({@link AtomicFiles}):
 *
 * <ul>
 *   <li>{@code manifest.yaml}: the resolved manifest, every default explicit;
 *   <li>{@code environment.json}: seed, engine, Java and machine;
 *   <li>{@code metrics.jsonl}: one JSON object per epoch ({@code epoch}, {@code train_loss},
 *       {@code validation_loss} when there is a validation split, {@code test_loss}, the terms
 *       of each, {@code seconds}, {@code samples_per_second});
 *   <li>{@code summary.json}: how the run ended ({@code epochs_run}, {@code steps},
 *       {@code stopped_early}, with early stopping {@code monitor}, {@code best_epoch},
 *       {@code best_value}, {@code restored_best}; {@code saved_epoch} and its
 *       {@code test_loss});
 *   <li>{@code parameters/<name>.npy}: each parameter, by its name ({@code encoder.0.weight.npy}),
 *       and each buffer of the model, by its ({@code encoder.4.running_mean.npy});
 *   <li>{@code optimizer/<file>.npy} and {@code optimizer/index.json}: every tensor of the
 *       optimizer's state after the last step, as {@link OptimizerState#flatten()} names them
 *       ({@code chain/0.scale_by_adam/m/encoder.0.weight}); the file name is that name with every
 *       character other than {@code A-Z a-z 0-9 . _ -} percent-encoded as UTF-8 bytes
 *       ({@code chain%2F0.scale_by_adam%2Fm%2Fencoder.0.weight.npy}), which is reversible and
 *       safe on every file system, and {@code index.json} maps each file name to its state name;
 *   <li>{@code reconstructions.png}: test images above their reconstructions;
 *   <li>{@code checkpoints/step-<steps>.safetensors}: the newest checkpoints
 *       ({@link CheckpointFolder}), from which {@code latent train --resume} continues.
 * </ul>
 */
public final class RunFolder {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path path;

    private RunFolder(Path path) {
        this.path = path;
    }

    /** Creates {@code output/<yyyyMMdd-HHmmss>-<label>}, adding a suffix if that exists. */
    public static RunFolder create(Path output, String label) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        try {
            Files.createDirectories(output);
            Path p = output.resolve(stamp + "-" + label);
            for (int i = 2; Files.exists(p); i++) {
                p = output.resolve(stamp + "-" + label + "-" + i);
            }
            Files.createDirectory(p);
            return new RunFolder(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run folder under " + output + ": " + e.getMessage(), e);
        }
    }

    /** Creates the run folder {@code folder} (a trial of a search), which must not exist; its parents may not. */
    public static RunFolder createAt(Path folder) {
        try {
            Files.createDirectories(folder.toAbsolutePath().getParent());
            Files.createDirectory(folder);
            return new RunFolder(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * An existing run folder, to resume: it must hold the {@code manifest.yaml} that
     * {@link #writeManifest} wrote.
     */
    public static RunFolder open(Path existing) {
        if (!Files.isDirectory(existing)) {
            throw new UserError("no run folder at " + existing.toAbsolutePath());
        }
        if (!Files.isRegularFile(existing.resolve("manifest.yaml"))) {
            throw new UserError(existing + " is not a run folder: it has no manifest.yaml");
        }
        return new RunFolder(existing);
    }

    public Path path() {
        return path;
    }

    /**
     * The manifest the run was started from (its folder anchors relative dataset paths), as
     * {@code environment.json} records it; the run's own {@code manifest.yaml} for a run that
     * predates the record.
     */
    public Path sourceManifest() throws IOException {
        Path env = path.resolve("environment.json");
        if (Files.isRegularFile(env)) {
            com.fasterxml.jackson.databind.JsonNode source = JSON.readTree(env.toFile()).get("manifest");
            if (source != null && source.isTextual()) {
                return Path.of(source.asText());
            }
        }
        return path.resolve("manifest.yaml");
    }

    /** The run's {@code checkpoints/} folder, keeping the newest {@code keep}. */
    public CheckpointFolder checkpoints(int keep) {
        return new CheckpointFolder(path.resolve("checkpoints"), keep);
    }

    /**
     * Keeps the first {@code lines} whole lines of metrics.jsonl and drops the rest, a partly
     * written last line included (a resumed run writes the lines after them again).
     */
    public void keepMetricsLines(int lines) throws IOException {
        Path file = path.resolve("metrics.jsonl");
        if (!Files.exists(file)) {
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        int end = 0;                          // just after the last newline kept
        for (int i = 0, n = 0; i < bytes.length && n < lines; i++) {
            if (bytes[i] == '\n') {
                n++;
                end = i + 1;
            }
        }
        if (end == bytes.length) {
            return;
        }
        byte[] kept = java.util.Arrays.copyOf(bytes, end);
        AtomicFiles.write(file, out -> out.write(kept));
    }

    public void writeManifest(Map<String, Object> resolved) throws IOException {
        AtomicFiles.write(path.resolve("manifest.yaml"), out -> new YAMLMapper().writeValue(out, resolved));
    }

    public void writeEnvironment(Map<String, Object> environment) throws IOException {
        AtomicFiles.write(path.resolve("environment.json"),
                out -> JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, environment));
    }

    /** Appends one line to metrics.jsonl (a line is written whole). */
    public void appendMetrics(Map<String, Object> line) throws IOException {
        Files.writeString(path.resolve("metrics.jsonl"), JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Writes {@code parameters/}: each parameter, then each of the model's buffers, as {@code <name>.npy}. */
    public void writeParameters(List<Parameter> parameters, Map<String, Tensor> buffers) throws IOException {
        AtomicFiles.writeFolder(path.resolve("parameters"), folder -> {
            for (Parameter p : parameters) {
                AtomicFiles.write(folder.resolve(p.name() + ".npy"), out -> NpyWriter.write(p.value(), out));
            }
            for (Map.Entry<String, Tensor> b : buffers.entrySet()) {
                AtomicFiles.write(folder.resolve(b.getKey() + ".npy"), out -> NpyWriter.write(b.getValue(), out));
            }
        });
    }

    /** Writes {@code summary.json}: how the run ended (see the class comment). */
    public void writeSummary(Map<String, Object> summary) throws IOException {
        AtomicFiles.write(path.resolve("summary.json"),
                out -> JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, summary));
    }

    /**
     * Writes every tensor of {@code state} to {@code optimizer/} as {@code .npy}, with
     * {@code index.json} mapping file names to state names, replacing the folder whole.
     */
    public void writeOptimizerState(OptimizerState state) throws IOException {
        Map<String, Tensor> tensors = state.flatten();
        AtomicFiles.writeFolder(path.resolve("optimizer"), folder -> {
            Map<String, String> index = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                String file = fileName(e.getKey()) + ".npy";
                AtomicFiles.write(folder.resolve(file), out -> NpyWriter.write(e.getValue(), out));
                index.put(file, e.getKey());
            }
            AtomicFiles.write(folder.resolve("index.json"),
                    out -> JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, index));
        });
    }

    /** A state name as a file name: A-Z a-z 0-9 . _ - kept, every other UTF-8 byte as %XX. */
    static String fileName(String name) {
        StringBuilder b = new StringBuilder();
        for (byte x : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                    || c == '-') {
                b.append(c);
            } else {
                b.append('%').append(String.format(Locale.ROOT, "%02X", x & 0xFF));
            }
        }
        return b.toString();
    }

    public void writeReconstructions(float[] originals, float[] reconstructions, int n, int height, int width)
            throws IOException {
        AtomicFiles.write(path.resolve("reconstructions.png"),
                out -> ImageGrid.write(new float[][] {originals, reconstructions}, n, height, width, out));
    }

    /** Writes {@code samples.png}: a generative model's samples, {@code rows} rows of {@code columns}. */
    public void writeSamples(float[] samples, int rows, int columns, int height, int width) throws IOException {
        float[][] grid = new float[rows][];
        int per = columns * height * width;
        for (int r = 0; r < rows; r++) {
            grid[r] = java.util.Arrays.copyOfRange(samples, r * per, (r + 1) * per);
        }
        AtomicFiles.write(path.resolve("samples.png"), out -> ImageGrid.write(grid, columns, height, width, out));
    }
}
