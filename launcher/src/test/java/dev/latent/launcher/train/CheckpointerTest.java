package dev.latent.launcher.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.OptimizerState;
import dev.latent.launcher.TestHome;
import dev.latent.launcher.checkpoint.CheckpointException;
import dev.latent.launcher.checkpoint.CheckpointFolder;
import dev.latent.launcher.checkpoint.Safetensors;
import dev.latent.launcher.checkpoint.SafetensorsFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint's tensors and state go out and come back exactly, and one that does not fit the
 * run (a missing tensor, another shape or dtype, a tensor too many, another number of random
 * streams) is refused with a message naming the file, the tensor and what was expected.
 */
class CheckpointerTest {

    private static Engine engine;
    private final List<AutoCloseable> open = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void startCpuEngine() throws Exception {
        engine = TestHome.cpuEngine();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private Parameter parameter(String name, int... shape) {
        Parameter p = Parameter.zeros(name, engine, DType.FLOAT32, shape);
        open.add(p);
        return p;
    }

    private Tensor tensor(DType dtype, int... shape) {
        Tensor t = engine.zeros(dtype, shape);
        open.add(t);
        return t;
    }

    /**
     * A run of two parameters and a buffer (as a batch normalisation's running variance), with an
     * Adam-like state, an L-BFGS-like float64 counter, one random stream and early stopping's
     * snapshot of both.
     */
    private final class Run {
        final List<Parameter> parameters;
        final Map<String, Tensor> buffers;
        final Map<String, Tensor> best;
        final OptimizerState state;
        final RandomStream stream = engine.random(9);
        final Checkpointer checkpointer;

        Run(int[] weightShape, DType counterType, boolean extraSlot) {
            parameters = List.of(parameter("encoder.0.weight", weightShape), parameter("encoder.0.bias", 3));
            buffers = Map.of("encoder.1.running_var", tensor(DType.FLOAT32, 3));
            best = new LinkedHashMap<>();
            for (Parameter p : parameters) {
                best.put(p.name(), tensor(DType.FLOAT32, p.value().shape()));
            }
            best.put("encoder.1.running_var", tensor(DType.FLOAT32, 3));
            Map<String, Tensor> moments = new LinkedHashMap<>();
            for (Parameter p : parameters) {
                moments.put("m/" + p.name(), tensor(DType.FLOAT32, p.value().shape()));
            }
            if (extraSlot) {
                moments.put("v/encoder.0.bias", tensor(DType.FLOAT32, 3));
            }
            moments.put("counters", tensor(counterType, 2));
            state = new OptimizerState("chain", Map.of(), List.of(new OptimizerState("scale_by_adam", moments, List.of())));
            checkpointer = new Checkpointer(engine, parameters, buffers, state, best, List.of(stream), "seed: 42\n");
        }

        Run() {
            this(new int[] {2, 3}, DType.FLOAT64, false);
        }
    }

    private static TrainingState state(long[] stream) {
        EpochSums sums = new EpochSums(3, 384, 12.5, Map.of("mse", 12.5), 0.75);
        return new TrainingState(2, sums, List.of(new LossReport(0.07, Map.of("mse", 0.07))), 1,
                new EarlyStopping.State(0, Double.POSITIVE_INFINITY, 0, 0, false),
                new TrainingStep.State(11, 1, 0, 0.5, new long[] {42, -7}), List.of(stream));
    }

    @Test
    void tensorsStateAndStreamsComeBackExactly() {
        Run a = new Run();
        engine.assign(a.parameters.get(0).value(), new float[] {1, 2, 3, 4, 5, 6.5f});
        engine.assign(a.buffers.get("encoder.1.running_var"), new float[] {0.25f, 1e-7f, 3});
        engine.assign(a.best.get("encoder.1.running_var"), new float[] {0.5f, 2, 7});
        engine.assign(a.state.flatten().get("chain/0.scale_by_adam/counters"), new double[] {1e-300, 17});
        Tensor drawn = tensor(DType.FLOAT32, 5);
        a.stream.fillGaussian(drawn, 0, 1);
        CheckpointFolder folder = new CheckpointFolder(dir, 2);
        Path file = a.checkpointer.write(folder, 11, state(a.stream.state()));
        a.stream.fillGaussian(drawn, 0, 1);
        double[] next = drawn.toDoubleArray();

        Run b = new Run();
        TrainingState s = b.checkpointer.load(Safetensors.read(file));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6.5f}, b.parameters.get(0).value().toFloatArray());
        assertArrayEquals(new float[] {0.25f, 1e-7f, 3}, b.buffers.get("encoder.1.running_var").toFloatArray(),
                "the model's buffers come back");
        assertArrayEquals(new float[] {0.5f, 2, 7}, b.best.get("encoder.1.running_var").toFloatArray(),
                "and early stopping's snapshot of them");
        assertEquals(List.of("encoder.0.weight", "encoder.0.bias", "encoder.1.running_var",
                "optimizer/chain/0.scale_by_adam/m/encoder.0.weight", "optimizer/chain/0.scale_by_adam/m/encoder.0.bias",
                "optimizer/chain/0.scale_by_adam/counters", "early_stopping/encoder.0.weight",
                "early_stopping/encoder.0.bias", "early_stopping/encoder.1.running_var"),
                List.copyOf(Safetensors.read(file).entries().keySet()), "the buffers under their own names, after the parameters");
        assertArrayEquals(new double[] {1e-300, 17}, b.state.flatten().get("chain/0.scale_by_adam/counters").toDoubleArray());
        b.stream.fillGaussian(drawn, 0, 1);
        assertArrayEquals(next, drawn.toDoubleArray(), "the model's stream draws on where it was saved");
        assertEquals(2, s.epoch());
        assertEquals(3, s.sums().batches());
        assertEquals(12.5, s.sums().loss());
        assertEquals(0.75, s.sums().seconds());
        assertEquals(List.of(new LossReport(0.07, Map.of("mse", 0.07))), s.tests());
        assertEquals(Double.POSITIVE_INFINITY, s.earlyStopping().best());
        assertEquals(0.5, s.step().updateScale());
        assertArrayEquals(new long[] {42, -7}, s.step().noise());
        assertEquals("11", Safetensors.read(file).metadata().get("latent.step"));
        assertEquals("seed: 42\n", Safetensors.read(file).metadata().get("latent.manifest"));
    }

    @Test
    void aCheckpointOfAnotherShapeDtypeOrLayoutIsRefused() {
        Run a = new Run();
        Path file = a.checkpointer.write(new CheckpointFolder(dir, 2), 4, state(a.stream.state()));
        SafetensorsFile read = Safetensors.read(file);

        Run wider = new Run(new int[] {2, 4}, DType.FLOAT64, false);
        assertEquals(file + ": tensor 'encoder.0.weight' has shape [2, 3], but a parameter of the model has shape [2, 4];"
                + " was the checkpoint written for another model or settings?", message(wider, read));
        Run narrowCounters = new Run(new int[] {2, 3}, DType.FLOAT32, false);
        assertEquals(file + ": tensor 'optimizer/chain/0.scale_by_adam/counters' is F64, but this run's optimizer state"
                + " is float32 (dtype)", message(narrowCounters, read));
        Run moreState = new Run(new int[] {2, 3}, DType.FLOAT64, true);
        assertEquals(file + ": has no tensor 'optimizer/chain/0.scale_by_adam/v/encoder.0.bias' (optimizer state, shape"
                + " [3]); it holds 9 tensors: encoder.0.weight, encoder.0.bias, encoder.1.running_var,"
                + " optimizer/chain/0.scale_by_adam/m/encoder.0.weight, optimizer/chain/0.scale_by_adam/m/encoder.0.bias,"
                + " optimizer/chain/0.scale_by_adam/counters, ...",
                message(moreState, read));

        Run withV = new Run(new int[] {2, 3}, DType.FLOAT64, true);
        Path larger = withV.checkpointer.write(new CheckpointFolder(dir.resolve("v"), 2), 4, state(withV.stream.state()));
        assertEquals(larger + ": tensor 'optimizer/chain/0.scale_by_adam/v/encoder.0.bias' is not part of this run (not a"
                + " parameter or buffer of the model, nor optimizer or early-stopping state); was the checkpoint written for another"
                + " model or optimizer?", message(new Run(), Safetensors.read(larger)));

        Run twoStreams = new Run();
        Path one = twoStreams.checkpointer.write(new CheckpointFolder(dir.resolve("s"), 2), 4,
                new TrainingState(1, new EpochSums(), List.of(), 0, new EarlyStopping.State(0, 1, 0, 0, false),
                        new TrainingStep.State(0, 0, 0, 1, new long[] {1, 2}), List.of(new long[] {1, 2}, new long[] {3, 4})));
        assertEquals(one + ": holds the positions of 2 random streams of the model, but this run's model made 1; was it"
                + " written by another model or another version of its plugin?", message(new Run(), Safetensors.read(one)));
    }

    private static String message(Run run, SafetensorsFile file) {
        return assertThrows(CheckpointException.class, () -> run.checkpointer.load(file)).getMessage();
    }
}
