package dev.latent.engine.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/** Which arrays are plain blocks of memory, for the engine's routines that bypass ND4J's ops. */
public final class DenseArrays {

    private DenseArrays() {
    }

    /**
     * Whether {@code a} is row-major with default strides and covers its whole buffer from its
     * start: its elements are the buffer's, in order, so it can be handed to BLAS or copied as
     * raw memory whatever its shape.
     */
    public static boolean isDense(INDArray a) {
        return a.ordering() == 'c' && a.offset() == 0 && a.data().offset() == 0
                && Shape.hasDefaultStridesForShape(a) && a.data().length() == a.length();
    }
}
