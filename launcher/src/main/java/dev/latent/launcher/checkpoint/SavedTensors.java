package dev.latent.launcher.checkpoint;

import dev.latent.api.engine.DType;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * A run's saved tensors by name, read back: a checkpoint ({@link SafetensorsFile}), or the
 * {@code parameters/} folder that a finished run writes ({@link ParametersFolder}), which is all
 * that is left of a run trained with {@code training.keepCheckpoints: 0}. Both hold each tensor's
 * elements as little-endian bytes; the values are read from those alike.
 */
public interface SavedTensors {

    /** The file or folder they were read from. */
    Path path();

    /** The tensors, by name. */
    Map<String, Safetensors.Entry> entries();

    /** A little-endian view of the elements of {@code e}, one of {@link #entries()}. */
    ByteBuffer elements(Safetensors.Entry e);

    /** A tensor's values as doubles (exact for F32 and F64). */
    default double[] doubles(String name) {
        Safetensors.Entry e = entry(name);
        ByteBuffer b = elements(e);
        double[] out = new double[b.remaining() / Safetensors.bytes(e.dtype())];
        if (e.dtype() == DType.FLOAT64) {
            b.asDoubleBuffer().get(out);
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = b.getFloat(i * 4);
            }
        }
        return out;
    }

    /** A tensor's values as floats (its dtype must be F32: a float64 value is not narrowed silently). */
    default float[] floats(String name) {
        Safetensors.Entry e = entry(name);
        if (e.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(path() + ": tensor '" + name + "' is " + e.dtypeName() + ", not F32");
        }
        ByteBuffer b = elements(e);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    private Safetensors.Entry entry(String name) {
        Safetensors.Entry e = entries().get(name);
        if (e == null) {
            throw new IllegalArgumentException(path() + " has no tensor '" + name + "'");
        }
        return e;
    }
}
