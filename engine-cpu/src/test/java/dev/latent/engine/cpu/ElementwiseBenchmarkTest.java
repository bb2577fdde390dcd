package dev.latent.engine.cpu;

import dev.latent.api.engine.Activation;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times the CPU engine's gemm, broadcast and element-wise operations on the matrices of PSD
 * inference ([rows, 64] float32 codes of [rows, 81] patches: the encoder's product, bias, tanh and
 * gain, FISTA's copies) beside the ND4J calls they replaced (docs/performance.md, "Small products
 * and element-wise operations"): {@code Nd4j.gemm}, the legacy {@code BroadcastAddOp},
 * {@code BroadcastMulOp} and {@code Tanh}, a copy through a reshaped view, and the sum along
 * dimension 0. Microseconds per
 * call, the median of 7 rounds that alternate all cases. Off by default; run with
 * {@code mvn -pl engine-cpu -am verify -Dtest=ElementwiseBenchmarkTest -Dlatent.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}.
 */
class ElementwiseBenchmarkTest {

    private static final int[] ROWS = {128, 500, 10_000};
    private static final int ROUNDS = 7;

    @Test
    void engineOpsBesideTheNd4jCallsTheyReplaced() {
        Assumptions.assumeTrue(Boolean.getBoolean("latent.bench"), "set -Dlatent.bench=true to run");
        try (Engine e = new CpuEngineProvider().create(new CpuEngineConfig(1))) {
            Map<String, List<Double>> times = new LinkedHashMap<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (int rows : ROWS) {
                    cases(e, rows, times);
                }
            }
            System.out.printf("engine ops against the ND4J calls they replaced, float32, 1 thread, us per call (median"
                    + " of %d rounds)%n", ROUNDS);
            times.forEach((what, t) -> {
                double[] sorted = t.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                System.out.printf("  %-52s %9.1f%n", what, sorted[sorted.length / 2]);
            });
        }
    }

    private static void cases(Engine e, int rows, Map<String, List<Double>> times) {
        Tensor x = e.zeros(DType.FLOAT32, rows, 81);
        Tensor w = e.zeros(DType.FLOAT32, 64, 81);
        Tensor a = e.zeros(DType.FLOAT32, rows, 64);
        Tensor out = e.zeros(DType.FLOAT32, rows, 64);
        Tensor row = e.zeros(DType.FLOAT32, 64);
        e.random(1).fillUniform(x, -1, 1);
        e.random(2).fillUniform(w, -1, 1);
        e.random(3).fillUniform(a, -1, 1);
        e.random(4).fillUniform(row, -1, 1);
        INDArray nx = Nd4j.rand(DataType.FLOAT, rows, 81);
        INDArray nw = Nd4j.rand(DataType.FLOAT, 64, 81);
        INDArray na = Nd4j.rand(DataType.FLOAT, rows, 64);
        INDArray nout = Nd4j.zeros(DataType.FLOAT, rows, 64);
        INDArray nrow = Nd4j.rand(DataType.FLOAT, 64);
        String at = " [" + rows + "]";
        time(times, "gemm [r,81]x[64,81]^T: engine" + at, rows, () -> e.gemm(x, false, w, true, 1, 0, out));
        time(times, "gemm [r,81]x[64,81]^T: Nd4j.gemm" + at, rows, () -> Nd4j.gemm(nx, nw, nout, false, true, 1, 0));
        time(times, "addRowVector: engine" + at, rows, () -> e.addRowVector(a, row, out));
        time(times, "addRowVector: BroadcastAddOp" + at, rows,
                () -> Nd4j.getExecutioner().exec(new BroadcastAddOp(na, nrow, nout, 1)));
        time(times, "mulRowVector: engine" + at, rows, () -> e.mulRowVector(a, row, out));
        time(times, "mulRowVector: BroadcastMulOp" + at, rows,
                () -> Nd4j.getExecutioner().exec(new BroadcastMulOp(na, nrow, nout, 1)));
        time(times, "tanh: engine" + at, rows, () -> e.activate(Activation.TANH, a, out));
        time(times, "tanh: legacy Tanh" + at, rows, () -> Nd4j.getExecutioner().exec(new Tanh(na, nout)));
        time(times, "copy: engine" + at, rows, () -> e.copy(a, out));
        time(times, "copy: assign of a reshaped view" + at, rows, () -> nout.assign(na.reshape(nout.shape())));
        Tensor sums = e.zeros(DType.FLOAT32, 64);
        INDArray nsums = Nd4j.zeros(DataType.FLOAT, 64);
        time(times, "columnSums: engine" + at, rows, () -> e.columnSums(a, sums));
        time(times, "columnSums: sum along dimension 0" + at, rows, () -> na.sum(nsums, 0));
        time(times, "sub: engine" + at, rows, () -> e.sub(a, out, out));
        time(times, "clip: engine" + at, rows, () -> e.clip(a, -0.1, 0.1, out));
        time(times, "axpy: engine" + at, rows, () -> e.axpy(0.5, a, out));
        for (Tensor t : new Tensor[] {x, w, a, out, row, sums}) {
            t.close();
        }
    }

    private static void time(Map<String, List<Double>> times, String what, int rows, Runnable op) {
        int calls = Math.max(20, 2_000_000 / (rows * 64));
        for (int i = 0; i < 3; i++) {
            op.run();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            op.run();
        }
        times.computeIfAbsent(what, k -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e3 / calls);
    }
}
