package dev.latent.models.psd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.Parameter;
import dev.latent.models.TestEngine;
import dev.latent.models.loss.MeanSquaredError;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** PSD learns: it recovers a known dictionary from its sparse combinations, and its loss falls on image patches. */
class PsdLearningTest {

    private static final DType F64 = DType.FLOAT64;
    private final Engine engine = TestEngine.cpu();

    /** Plain SGD, one rate for the encoder and one for the dictionary, then the model's constraint, as the trainer does. */
    static void sgd(Engine engine, PredictiveSparseDecomposition psd, double encoderRate, double dictionaryRate) {
        for (Parameter p : psd.parameters()) {
            engine.axpy(p == psd.dictionary().parameter() ? -dictionaryRate : -encoderRate, p.gradient(), p.value());
        }
        psd.afterUpdate();
    }

    @Test
    void recoversTheAtomsOfASyntheticSparseDictionary() {
        int n = 64;
        int k = 16;
        int samples = 4096;
        Random r = new Random(21);
        double[] truth = new double[n * k];
        for (int j = 0; j < k; j++) {
            double norm = 0;
            for (int i = 0; i < n; i++) {
                truth[i * k + j] = r.nextGaussian();
                norm += truth[i * k + j] * truth[i * k + j];
            }
            for (int i = 0; i < n; i++) {
                truth[i * k + j] /= Math.sqrt(norm);
            }
        }
        // each sample: two atoms with amplitudes +-[1, 2)
        double[] data = new double[samples * n];
        for (int s = 0; s < samples; s++) {
            for (int a = 0; a < 2; a++) {
                int j = r.nextInt(k);
                double amplitude = (1 + r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
                for (int i = 0; i < n; i++) {
                    data[s * n + i] += amplitude * truth[i * k + j];
                }
            }
        }
        PredictiveSparseDecomposition psd = (PredictiveSparseDecomposition) new PsdProvider().create(
                new PsdConfig(k, 0.5, 1, new FistaConfig(100, 1e-4)),
                new ModelContext(engine, F64, new int[] {1, 8, 8}, new MeanSquaredError(engine), 42));
        int batch = 32;
        Tensor x = engine.zeros(F64, batch, n);
        double first = 0;
        double last = 0;
        int steps = 300;
        double lr = 0.2;
        for (int step = 0; step < steps; step++) {
            int offset = (step * batch) % samples;
            engine.assign(x, java.util.Arrays.copyOfRange(data, offset * n, (offset + batch) * n));
            LossReport report = psd.trainStep(x, x);
            sgd(engine, psd, lr, lr);
            if (step < 20) {
                first += report.total() / 20;
            } else if (step >= steps - 20) {
                last += report.total() / 20;
            }
        }
        int recovered = recovered(truth, psd, n, k);
        System.out.println("loss " + first + " -> " + last + ", recovered " + recovered);
        assertTrue(last < 0.4 * first, "loss " + first + " -> " + last);
        assertTrue(recovered >= 15, recovered + " of 16 atoms recovered");
        psd.close();
    }

    @Test
    void theLossFallsOnDigitPatches() {
        int n = 81;
        int samples = 8192;
        double[] data = MnistPatches.sample("train", 2000, samples, 5);
        PredictiveSparseDecomposition psd = (PredictiveSparseDecomposition) new PsdProvider().create(
                new PsdConfig(16, 0.5, 1, new FistaConfig(100, 1e-4)),
                new ModelContext(engine, F64, new int[] {1, 9, 9}, new MeanSquaredError(engine), 42));
        int batch = 32;
        Tensor x = engine.zeros(F64, batch, n);
        double[] first = new double[3];
        double[] last = new double[3];
        String[] terms = {"reconstruction", "sparsity", "prediction"};
        int steps = 300;
        for (int step = 0; step < steps; step++) {
            int offset = (step * batch) % samples;
            engine.assign(x, java.util.Arrays.copyOfRange(data, offset * n, (offset + batch) * n));
            LossReport report = psd.trainStep(x, x);
            // the encoder's input has 81 values of unit variance, so it takes a tenth of the dictionary's rate
            sgd(engine, psd, 0.005, 0.05);
            for (int t = 0; t < 3; t++) {
                if (step < 20) {
                    first[t] += report.terms().get(terms[t]) / 20;
                } else if (step >= steps - 20) {
                    last[t] += report.terms().get(terms[t]) / 20;
                }
            }
        }
        System.out.println("digit patches: " + java.util.Arrays.toString(first) + " -> " + java.util.Arrays.toString(last));
        double before = first[0] + first[1] + first[2];
        double after = last[0] + last[1] + last[2];
        assertTrue(after < 0.7 * before, "loss " + before + " -> " + after);
        assertTrue(last[0] < first[0] && last[2] < first[2], "reconstruction and prediction both fall");
        psd.close();
    }

    /** The true atoms that some learned atom matches with |cosine| > 0.95. */
    private static int recovered(double[] truth, PredictiveSparseDecomposition psd, int n, int k) {
        double[] learned = psd.dictionary().parameter().value().toDoubleArray();
        int count = 0;
        for (int j = 0; j < k; j++) {
            double best = 0;
            for (int m = 0; m < k; m++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += truth[i * k + j] * learned[i * k + m];
                }
                best = Math.max(best, Math.abs(dot));
            }
            count += best > 0.95 ? 1 : 0;
        }
        return count;
    }
}
