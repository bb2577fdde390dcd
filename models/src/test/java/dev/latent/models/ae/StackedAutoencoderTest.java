package dev.latent.models.ae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.LayerwisePretraining.PretrainingStage;
import dev.latent.api.model.Model;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.Parameter;
import dev.latent.models.GradientCheck;
import dev.latent.models.TestEngine;
import dev.latent.models.loss.MeanSquaredError;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackedAutoencoderTest {

    private static final DType F64 = DType.FLOAT64;
    private final Engine engine = TestEngine.cpu();

    private StackedAutoencoder model(int pretrainEpochs) {
        var context = new ModelContext(engine, F64, new int[] {6}, new MeanSquaredError(engine), 4);
        return (StackedAutoencoder) new StackedAutoencoderProvider().create(
                new StackedAutoencoderConfig(List.of(5, 4), 3, "tanh", "identity", "sigmoid", pretrainEpochs, 0), context);
    }

    private Tensor batch(int rows, int columns, long seed) {
        Tensor x = engine.zeros(F64, rows, columns);
        engine.random(seed).fillUniform(x, 0, 1);
        return x;
    }

    private static List<String> names(Model m) {
        return m.parameters().stream().map(Parameter::name).toList();
    }

    @Test
    void hasTheDenseAutoencodersParametersAndOneStagePerBlock() {
        try (StackedAutoencoder stacked = model(2)) {
            assertEquals(List.of("encoder.0.weight", "encoder.0.bias", "encoder.2.weight", "encoder.2.bias",
                    "encoder.4.weight", "encoder.4.bias", "decoder.0.weight", "decoder.0.bias", "decoder.2.weight",
                    "decoder.2.bias", "decoder.4.weight", "decoder.4.bias"), names(stacked));
            List<PretrainingStage> stages = stacked.pretrainingStages();
            assertEquals(List.of("block.1", "block.2", "block.3"), stages.stream().map(PretrainingStage::name).toList());
            assertEquals(List.of("encoder.2.weight", "encoder.2.bias", "pretrain.1.decoder.0.weight",
                    "pretrain.1.decoder.0.bias"), names(stages.get(1).model()));
            stages.forEach(s -> assertEquals(2, s.epochs()));
        }
        try (StackedAutoencoder none = model(0)) {
            assertEquals(List.of(), none.pretrainingStages());
        }
    }

    @Test
    void aStageTrainsItsBlockOnTheFrozenCodesBelowIt() {
        try (StackedAutoencoder stacked = model(1)) {
            Tensor x = batch(4, 6, 1);
            Model second = stacked.pretrainingStages().get(1).model();
            Tensor frozenGradient = stacked.parameters().get(0).gradient();
            engine.fill(frozenGradient, 0);
            second.trainStep(x, x);
            assertEquals(0, engine.dot(frozenGradient, frozenGradient), "no gradient reaches the frozen block");
            for (Parameter p : second.parameters()) {
                GradientCheck.assertGradient(p.name(), engine, p.value(), p.gradient().toDoubleArray(),
                        () -> second.evaluate(x, x).total(), 20);
            }
            // the reconstruction target is block 1's code of the batch: 5 values per sample
            assertEquals(5, second.reconstruct(x).columns());
        }
    }

    @Test
    void fineTuningGradientsOfTheWholeStackMatchFiniteDifferences() {
        try (StackedAutoencoder stacked = model(1)) {
            Tensor x = batch(4, 6, 2);
            stacked.trainStep(x, x);
            for (Parameter p : stacked.parameters()) {
                GradientCheck.assertGradient(p.name(), engine, p.value(), p.gradient().toDoubleArray(),
                        () -> stacked.evaluate(x, x).total(), 20);
            }
        }
    }
}
