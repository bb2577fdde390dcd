package dev.latent.examples.plugin;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;

/**
 * Settings of the {@code csv-metrics} listener.
 *
 * @param file the CSV file's name inside the run folder
 */
public record CsvMetricsConfig(
        @Setting(value = "file name inside the run folder", defaultValue = "metrics.csv") String file) {

    public CsvMetricsConfig {
        Checks.of().notBlank("file", file)
                .that(file == null || !file.contains("/") && !file.contains("\\"), "file",
                        "must be a plain file name, found '" + file + "'")
                .done();
    }
}
