package dev.latent.api.model;

import dev.latent.api.engine.Tensor;

/**
 * Implemented by an {@link Encoder} whose codes are also defined as the solution of an
 * optimisation, as predictive sparse decomposition's (Kavukcuoglu, Ranzato and LeCun 2008): the
 * sparse codes z* = argmin_z ||y - D z||^2 + lambda ||z||_1 that its fast encoder's codes z~ are
 * trained to predict. {@code latent bench-psd} compares the two: their time and
 * ||z~ - z*|| / ||z*||.
 */
public interface SparseCoder extends Encoder {

    /**
     * The optimal codes z* of a batch {@code [batch, sampleSize]} as rows {@code [batch, codeSize]}
     * (the layout of {@link #encode}), owned by the model until its next call; touches no
     * gradient.
     *
     * @param warmStart start the solver from the encoder's prediction instead of from zero
     */
    Tensor sparseCodes(Tensor input, boolean warmStart);

    /** {@return the solver's iterations in the last {@link #sparseCodes} call, or of training's last solve} */
    int lastIterations();
}
