package dev.latent.launcher.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;

/** A safetensors file that {@link Safetensors#read} checked: its tensors (in header order), metadata and bytes. */
public final class SafetensorsFile implements SavedTensors {

    private final Path path;
    private final Map<String, Safetensors.Entry> entries;
    private final Map<String, String> metadata;
    private final ByteBuffer data;

    SafetensorsFile(Path path, Map<String, Safetensors.Entry> entries, Map<String, String> metadata, ByteBuffer data) {
        this.path = path;
        this.entries = entries;
        this.metadata = metadata;
        this.data = data;
    }

    @Override
    public Path path() {
        return path;
    }

    /** The tensors, by name, in the header's order. */
    @Override
    public Map<String, Safetensors.Entry> entries() {
        return entries;
    }

    /** The {@code __metadata__} strings (empty when there is none). */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public ByteBuffer elements(Safetensors.Entry e) {
        return data.duplicate().position((int) e.begin()).limit((int) e.end()).slice().order(ByteOrder.LITTLE_ENDIAN);
    }
}
