/**
 * Optimizers as composable gradient transformations, after optax.
 *
 * <p>Each transformation is an {@link dev.latent.api.optim.Optimizer}: {@code init} allocates
 * its named state tensors once, and {@code update} rewrites every parameter's gradient in place
 * into the update, allocating nothing; the trainer then adds the update to the value.
 *
 * <ul>
 *   <li>clipping: {@link dev.latent.optimizers.ClipByValue},
 *       {@link dev.latent.optimizers.ClipByGlobalNorm};</li>
 *   <li>weight decay: {@link dev.latent.optimizers.AddDecayedWeights} (L2 before the scaling,
 *       decoupled after it);</li>
 *   <li>rescaling: {@link dev.latent.optimizers.ScaleByAdagrad},
 *       {@link dev.latent.optimizers.ScaleByRmsprop}, {@link dev.latent.optimizers.ScaleByAdam},
 *       {@link dev.latent.optimizers.ScaleByParameterRates} (fixed rates, or
 *       1 / clamp(h, min, max) from the diagonal-Hessian estimate);</li>
 *   <li>momentum: {@link dev.latent.optimizers.Momentum} (heavy ball or Nesterov);</li>
 *   <li>the step size: {@link dev.latent.optimizers.ScaleByLearningRate} (constant) and
 *       {@link dev.latent.optimizers.ScaleBySchedule} with a
 *       {@link dev.latent.optimizers.Schedule}: {@link dev.latent.optimizers.ConstantSchedule},
 *       {@link dev.latent.optimizers.InverseTimeDecay}, {@link dev.latent.optimizers.StepDecay},
 *       {@link dev.latent.optimizers.ExponentialDecay},
 *       {@link dev.latent.optimizers.WarmupCosineDecay}, configured by
 *       {@link dev.latent.optimizers.ScheduleConfig} and built by
 *       {@link dev.latent.optimizers.Schedules};</li>
 *   <li>{@link dev.latent.optimizers.Chain}, which applies links in order.</li>
 * </ul>
 *
 * The named optimizers are chains in one order (links whose setting is 0 are left out):
 *
 * <pre>
 * clip -&gt; (L2 decay) -&gt; scale_by_X -&gt; (momentum) -&gt; (decoupled decay)
 *      -&gt; scale_by_learning_rate | scale_by_schedule
 *
 * sgd     = chain(clip, l2, momentum(mu, nesterov), lr)
 * adagrad = chain(clip, l2, scale_by_adagrad(eps, G0), lr)
 * rmsprop = chain(clip, l2, scale_by_rmsprop(rho, eps), momentum(mu), lr)
 * adam    = chain(clip, l2, scale_by_adam(b1, b2, eps), lr)
 * adamw   = chain(clip, scale_by_adam(b1, b2, eps), add_decayed_weights(wd), lr)
 * </pre>
 *
 * {@code lbfgs} ({@link dev.latent.optimizers.Lbfgs}) is not a chain but a
 * {@link dev.latent.api.optim.LineSearchOptimizer}, which evaluates the loss at trial points.
 *
 * <p>Transformations hold only their hyper-parameters and the engine; all mutable numbers live in
 * the {@link dev.latent.api.optim.OptimizerState}, so a checkpoint that saves
 * {@code state.flatten()} saves the optimizer. State names depend on which links a config turns
 * on (a chain names its children by position). None is thread-safe (nor is the engine).
 */
package dev.latent.optimizers;
