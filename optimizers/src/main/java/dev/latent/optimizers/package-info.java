/**
 * Optimizers as composable gradient transformations, after optax.
 *
 * <p>Each transformation is an {@link dev.latent.api.optim.Optimizer}: {@code init} allocates
 * its named state tensors once, and {@code update} rewrites every parameter's gradient in place
 * into the update, allocating nothing; the trainer then adds the update to the value. Named
 * optimizers are {@link dev.latent.optimizers.Chain}s of them:
 *
 * <pre>
 * sgd  = chain(momentum(mu, nesterov) if mu &gt; 0, scale_by_learning_rate(lr))
 * adam = chain(scale_by_adam(b1, b2, eps), scale_by_learning_rate(lr))
 * </pre>
 *
 * Transformations hold only their hyper-parameters and the engine; all mutable numbers live in
 * the {@link dev.latent.api.optim.OptimizerState}, so a checkpoint that saves
 * {@code state.flatten()} saves the optimizer. None is thread-safe (nor is the engine).
 */
package dev.latent.optimizers;
