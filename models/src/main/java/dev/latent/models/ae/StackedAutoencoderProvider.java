package dev.latent.models.ae;

import dev.latent.api.engine.Activation;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.model.LayerwisePretraining.PretrainingStage;
import dev.latent.api.model.Loss;
import dev.latent.api.model.Model;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.ModelProvider;
import dev.latent.models.layer.ActivationLayer;
import dev.latent.models.layer.Layer;
import dev.latent.models.layer.Linear;
import dev.latent.models.layer.Sequential;
import dev.latent.models.loss.MeanSquaredError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Provides the stacked autoencoder as {@code stacked-ae} (greedy layer-wise pretraining, Bengio
 * et al. 2007, as in the Torch tutorial of the source material): block i is Linear(size i ->
 * size i+1) and its activation, named as in {@code ae} ({@code encoder.0}, {@code encoder.2},
 * ...), so the stack has the dense autoencoder's parameter names and shapes. Block i's
 * throw-away decoder {@code pretrain.i} is one Linear back to size i: with the output
 * activation and the manifest's loss for the first block, identity and mse for the blocks above
 * (their targets are codes, not data). The fine-tuning decoder {@code decoder.j} mirrors the
 * whole encoder, as {@code ae}'s does.
 */
public final class StackedAutoencoderProvider implements ModelProvider<StackedAutoencoderConfig> {

    @Override
    public String name() {
        return "stacked-ae";
    }

    @Override
    public String description() {
        return "stacked autoencoder, greedy layer-wise pretraining then end-to-end fine-tuning (Bengio et al. 2007)";
    }

    @Override
    public Class<StackedAutoencoderConfig> configType() {
        return StackedAutoencoderConfig.class;
    }

    @Override
    public Model create(StackedAutoencoderConfig config, ModelContext context) {
        Activation output = AutoencoderProvider.outputActivation(config.outputActivation(), context);
        Activation hidden = Activation.byId(config.activation());
        Engine engine = context.engine();
        RandomStream random = engine.random(context.seed());
        List<Integer> sizes = new ArrayList<>();
        sizes.add(context.inputSize());
        sizes.addAll(config.hidden());
        sizes.add(config.code());

        List<Layer> blocks = new ArrayList<>();
        List<PretrainingStage> stages = new ArrayList<>();
        int index = 0;
        for (int i = 0; i + 1 < sizes.size(); i++) {
            boolean last = i + 2 == sizes.size();
            List<Layer> block = new ArrayList<>();
            block.add(new Linear("encoder." + index++, sizes.get(i), sizes.get(i + 1), engine, context.dtype(), random));
            Activation f = last ? Activation.byId(config.codeActivation()) : hidden;
            if (f != Activation.IDENTITY) {
                block.add(new ActivationLayer(f, engine, context.dtype(), sizes.get(i + 1)));
                index++;
            }
            Layer encoder = new Sequential(block);
            if (config.pretrainEpochs() > 0) {
                stages.add(stage(i, List.copyOf(blocks), encoder, sizes, output, config.pretrainEpochs(), context, random));
            }
            blocks.add(encoder);
        }
        List<Integer> mirrored = new ArrayList<>(sizes);
        Collections.reverse(mirrored);
        Layer decoder = AutoencoderProvider.dense("decoder", mirrored, hidden, output, context, random);
        Autoencoder whole = new Autoencoder(engine, context.dtype(), new Sequential(blocks), decoder, context.loss(),
                context.inputSize(), null, config.weightDecay());
        return new StackedAutoencoder(whole, stages);
    }

    /** Block i's pretraining stage: its encoder and a throw-away decoder back to size i. */
    private static PretrainingStage stage(int i, List<Layer> frozen, Layer encoder, List<Integer> sizes,
                                          Activation output, int epochs, ModelContext context, RandomStream random) {
        Engine engine = context.engine();
        boolean first = i == 0;
        Activation f = first ? output : Activation.IDENTITY;
        Loss loss = first ? context.loss() : new MeanSquaredError(engine);
        Layer decoder = AutoencoderProvider.dense("pretrain." + i + ".decoder", List.of(sizes.get(i + 1), sizes.get(i)),
                f, f, context, random);
        Autoencoder block = new Autoencoder(engine, context.dtype(), encoder, decoder, loss, sizes.get(i));
        return new PretrainingStage("block." + (i + 1), epochs, new PretrainingBlock(frozen, block));
    }
}
