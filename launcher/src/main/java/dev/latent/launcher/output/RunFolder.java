package dev.latent.launcher.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.latent.api.model.Parameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * One run's folder under the output folder: {@code manifest.yaml} (resolved),
 * {@code environment.json}, {@code metrics.jsonl} (one JSON object per epoch),
 * {@code parameters/<name>.npy} and {@code reconstructions.png}. Files are written whole or not
 * at all ({@link AtomicFiles}).
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

    public Path path() {
        return path;
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

    public void writeParameters(List<Parameter> parameters) throws IOException {
        AtomicFiles.writeFolder(path.resolve("parameters"), folder -> {
            for (Parameter p : parameters) {
                AtomicFiles.write(folder.resolve(p.name() + ".npy"), out -> NpyWriter.write(p.value(), out));
            }
        });
    }

    public void writeReconstructions(float[] originals, float[] reconstructions, int n, int height, int width)
            throws IOException {
        AtomicFiles.write(path.resolve("reconstructions.png"),
                out -> ReconstructionGrid.write(originals, reconstructions, n, height, width, out));
    }
}
