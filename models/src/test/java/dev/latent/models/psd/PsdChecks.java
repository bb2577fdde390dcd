package dev.latent.models.psd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.ModelProvider;
import dev.latent.api.model.Parameter;
import dev.latent.models.GradientCheck;
import java.util.List;
import java.util.ServiceLoader;

/** What {@link PsdTest} and {@link ConvPsdTest} check alike: discovery, and gradients at fixed codes. */
final class PsdChecks {

    private PsdChecks() {
    }

    /** A float64 batch of standard normal values. */
    static Tensor gaussian(Engine engine, int rows, int columns, long seed) {
        Tensor x = engine.zeros(DType.FLOAT64, rows, columns);
        engine.random(seed).fillGaussian(x, 0, 1);
        return x;
    }

    static void assertDiscovered(String name) {
        List<String> names = ServiceLoader.load(ModelProvider.class).stream().map(p -> p.get().name()).toList();
        assertTrue(names.contains(name), names::toString);
    }

    /**
     * With the codes z held fixed, a train step's gradients match finite differences of the loss
     * for every parameter (up to {@code checked} elements each), and the prediction term is active.
     */
    static void assertGradientsAtFixedCodes(Engine engine, PredictiveSparseDecomposition psd, Tensor x, Tensor z,
                                            int checked) {
        LossReport report = psd.trainStepAt(x, x, z);
        assertTrue(report.terms().get("prediction") > 0.01, report::toString);
        for (Parameter p : psd.parameters()) {
            GradientCheck.assertGradient(p.name(), engine, p.value(), p.gradient().toDoubleArray(),
                    () -> psd.lossAt(x, x, z).total(), checked);
        }
    }
}
