package dev.latent.api.model;

import java.util.List;

/**
 * A model that is pretrained in stages before its own end-to-end training, as greedy layer-wise
 * pretraining does (Bengio et al. 2007; Vincent et al. 2010): the trainer runs each stage's
 * model for the stage's epochs, in order, each with a fresh optimizer state over that stage's
 * parameters, and then trains the model itself as usual.
 *
 * <p>A stage's model takes the same batches as the whole model (rows of the dataset) and runs
 * whatever frozen parts it builds on itself, so that the trainer treats every stage alike. Its
 * parameters are a subset of the whole model's, or its own (a block's throw-away decoder); the
 * whole model closes every stage when it closes.
 */
public interface LayerwisePretraining {

    /** The stages, in the order they are trained; empty when pretraining is switched off. */
    List<PretrainingStage> pretrainingStages();

    /**
     * One stage of pretraining.
     *
     * @param name   what metrics and printed lines call it, for example {@code block.1}
     * @param epochs how many passes over the training split it trains for
     * @param model  what it trains: forward, loss and backward on a batch, like any model
     */
    record PretrainingStage(String name, int epochs, Model model) {
    }
}
