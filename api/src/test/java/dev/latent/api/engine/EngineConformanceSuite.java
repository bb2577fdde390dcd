package dev.latent.api.engine;

/**
 * The conformance suite every {@link Engine} must pass: each operation against values computed
 * by hand, in float32 and float64, and every backward against finite differences in float64.
 * An engine module extends this class and supplies its engine; the checks live in one chain of
 * abstract classes, one concept per file, all run by the subclass:
 * {@link CoreConformanceChecks} (life cycle, creation, linear algebra, element-wise,
 * activations, reductions, optimizer steps, randomness, scopes) and
 * {@link ConvolutionConformanceChecks} (convolution, transposed convolution, average pooling
 * and unpooling), {@link MaxPoolingConformanceChecks} (max pooling with indices, max
 * unpooling) and {@link ViewConformanceChecks} (views between shapes). An engine that cannot run here reports why through {@link #availability()}, and
 * the suite is skipped with that reason printed.
 */
public abstract class EngineConformanceSuite extends ViewConformanceChecks {
}
