package dev.latent.models.classifier;

import dev.latent.api.engine.Activation;
import dev.latent.api.model.Model;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.ModelProvider;
import dev.latent.models.ae.AutoencoderProvider;
import java.util.ArrayList;
import java.util.List;

/** Provides {@link Classifier} as {@code classifier}: Linear layers with an activation between, logits out. */
public final class ClassifierProvider implements ModelProvider<ClassifierConfig> {

    @Override
    public String name() {
        return "classifier";
    }

    @Override
    public String description() {
        return "feed-forward classifier (a head on codes or pixels; no hidden layer: a linear probe),"
                + " trained on one-hot labels";
    }

    @Override
    public Class<ClassifierConfig> configType() {
        return ClassifierConfig.class;
    }

    @Override
    public Model create(ClassifierConfig config, ModelContext context) {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(context.inputSize());
        sizes.addAll(config.hidden());
        sizes.add(config.classes());
        var network = AutoencoderProvider.dense("head", sizes, Activation.byId(config.activation()), Activation.IDENTITY,
                context, context.engine().random(context.seed()));
        return new Classifier(context.engine(), context.dtype(), network, context.loss(), context.inputSize(),
                config.classes());
    }
}
