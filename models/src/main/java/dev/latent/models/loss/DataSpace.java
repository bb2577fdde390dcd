package dev.latent.models.loss;

import dev.latent.api.engine.Activation;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Loss;
import dev.latent.models.layer.BatchBuffer;

/**
 * Maps a model's raw output into data space with its loss's {@link Loss#outputActivation()}
 * (sigmoid for a loss on logits, nothing for mse), into a buffer allocated once per batch size.
 */
public final class DataSpace implements AutoCloseable {

    private final Engine engine;
    private final Activation activation;
    private final BatchBuffer buffer;

    public DataSpace(Engine engine, DType dtype, Loss loss, int size) {
        this.engine = engine;
        this.activation = loss.outputActivation();
        this.buffer = new BatchBuffer(engine, dtype, size);
    }

    /** The output in data space: the output itself, or a buffer valid until the next call. */
    public Tensor of(Tensor output) {
        if (activation == Activation.IDENTITY) {
            return output;
        }
        Tensor r = buffer.get(output.rows());
        engine.activate(activation, output, r);
        return r;
    }

    @Override
    public void close() {
        buffer.close();
    }
}
