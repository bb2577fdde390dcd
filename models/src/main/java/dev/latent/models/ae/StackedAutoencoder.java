package dev.latent.models.ae;

import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Encoder;
import dev.latent.api.model.LayerwisePretraining;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.Model;
import dev.latent.api.model.Parameter;
import java.util.List;
import java.util.Map;

/**
 * A stacked autoencoder: an {@link Autoencoder} whose encoder is a stack of blocks that are
 * first pretrained greedily, one after another, each as a one-layer autoencoder on the codes of
 * the blocks below ({@link PretrainingBlock}); the trainer then fine-tunes the whole stack end to
 * end with a new decoder (see {@link LayerwisePretraining}). Every {@link Model} method is the
 * whole autoencoder's.
 */
public final class StackedAutoencoder implements Model, LayerwisePretraining, Encoder {

    private final Autoencoder whole;
    private final List<PretrainingStage> stages;

    StackedAutoencoder(Autoencoder whole, List<PretrainingStage> stages) {
        this.whole = whole;
        this.stages = List.copyOf(stages);
    }

    @Override
    public List<PretrainingStage> pretrainingStages() {
        return stages;
    }

    @Override
    public int codeSize() {
        return whole.codeSize();
    }

    /** The codes of a batch in evaluation mode. */
    @Override
    public Tensor encode(Tensor input) {
        return whole.encode(input);
    }

    @Override
    public List<Parameter> parameters() {
        return whole.parameters();
    }

    @Override
    public Map<String, Tensor> buffers() {
        return whole.buffers();
    }

    @Override
    public LossReport trainStep(Tensor input, Tensor target) {
        return whole.trainStep(input, target);
    }

    @Override
    public LossReport evaluate(Tensor input, Tensor target) {
        return whole.evaluate(input, target);
    }

    @Override
    public Tensor reconstruct(Tensor input) {
        return whole.reconstruct(input);
    }

    @Override
    public void accumulateCurvature(Tensor input, Tensor target) {
        whole.accumulateCurvature(input, target);
    }

    @Override
    public void close() {
        stages.forEach(s -> s.model().close());
        whole.close();
    }
}
