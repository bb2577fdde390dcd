package dev.latent.models.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.config.ConfigException;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Model;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.Parameter;
import dev.latent.models.GradientCheck;
import dev.latent.models.TestEngine;
import dev.latent.models.loss.SoftmaxCrossEntropy;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The classifier's layers, its gradients against finite differences (float64), and learning a separable problem. */
class ClassifierTest {

    private static final DType F64 = DType.FLOAT64;
    private final Engine engine = TestEngine.cpu();

    private Model model(List<Integer> hidden, int inputSize, int classes) {
        return new ClassifierProvider().create(new ClassifierConfig(hidden, "relu", classes),
                new ModelContext(engine, F64, new int[] {inputSize}, new SoftmaxCrossEntropy(engine), 3));
    }

    @Test
    void aHeadAndAProbeHaveTheLayersAsked() {
        assertEquals(List.of("head.0.weight", "head.0.bias", "head.2.weight", "head.2.bias"),
                model(List.of(128), 33, 10).parameters().stream().map(Parameter::name).toList());
        assertArrayEquals(new int[] {33, 128}, model(List.of(128), 33, 10).parameters().get(0).value().shape());
        assertEquals(List.of("head.0.weight", "head.0.bias"),
                model(List.of(), 784, 10).parameters().stream().map(Parameter::name).toList(), "a linear probe");
    }

    @Test
    void trainStepGradientsMatchFiniteDifferences() {
        Model m = model(List.of(6), 5, 3);
        Tensor x = engine.zeros(F64, 4, 5);
        engine.random(11).fillGaussian(x, 0, 1);
        Tensor t = engine.fromArray(new double[] {1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1}, F64, 4, 3);
        m.trainStep(x, t);
        for (Parameter p : m.parameters()) {
            GradientCheck.assertGradient(p.name(), engine, p.value(), p.gradient().toDoubleArray(),
                    () -> m.evaluate(x, t).total(), 30);
        }
    }

    /** Three Gaussian blobs in 2-D, far apart: gradient descent must classify every point. */
    @Test
    void learnsThreeSeparableBlobs() {
        int n = 90;
        double[][] centres = {{0, 4}, {4, -3}, {-4, -3}};
        double[] xs = new double[n * 2];
        double[] ts = new double[n * 3];
        int[] labels = new int[n];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            xs[2 * i] = centres[labels[i]][0] + random.nextDouble(-1, 1);
            xs[2 * i + 1] = centres[labels[i]][1] + random.nextDouble(-1, 1);
            ts[3 * i + labels[i]] = 1;
        }
        Tensor x = engine.fromArray(xs, F64, n, 2);
        Tensor t = engine.fromArray(ts, F64, n, 3);
        Model m = model(List.of(8), 2, 3);
        double first = m.trainStep(x, t).total();
        double last = first;
        for (int step = 0; step < 200; step++) {
            for (Parameter p : m.parameters()) {
                engine.axpy(-0.2, p.gradient(), p.value());
            }
            last = m.trainStep(x, t).total();
        }
        assertTrue(first > 0.5 && last < 0.05, "cross-entropy from " + first + " to " + last);
        double[] logits = m.reconstruct(x).toDoubleArray();
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < 3; k++) {
                best = logits[3 * i + k] > logits[3 * i + best] ? k : best;
            }
            assertEquals(labels[i], best, "point " + i);
        }
    }

    @Test
    void invalidConfigListsEveryProblem() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ClassifierConfig(List.of(0), "swish", 1));
        assertEquals(List.of("classes must be >= 2, found 1", "hidden[0] must be > 0, found 0",
                        "activation must be one of identity, relu, sigmoid, tanh, softplus, found 'swish'"),
                e.problems().stream().map(Object::toString).toList());
    }
}
