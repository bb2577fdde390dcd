package dev.latent.api.engine;

/**
 * A region in which an engine allocates temporaries cheaply (an arena, such as an ND4J
 * workspace), all released at once when the scope closes. Temporaries come from
 * {@link #zeros}; {@link Engine#zeros} still makes long-lived tensors while a scope is open.
 * A temporary must not escape its scope. Scopes nest, and are bound to the thread that opened
 * them.
 */
public interface Scope extends AutoCloseable {

    /** A temporary tensor of zeros, valid until this scope closes. */
    Tensor zeros(DType dtype, int... shape);

    @Override
    void close();
}
