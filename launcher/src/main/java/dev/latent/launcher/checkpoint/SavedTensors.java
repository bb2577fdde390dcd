package dev.latent.launcher.checkpoint;

import java.nio.file.Path;
import java.util.Map;

/**
 * A run's saved tensors by name, read back: a checkpoint ({@link Safetensors.File}), or the
 * {@code parameters/} folder that a finished run writes ({@link ParametersFolder}), which is all
 * that is left of a run trained with {@code training.keepCheckpoints: 0}.
 */
public interface SavedTensors {

    /** The file or folder they were read from. */
    Path path();

    /** The tensors, by name. */
    Map<String, Safetensors.Entry> entries();

    /** A tensor's values as doubles (exact for float32 and float64). */
    double[] doubles(String name);

    /** A tensor's values as floats; a float64 tensor is refused rather than narrowed. */
    float[] floats(String name);
}
