package dev.latent.models.ae;

import dev.latent.api.config.ConfigException;
import dev.latent.api.engine.Activation;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.model.Model;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.ModelProvider;
import dev.latent.models.layer.ActivationLayer;
import dev.latent.models.layer.Layer;
import dev.latent.models.layer.Linear;
import dev.latent.models.layer.Sequential;
import java.util.ArrayList;
import java.util.List;

/** Provides the dense autoencoder as {@code ae}. */
public final class AutoencoderProvider implements ModelProvider<AutoencoderConfig> {

    @Override
    public String name() {
        return "ae";
    }

    @Override
    public String description() {
        return "dense autoencoder with a mirrored decoder (Hinton and Salakhutdinov 2006)";
    }

    @Override
    public Class<AutoencoderConfig> configType() {
        return AutoencoderConfig.class;
    }

    @Override
    public Model create(AutoencoderConfig config, ModelContext context) {
        Networks n = networks(config.hidden(), config.code(), config.activation(),
                config.codeActivation(), config.outputActivation(), context);
        return new Autoencoder(context.engine(), context.dtype(), n.encoder(), n.decoder(), context.loss(),
                context.inputSize(), null, config.weightDecay());
    }

    /**
     * The dense encoder input -> hidden... -> code and its mirrored decoder, checking the output
     * activation against the loss; shared with the sparse and the contractive autoencoders.
     */
    static Networks networks(List<Integer> hiddenSizes, int code, String activation, String codeActivation,
                            String outputActivation, ModelContext context) {
        Activation output = outputActivation(outputActivation, context);
        List<Integer> sizes = new ArrayList<>();
        sizes.add(context.inputSize());
        sizes.addAll(hiddenSizes);
        sizes.add(code);
        RandomStream random = context.engine().random(context.seed());
        Activation hidden = Activation.byId(activation);
        Layer encoder = dense("encoder", sizes, hidden, Activation.byId(codeActivation), context, random);
        List<Integer> mirrored = new ArrayList<>(sizes);
        java.util.Collections.reverse(mirrored);
        Layer decoder = dense("decoder", mirrored, hidden, output, context, random);
        return new Networks(encoder, decoder);
    }

    /**
     * The output activation named {@code id}, checked against the loss: a loss that applies an
     * activation itself (bce takes logits) needs identity; shared with the conv autoencoder.
     */
    public static Activation outputActivation(String id, ModelContext context) {
        Activation output = Activation.byId(id);
        Activation lossOutput = context.loss().outputActivation();
        if (lossOutput != Activation.IDENTITY && output != Activation.IDENTITY) {
            throw new ConfigException("outputActivation", "must be identity with loss '" + context.loss().name()
                    + "', which applies " + lossOutput.id() + " itself; found " + output.id());
        }
        return output;
    }

    /** An encoder and its decoder. */
    record Networks(Layer encoder, Layer decoder) {
    }

    /** Linear layers through {@code sizes}, {@code hidden} after each but the last, {@code last} after it. */
    public static Layer dense(String name, List<Integer> sizes, Activation hidden, Activation last,
                               ModelContext context, RandomStream random) {
        Engine engine = context.engine();
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.size(); i++) {
            int out = sizes.get(i + 1);
            layers.add(new Linear(name + "." + layers.size(), sizes.get(i), out, engine, context.dtype(), random));
            Activation f = i + 2 < sizes.size() ? hidden : last;
            if (f != Activation.IDENTITY) {
                layers.add(new ActivationLayer(f, engine, context.dtype(), out));
            }
        }
        return new Sequential(layers);
    }
}
