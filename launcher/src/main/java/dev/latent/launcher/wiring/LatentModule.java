package dev.latent.launcher.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import dev.latent.api.config.ConfigException;
import dev.latent.api.data.Dataset;
import dev.latent.api.data.DatasetContext;
import dev.latent.api.data.DatasetProvider;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.EngineProvider;
import dev.latent.api.model.Loss;
import dev.latent.api.model.LossProvider;
import dev.latent.api.model.Model;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.ModelProvider;
import dev.latent.api.noise.Noise;
import dev.latent.api.noise.NoiseProvider;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerContext;
import dev.latent.api.optim.OptimizerProvider;
import dev.latent.api.run.RunContext;
import dev.latent.api.run.RunListenerProvider;
import dev.latent.launcher.UserError;
import dev.latent.launcher.config.Choice;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.config.ManifestException;
import dev.latent.launcher.plugin.PluginCatalog;
import dev.latent.launcher.train.RunListenerFactory;
import dev.latent.launcher.train.RunListeners;
import dev.latent.launcher.train.ValidationSplit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wires a run from a resolved manifest: every discovered provider is bound by name in a
 * {@link MapBinder} per SPI, and the {@code @Provides} methods create only the plugins the
 * manifest chose, each once. Plugins know nothing of Guice; this module is the only place that
 * does.
 */
public final class LatentModule extends AbstractModule {

    private final Manifest manifest;
    private final PluginCatalog catalog;

    public LatentModule(Manifest manifest, PluginCatalog catalog) {
        this.manifest = manifest;
        this.catalog = catalog;
    }

    @Override
    protected void configure() {
        bind(Manifest.class).toInstance(manifest);
        bindSection("engine", EngineProvider.class);
        bindSection("dataset", DatasetProvider.class);
        bindSection("model", ModelProvider.class);
        bindSection("loss", LossProvider.class);
        bindSection("optimizer", OptimizerProvider.class);
        bindSection("noise", NoiseProvider.class);
        bindSection("listener", RunListenerProvider.class);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private void bindSection(String section, Class spi) {
        MapBinder binder = MapBinder.newMapBinder(binder(), String.class, spi);
        catalog.section(section).forEach((name, entry) -> binder.addBinding(name).toInstance(entry.provider()));
    }

    @Provides
    @Singleton
    @SuppressWarnings("rawtypes")
    Engine engine(Map<String, EngineProvider> providers) {
        Choice c = manifest.choice("engine");
        return create(c, () -> {
            try {
                return PluginFactory.engine(providers.get(c.name()), c.config());
            } catch (IllegalStateException e) {
                // the EngineProvider contract: an engine that cannot start here says why this way
                throw new UserError("engine '" + c.name() + "' cannot start: " + e.getMessage(), e);
            }
        });
    }

    @Provides
    @Singleton
    @SuppressWarnings("rawtypes")
    Dataset dataset(Map<String, DatasetProvider> providers) {
        Choice c = manifest.choice("dataset");
        Path base = manifest.source().toAbsolutePath().getParent();
        return create(c, () -> PluginFactory.dataset(providers.get(c.name()), c.config(),
                new DatasetContext(base, manifest.seed())));
    }

    @Provides
    @Singleton
    @SuppressWarnings("rawtypes")
    Loss loss(Map<String, LossProvider> providers, Engine engine) {
        Choice c = manifest.choice("loss");
        return create(c, () -> PluginFactory.loss(providers.get(c.name()), c.config(), engine));
    }

    @Provides
    @Singleton
    @SuppressWarnings("rawtypes")
    Model model(Map<String, ModelProvider> providers, Engine engine, Loss loss, Dataset dataset) {
        Choice c = manifest.choice("model");
        ModelContext context = new ModelContext(engine, manifest.dtype(), dataset.train().sampleShape(), loss, manifest.seed());
        return create(c, () -> PluginFactory.model(providers.get(c.name()), c.config(), context));
    }

    @Provides
    @Singleton
    @SuppressWarnings("rawtypes")
    Optimizer optimizer(Map<String, OptimizerProvider> providers, Engine engine, ValidationSplit split) {
        Choice c = manifest.choice("optimizer");
        // the steps of the samples trained on, after the validation split is set aside
        OptimizerContext context = new OptimizerContext(engine, manifest.training().totalSteps(split.train().count()));
        return create(c, () -> PluginFactory.optimizer(providers.get(c.name()), c.config(), context));
    }

    /** The training split divided into the samples trained on and the validation split, once. */
    @Provides
    @Singleton
    ValidationSplit validationSplit(Dataset dataset) {
        try {
            return ValidationSplit.of(dataset.train(), manifest.training().validationFraction(), manifest.seed());
        } catch (ConfigException e) {
            throw new ManifestException(manifest.source(), e.under("training").problems());
        }
    }

    @Provides
    @Singleton
    @SuppressWarnings("rawtypes")
    Optional<Noise> noise(Map<String, NoiseProvider> providers, Engine engine) {
        Choice c = manifest.choices().get("noise");
        if (c == null) {
            return Optional.empty();
        }
        return Optional.of(create(c, () -> PluginFactory.noise(providers.get(c.name()), c.config(), engine)));
    }

    /**
     * Opens the listeners the manifest chose for a run folder (they are created only once the
     * folder exists); a listener's configuration complaint is reported under its list entry.
     */
    @Provides
    @SuppressWarnings("rawtypes")
    RunListenerFactory listeners(Map<String, RunListenerProvider> providers) {
        return runFolder -> {
            List<RunListeners.Named> opened = new ArrayList<>();
            for (int i = 0; i < manifest.listeners().size(); i++) {
                Choice c = manifest.listeners().get(i);
                try {
                    opened.add(new RunListeners.Named(c.name(),
                            PluginFactory.listener(providers.get(c.name()), c.config(), new RunContext(runFolder))));
                } catch (ConfigException e) {
                    throw new ManifestException(manifest.source(), e.under("listeners[" + i + "]").problems());
                }
            }
            return new RunListeners(opened);
        };
    }

    /** Runs a factory, reporting a plugin's configuration complaint under its manifest section. */
    private <T> T create(Choice c, java.util.function.Supplier<T> factory) {
        try {
            return factory.get();
        } catch (ConfigException e) {
            throw new ManifestException(manifest.source(), e.under(c.section()).problems());
        }
    }
}
