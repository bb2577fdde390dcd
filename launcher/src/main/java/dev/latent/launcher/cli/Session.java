package dev.latent.launcher.cli;

import dev.latent.launcher.UserError;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.config.ManifestLoader;
import dev.latent.launcher.plugin.LatentHome;
import dev.latent.launcher.plugin.PluginCatalog;
import dev.latent.launcher.wiring.LatentModule;
import java.nio.file.Files;
import java.nio.file.Path;

/** What every command starts from: the home, its plugins, a manifest and the Guice injector. */
final class Session {

    final LatentHome home;
    final PluginCatalog catalog;

    Session() {
        this.home = LatentHome.detect();
        this.catalog = PluginCatalog.discover(home);
        catalog.conflicts().forEach(c -> System.err.println("warning: " + c));
    }

    /** The manifest at {@code given}, or the shipped profile {@code profile} when none is given. */
    Path manifestPath(Path given, String profile) {
        Path p = given != null ? given : home.profiles().resolve(profile);
        if (!Files.isRegularFile(p)) {
            throw new UserError("no manifest at " + p.toAbsolutePath() + (given == null
                    ? " (the shipped profiles are missing: run ./latent from the repository, or set -Dlatent.home)" : ""));
        }
        return p;
    }

    Manifest load(Path manifest) {
        return new ManifestLoader(catalog).load(manifest);
    }

    Injector injector(Manifest manifest) {
        return Guice.createInjector(new LatentModule(manifest, catalog));
    }
}
