package dev.latent.api.engine;

/**
 * Element-wise activation functions that every engine implements, with their first derivative
 * (for backpropagation) and its square (for the Gauss-Newton diagonal-Hessian backward of
 * Becker and LeCun 1989).
 */
public enum Activation {
    /** f(x) = x. */
    IDENTITY("identity"),
    /** f(x) = max(0, x); f'(0) is taken as 0. */
    RELU("relu"),
    /** f(x) = 1 / (1 + exp(-x)). */
    SIGMOID("sigmoid"),
    /** f(x) = tanh(x). */
    TANH("tanh"),
    /** f(x) = log(1 + exp(x)), computed stably for large |x|; f'(x) = sigmoid(x). */
    SOFTPLUS("softplus");

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    /** The name used in manifests, for example {@code relu}. */
    public String id() {
        return id;
    }

    /** Finds an activation by its manifest name, or returns null. */
    public static Activation byId(String id) {
        for (Activation a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        return null;
    }
}
