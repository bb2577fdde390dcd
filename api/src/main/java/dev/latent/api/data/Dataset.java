package dev.latent.api.data;

/**
 * A dataset with a training split and a test split, loaded into memory when it is created.
 * The test split is never used to choose anything during training.
 *
 * @param name  a name for reports, for example {@code mnist-subset}
 * @param train the training split
 * @param test  the test split
 */
public record Dataset(String name, DataSplit train, DataSplit test) {
}
