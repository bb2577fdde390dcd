package dev.latent.api.model;

import java.util.Map;

/**
 * The loss of one batch: the total that was minimised and each named term of it (for example
 * {@code reconstruction} and {@code kl}), reported separately in metrics.
 *
 * @param total the value minimised, the weighted sum of the terms
 * @param terms each term's value, in a stable order; a single-term loss has one entry
 */
public record LossReport(double total, Map<String, Double> terms) {

    public LossReport {
        terms = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(terms));
    }

    /** A loss with one term named after the loss. */
    public static LossReport single(String name, double value) {
        return new LossReport(value, Map.of(name, value));
    }
}
