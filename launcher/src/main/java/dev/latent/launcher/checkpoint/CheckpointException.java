package dev.latent.launcher.checkpoint;

import dev.latent.launcher.UserError;

/**
 * A checkpoint that cannot be used: truncated, damaged (its checksum does not match), not a
 * safetensors file, or not a checkpoint of this run's model. The message names the file, the byte
 * offset or tensor, and what was expected.
 */
public final class CheckpointException extends UserError {

    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
