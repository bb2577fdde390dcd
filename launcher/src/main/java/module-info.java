/**
 * Latent's launcher: reads a manifest, loads the chosen engine in its own class loader and the
 * plugins from the module path (and the plugins folder), wires them with Guice, trains and
 * writes a run folder.
 */
module dev.latent.launcher {
    requires dev.latent.api;
    requires com.google.guice;
    requires jakarta.inject;
    requires xchart;        // an automatic module named after its jar (XChart 4 declares no module name)
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.yaml.snakeyaml;
    requires info.picocli;
    requires me.tongfei.progressbar;
    requires java.desktop;
    requires ejml.core;     // automatic modules (EJML ships no module descriptor)
    requires ejml.ddense;
    requires org.apache.commons.statistics.distribution;
    // JavaCPP, inside the engine's class loader, needs sun.misc.Unsafe from the boot layer
    requires jdk.unsupported;

    opens dev.latent.launcher.cli to info.picocli;
    opens dev.latent.launcher.wiring to com.google.guice;
    opens dev.latent.launcher.bench to com.fasterxml.jackson.databind;

    uses dev.latent.api.engine.EngineProvider;
    uses dev.latent.api.model.ModelProvider;
    uses dev.latent.api.model.LossProvider;
    uses dev.latent.api.optim.OptimizerProvider;
    uses dev.latent.api.noise.NoiseProvider;
    uses dev.latent.api.data.DatasetProvider;
    uses dev.latent.api.run.RunListenerProvider;
}
