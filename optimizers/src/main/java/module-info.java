/**
 * Latent's optimizers: composable gradient transformations in the style of optax (Chain,
 * ScaleByLearningRate, Momentum, ScaleByAdam) and the named optimizers built from them
 * ({@code sgd}, {@code adam}).
 *
 * <p>{@code requires transitive}: the exported transformations take and return api types
 * ({@code Engine}, {@code Optimizer}), so a plugin that composes them reads the api too.
 */
module dev.latent.optimizers {
    requires transitive dev.latent.api;

    exports dev.latent.optimizers;

    provides dev.latent.api.optim.OptimizerProvider with
            dev.latent.optimizers.SgdProvider,
            dev.latent.optimizers.AdamProvider;
}
