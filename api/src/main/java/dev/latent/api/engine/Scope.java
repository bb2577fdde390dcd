package dev.latent.api.engine;

/**
 * A region in which an engine may allocate temporaries cheaply (an arena, such as an ND4J
 * workspace), all released at once when the scope closes. Tensors created inside a scope must
 * not escape it. Scopes nest, and are bound to the thread that opened them.
 */
public interface Scope extends AutoCloseable {
    @Override
    void close();
}
