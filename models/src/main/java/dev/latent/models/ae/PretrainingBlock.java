package dev.latent.models.ae;

import dev.latent.api.engine.Tensor;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.Model;
import dev.latent.api.model.Parameter;
import dev.latent.models.layer.Layer;
import java.util.List;

/**
 * One greedy pretraining stage of a {@link StackedAutoencoder}: block i as a one-layer
 * autoencoder (its encoder, which the stack keeps, and a throw-away decoder) trained to
 * reconstruct the codes that the frozen blocks below it give, in evaluation mode.
 *
 * <p>The first block sees the batches themselves, so with noise it learns to denoise (the
 * target is the clean batch); blocks above it reconstruct the codes of their own input (the
 * codes of the batch as the trainer passes it in), as in the stacked autoencoders of Bengio et
 * al. (2007). Only the block's parameters are trained.
 */
final class PretrainingBlock implements Model {

    private final List<Layer> frozen;
    private final Autoencoder block;

    /**
     * @param frozen the trained blocks below, input side first (empty for the first block)
     * @param block  the block's encoder with its throw-away decoder
     */
    PretrainingBlock(List<Layer> frozen, Autoencoder block) {
        this.frozen = List.copyOf(frozen);
        this.block = block;
    }

    /** The codes of the frozen blocks for a batch, or the batch itself for the first block. */
    private Tensor below(Tensor input) {
        Tensor x = input;
        for (Layer l : frozen) {
            x = l.forward(x, false);
        }
        return x;
    }

    @Override
    public List<Parameter> parameters() {
        return block.parameters();
    }

    @Override
    public LossReport trainStep(Tensor input, Tensor target) {
        Tensor codes = below(input);
        return block.trainStep(codes, targetOf(codes, target));
    }

    @Override
    public LossReport evaluate(Tensor input, Tensor target) {
        Tensor codes = below(input);
        return block.evaluate(codes, targetOf(codes, target));
    }

    @Override
    public Tensor reconstruct(Tensor input) {
        return block.reconstruct(below(input));
    }

    @Override
    public void accumulateCurvature(Tensor input, Tensor target) {
        Tensor codes = below(input);
        block.accumulateCurvature(codes, targetOf(codes, target));
    }

    /** The first block's target is the batch's (the clean one, with noise); the others' their own input codes. */
    private Tensor targetOf(Tensor codes, Tensor target) {
        return frozen.isEmpty() ? target : codes;
    }

    /** Closes the block (its encoder is shared with the stack; closing it twice is harmless). */
    @Override
    public void close() {
        block.close();
    }
}
