package dev.latent.models.psd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.ModelContext;
import dev.latent.models.TestEngine;
import dev.latent.models.loss.MeanSquaredError;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The point of PSD (Kavukcuoglu et al. 2008): after training, the encoder's codes for 10,000
 * held-out patches come about 100 times faster than FISTA's (solved from zero to its default
 * tolerance), at a reported relative error.
 * Times are medians of alternating runs, so that a busy machine slows both alike.
 */
class PsdSpeedTest {

    private final Engine engine = TestEngine.cpu();

    @Test
    void theEncoderIsAtLeastAHundredTimesFasterThanFista() {
        DType f32 = DType.FLOAT32;
        int n = 81;
        PredictiveSparseDecomposition psd = (PredictiveSparseDecomposition) new PsdProvider().create(
                new PsdConfig(64, 0.5, 1, new FistaConfig(1000, 1e-4)),
                new ModelContext(engine, f32, new int[] {1, 9, 9}, new MeanSquaredError(engine), 42));
        double[] train = MnistPatches.sample("train", 2000, 3200, 1);
        Tensor x = engine.zeros(f32, 32, n);
        for (int step = 0; step < 100; step++) {   // a short training: the timing does not depend on it
            engine.assign(x, Arrays.copyOfRange(train, step * 32 * n, (step + 1) * 32 * n));
            psd.trainStep(x, x);
            PsdLearningTest.sgd(engine, psd, 0.005, 0.05);
        }
        Tensor heldOut = engine.zeros(f32, 10_000, n);
        engine.assign(heldOut, MnistPatches.sample("t10k", 2000, 10_000, 2));
        int runs = 3;
        long[] encoder = new long[runs];
        long[] fista = new long[runs];
        double error = 0;
        int iterations = 0;
        for (int run = 0; run < runs; run++) {
            long t0 = System.nanoTime();
            Tensor predicted = psd.encode(heldOut);
            predicted.toFloatArray();   // wait for the result
            encoder[run] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            Tensor optimal = psd.sparseCodes(heldOut, false);
            optimal.toFloatArray();
            fista[run] = System.nanoTime() - t0;
            iterations = psd.lastSolve().iterations();
            error = Math.sqrt(engine.squaredDistance(psd.encode(heldOut), optimal) / engine.dot(optimal, optimal));
        }
        Arrays.sort(encoder);
        Arrays.sort(fista);
        double ratio = (double) fista[runs / 2] / encoder[runs / 2];
        System.out.printf("10,000 patches, 64 codes, float32: encoder %.2f ms, FISTA %.1f ms (%d iterations, cold), "
                        + "%.0fx faster; relative code error ||z~ - z*|| / ||z*|| = %.3f%n",
                encoder[runs / 2] / 1e6, fista[runs / 2] / 1e6, iterations, ratio, error);
        // about 100x on the shared 2-core machine, where ND4J's tanh is nearly half the encoder's time;
        // the bound guards against a regression without failing on a busy machine
        assertTrue(ratio >= 50, "the encoder is only " + ratio + "x faster");
        assertTrue(error < 1, "the encoder predicts the codes better than zero does: " + error);
        psd.close();
    }
}
