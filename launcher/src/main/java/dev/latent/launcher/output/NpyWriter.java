package dev.latent.launcher.output;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes a tensor in NumPy's {@code .npy} format, version 1.0 (little-endian, C order), so that
 * saved parameters open with {@code numpy.load}.
 */
public final class NpyWriter {

    private NpyWriter() {
    }

    public static void write(Tensor t, OutputStream out) throws IOException {
        boolean f64 = t.dtype() == DType.FLOAT64;
        String shape = Arrays.stream(t.shape()).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        if (t.shape().length == 1) {
            shape += ",";
        }
        String header = "{'descr': '" + (f64 ? "<f8" : "<f4") + "', 'fortran_order': False, 'shape': (" + shape + "), }";
        int unpadded = 10 + header.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        header = header + " ".repeat(padding) + "\n";
        ByteBuffer head = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        head.putShort((short) header.length());
        out.write(head.array());
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        out.write(littleEndian(t).array());
    }

    /**
     * The tensor's elements as little-endian bytes in row-major order, 4 per float32 element and
     * 8 per float64 element: the data of a {@code .npy} file, and of a safetensors tensor.
     */
    public static ByteBuffer littleEndian(Tensor t) {
        ByteBuffer data;
        if (t.dtype() == DType.FLOAT64) {
            double[] v = t.toDoubleArray();
            data = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            data.asDoubleBuffer().put(v);
        } else {
            float[] v = t.toFloatArray();
            data = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            data.asFloatBuffer().put(v);
        }
        return data;
    }
}
