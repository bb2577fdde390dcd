package dev.latent.launcher.cli;

import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.config.TrainingConfig;

/** Command-line overrides of manifest values, validated as the manifest's own would be. */
final class Overrides {

    private Overrides() {
    }

    static Manifest epochs(Manifest m, int epochs) {
        TrainingConfig changed = m.training().withEpochs(epochs);
        return new Manifest(m.source(), m.seed(), m.dtype(), m.output(), changed, m.choices());
    }
}
