package dev.latent.optimizers;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;

/**
 * The {@code curvature} section of an optimizer's settings: per-parameter learning rates from a
 * diagonal-Hessian estimate, the second-order step of Torch's predictive sparse decomposition
 * tutorial (after Becker and LeCun 1989; LeCun, Bottou, Orr and Müller 1998, "Efficient
 * BackProp", section 9.1). Off by default ({@code every: 0}). For example:
 *
 * <pre>
 * optimizer:
 *   name: sgd
 *   learningRate: 0.002
 *   curvature: {every: 10000, samples: 500, min: 0.02, max: 500}
 * </pre>
 *
 * The trainer estimates the Gauss-Newton diagonal h over {@code samples} training samples before
 * the first update and again every {@code every} training samples; each update is then scaled
 * by {@code 1 / clamp(h, min, max)} per parameter ({@link ScaleByParameterRates#fromCurvature}),
 * before the learning rate. The defaults of samples, min and max are the tutorial's
 * ({@code demo_psd.lua}: {@code hessiansamples 500}, {@code minhessian 0.02},
 * {@code maxhessian 500}; its {@code hessianinterval} is 10000).
 *
 * @param every   the training samples between two estimates; 0 turns the section off
 * @param samples the training samples each estimate averages over, &gt;= 1
 * @param min     the smallest curvature used, &gt; 0; the largest rate multiplier is 1 / min
 * @param max     the largest curvature used, &gt;= min; the smallest rate multiplier is 1 / max
 */
public record CurvatureConfig(
        @Setting(value = "training samples between two diagonal-Hessian estimates; 0 = off", defaultValue = "0")
        long every,
        @Setting(value = "training samples each estimate averages over, >= 1", defaultValue = "500") int samples,
        @Setting(value = "the smallest curvature used (rate at most lr / min), > 0", defaultValue = "0.02") double min,
        @Setting(value = "the largest curvature used (rate at least lr / max), >= min", defaultValue = "500")
        double max) {

    private static final int OFF_SAMPLES = 500;
    private static final double OFF_MIN = 0.02;
    private static final double OFF_MAX = 500;

    /** The section left out: no curvature estimates, the tutorial's values for the rest. */
    public static final CurvatureConfig OFF = new CurvatureConfig(0, OFF_SAMPLES, OFF_MIN, OFF_MAX);

    /** Checks every key, and that samples, min and max are not set while the section is off. */
    public CurvatureConfig {
        Checks.of()
                .atLeast("every", every, 0)
                .atLeast("samples", samples, 1)
                .positive("min", min)
                .that(!(min > 0) || max >= min, "max", "must be >= min (" + Checks.format(min) + "), found "
                        + Checks.format(max))
                .that(every != 0 || samples == OFF_SAMPLES && min == OFF_MIN && max == OFF_MAX, "every",
                        "is 0 (off), but samples, min or max is set; set every > 0 (the training samples between"
                                + " two estimates), or leave the curvature section out")
                .done();
    }

    /** The tutorial's settings with estimates every {@code every} samples. */
    public static CurvatureConfig every(long every) {
        return new CurvatureConfig(every, OFF_SAMPLES, OFF_MIN, OFF_MAX);
    }

    /** {@return whether per-parameter rates from the curvature are on} */
    public boolean enabled() {
        return every > 0;
    }
}
