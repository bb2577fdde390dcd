package dev.latent.launcher.checkpoint;

import dev.latent.launcher.output.NpyReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A finished run's {@code parameters/} folder read back: each parameter and buffer as
 * {@code <name>.npy} (as {@code RunFolder.writeParameters} writes them), the model the run ended
 * with (the best epoch's, when early stopping restored it). Read whole when opened: a model's
 * parameters fit in memory, and a damaged file is reported before any engine starts.
 */
public final class ParametersFolder implements SavedTensors {

    private final Path path;
    private final Map<String, Safetensors.Entry> entries;
    private final Map<String, ByteBuffer> data;

    private ParametersFolder(Path path, Map<String, Safetensors.Entry> entries, Map<String, ByteBuffer> data) {
        this.path = path;
        this.entries = entries;
        this.data = data;
    }

    /**
     * Reads every {@code .npy} file of {@code folder}.
     *
     * @throws CheckpointException naming the file that cannot be read
     */
    public static ParametersFolder read(Path folder) {
        Map<String, Safetensors.Entry> entries = new LinkedHashMap<>();
        Map<String, ByteBuffer> data = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".npy")).sorted().toList();
        } catch (IOException e) {
            throw new CheckpointException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            String name = file.getFileName().toString().replaceFirst("\\.npy$", "");
            NpyReader.Array array;
            try {
                array = NpyReader.read(file, Files.readAllBytes(file));
            } catch (IOException e) {
                throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new CheckpointException(e.getMessage(), e);
            }
            entries.put(name, new Safetensors.Entry(name, array.dtype(), array.shape(), 0, array.data().capacity()));
            data.put(name, array.data());
        }
        return new ParametersFolder(folder, entries, data);
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public Map<String, Safetensors.Entry> entries() {
        return entries;
    }

    @Override
    public ByteBuffer elements(Safetensors.Entry e) {
        return data.get(e.name()).duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }
}
