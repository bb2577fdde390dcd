package dev.latent.engine.nd4j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Arrays the convolutions keep between calls (the zero inputs and zero-framed gradients of
 * transposed convolutions with output padding, and of the first layer's weight gradient), one
 * per data type and shape, allocated once outside any workspace (a training step's temporaries live in one,
 * and would be reset under them). A run sees a few shapes: its batch size and the last, partial
 * batch.
 */
final class KeptArrays {

    private final Map<List<Object>, INDArray> zeros = new HashMap<>();
    private final Map<List<Object>, INDArray[]> framed = new HashMap<>();

    /** Zeros of this shape, to be read only: an op's input whose values must be zero. */
    INDArray zeros(DataType type, long... shape) {
        return zeros.computeIfAbsent(key(type, shape), k -> allocate(type, shape));
    }

    /**
     * The window {@code [top, top + h) x [left, left + w)} of the last two dimensions of an array
     * of {@code shape}, zero elsewhere. Only the window is written (by the caller, on every use),
     * so the frame around it stays zero. Returns {whole array, window view}.
     */
    INDArray[] framed(DataType type, long[] shape, int top, int left, long h, long w) {
        return framed.computeIfAbsent(List.of(key(type, shape), top, left, h, w), k -> {
            INDArray whole = allocate(type, shape);
            INDArray window = whole.get(NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.interval(top, top + h), NDArrayIndex.interval(left, left + w));
            return new INDArray[] {whole, window};
        });
    }

    private static List<Object> key(DataType type, long[] shape) {
        return List.of(type, List.of(java.util.Arrays.stream(shape).boxed().toArray()));
    }

    private static INDArray allocate(DataType type, long[] shape) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.zeros(type, shape);
        }
    }
}
