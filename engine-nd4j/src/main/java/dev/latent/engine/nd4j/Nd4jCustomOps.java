package dev.latent.engine.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The engine's operations that run as libnd4j custom ops rather than ND4J's legacy op classes,
 * where the custom op is faster (docs/performance.md, "Element-wise operations"): its
 * broadcasting {@code add} and {@code multiply} skip the legacy broadcast's per-call set-up, and
 * {@code tanh} has a oneDNN platform implementation (vectorised) where the legacy transform
 * calls the scalar tanh per element.
 */
final class Nd4jCustomOps {

    private Nd4jCustomOps() {
    }

    /**
     * {@code out = a op b} with numpy's broadcasting of b over a (a row over a matrix's rows, a
     * [1, C, 1, 1] bias over NCHW maps); op is "add" or "multiply".
     */
    static void broadcast(String op, INDArray a, INDArray b, INDArray out) {
        Nd4j.exec(DynamicCustomOp.builder(op).addInputs(a, b).addOutputs(out).build());
    }

    /** {@code out = tanh(x)} element-wise. */
    static void tanh(INDArray x, INDArray out) {
        Nd4j.exec(DynamicCustomOp.builder("tanh").addInputs(x).addOutputs(out).build());
    }
}
