package dev.latent.examples.plugin.internal;

import dev.latent.api.run.RunContext;
import dev.latent.api.run.RunListener;
import dev.latent.api.run.RunListenerProvider;
import dev.latent.examples.plugin.CsvMetricsConfig;

/** Provides the {@code csv-metrics} run listener. */
public final class CsvMetricsProvider implements RunListenerProvider<CsvMetricsConfig> {

    /** Called by {@link java.util.ServiceLoader}; does no work. */
    public CsvMetricsProvider() {
    }

    @Override
    public String name() {
        return "csv-metrics";
    }

    @Override
    public String description() {
        return "writes one CSV row of losses per epoch into the run folder (example plugin)";
    }

    @Override
    public Class<CsvMetricsConfig> configType() {
        return CsvMetricsConfig.class;
    }

    @Override
    public RunListener create(CsvMetricsConfig config, RunContext context) {
        return new CsvMetricsListener(context.runFolder().resolve(config.file()));
    }
}
