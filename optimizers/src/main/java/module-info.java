/**
 * Latent's optimizers: composable gradient transformations in the style of optax (clipping,
 * weight decay, the Adagrad, RMSprop and Adam rescalings, momentum, per-parameter rates,
 * learning-rate schedules), the named optimizers built from them ({@code sgd}, {@code adagrad},
 * {@code rmsprop}, {@code adam}, {@code adamw}) and L-BFGS ({@code lbfgs}).
 *
 * <p>{@code requires transitive}: the exported transformations take and return api types
 * ({@code Engine}, {@code Optimizer}), so a plugin that composes them reads the api too.
 */
module dev.latent.optimizers {
    requires transitive dev.latent.api;

    exports dev.latent.optimizers;

    provides dev.latent.api.optim.OptimizerProvider with
            dev.latent.optimizers.SgdProvider,
            dev.latent.optimizers.AdagradProvider,
            dev.latent.optimizers.RmspropProvider,
            dev.latent.optimizers.AdamProvider,
            dev.latent.optimizers.AdamWProvider,
            dev.latent.optimizers.LbfgsProvider;
}
