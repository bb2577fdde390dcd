package dev.latent.launcher.cli;

import dev.latent.api.config.ConfigProblem;
import dev.latent.launcher.UserError;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import dev.latent.api.engine.Engine;
import dev.latent.launcher.checkpoint.SavedTensors;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.config.ManifestLoader;
import dev.latent.launcher.config.ManifestTree;
import dev.latent.launcher.output.RunFolder;
import dev.latent.launcher.plugin.LatentHome;
import dev.latent.launcher.plugin.PluginCatalog;
import dev.latent.launcher.run.TrainedRun;
import dev.latent.launcher.wiring.LatentModule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What every command starts from: the home, the manifest's tree (after {@code extends} and
 * {@code --set}), the plugins of every plugin folder (the home's, the manifest's, the command
 * line's), the resolved manifest and the Guice injector. Broken plugin jars and name clashes
 * are printed as warnings on standard error.
 */
final class Session {

    final LatentHome home;
    final PluginCatalog catalog;
    final ManifestTree tree;
    final Manifest manifest;

    private Session(LatentHome home, PluginCatalog catalog, ManifestTree tree, Manifest manifest) {
        this.home = home;
        this.catalog = catalog;
        this.tree = tree;
        this.manifest = manifest;
    }

    /** The plugins only, for {@code latent plugins}. */
    static Session plugins(PluginFolderOptions folders) {
        LatentHome home = LatentHome.detect();
        PluginCatalog catalog = PluginCatalog.discover(home, folders.absolute());
        warn(catalog, System.err);
        return new Session(home, catalog, null, null);
    }

    /**
     * Loads the manifest at {@code given} (or the shipped {@code profile}) with the command
     * line's options; {@code moreSets} (such as {@code --epochs}) apply after {@code --set}.
     */
    static Session manifest(Path given, String profile, ManifestOptions options, PluginFolderOptions folders,
                            List<String> moreSets) {
        LatentHome home = LatentHome.detect();
        Path file = manifestPath(home, given, profile);
        return load(home, ManifestTree.read(file, home.profiles(), sets(options, moreSets)), options, folders);
    }

    /**
     * Loads the resolved manifest a run folder saved ({@code runManifest}) for a resumed run, with
     * the command line's options; relative paths in it (a dataset's folder) are taken relative
     * to {@code source}, the manifest the run was started from, as they were then.
     */
    static Session resumed(Path runManifest, Path source, ManifestOptions options, PluginFolderOptions folders,
                           List<String> moreSets) {
        LatentHome home = LatentHome.detect();
        ManifestTree saved = ManifestTree.read(runManifest, home.profiles(), sets(options, moreSets));
        return load(home, new ManifestTree(source, saved.parents(), saved.root()), options, folders);
    }

    /**
     * The session of another tree (a trial of {@code latent tune}) with this session's home and
     * plugins; {@code engine} is the command line's {@code --engine} or null.
     */
    Session with(ManifestTree other, String engine) {
        return new Session(home, catalog, other, new ManifestLoader(catalog, home.profiles()).load(other, engine));
    }

    private static List<String> sets(ManifestOptions options, List<String> moreSets) {
        List<String> sets = new ArrayList<>(options.sets);
        sets.addAll(moreSets);
        return sets;
    }

    private static Session load(LatentHome home, ManifestTree tree, ManifestOptions options, PluginFolderOptions folders) {
        List<Path> all = new ArrayList<>(tree.pluginFolders());
        all.addAll(folders.absolute());
        PluginCatalog catalog = PluginCatalog.discover(home, all);
        warn(catalog, System.err);
        Manifest manifest = new ManifestLoader(catalog, home.profiles()).load(tree, options.engine);
        return new Session(home, catalog, tree, manifest);
    }

    private static void warn(PluginCatalog catalog, PrintStream err) {
        for (ConfigProblem w : catalog.warnings()) {
            err.println("warning: " + w.line());
        }
    }

    /** The manifest at {@code given}, or the shipped profile {@code profile} when none is given. */
    private static Path manifestPath(LatentHome home, Path given, String profile) {
        Path p = given != null ? given : home.profiles().resolve(profile);
        if (!Files.isRegularFile(p)) {
            throw new UserError("no manifest at " + p.toAbsolutePath() + (given == null
                    ? " (the shipped profiles are missing: run ./latent from the repository, or set -Dlatent.home)" : ""));
        }
        return p;
    }

    /**
     * Loads the saved manifest of the run in {@code run} as {@code latent train --resume} reads it
     * (relative paths anchored at the manifest it was started from), with the command line's options.
     */
    static Session ofRun(RunFolder run, ManifestOptions options, PluginFolderOptions folders) throws IOException {
        return resumed(run.path().resolve("manifest.yaml"), run.sourceManifest(), options, folders, List.of());
    }

    /**
     * The finished run in {@code folder} ({@link #ofRun}), its model's parameters from the newest
     * good checkpoint, which is found before anything else is loaded; a newer checkpoint that does
     * not read whole is a warning on standard error.
     */
    static TrainedRun trainedRun(Path folder, ManifestOptions options, PluginFolderOptions folders) throws IOException {
        RunFolder run = RunFolder.open(folder);
        SavedTensors checkpoint = TrainedRun.checkpoint(run, w -> System.err.println("warning: " + w));
        return ofRun(run, options, folders).open(run, checkpoint);
    }

    /** The run in {@code run} with the parameters of {@code checkpoint}, wired from this session's manifest ({@link #ofRun}). */
    TrainedRun open(RunFolder run, SavedTensors checkpoint) {
        return TrainedRun.open(run, checkpoint, manifest, injector());
    }

    Injector injector() {
        return Guice.createInjector(new LatentModule(manifest, catalog));
    }

    /**
     * Another manifest with this session's home and plugins, for commands that run several
     * (the benchmark suite): one engine class loader per process, since ND4J's natives load
     * into one class loader only. The other manifest's own plugin folders are not read.
     */
    Session another(Path file, ManifestOptions options) {
        ManifestTree other = ManifestTree.read(file, home.profiles(), sets(options, List.of()));
        return new Session(home, catalog, other, new ManifestLoader(catalog, home.profiles()).load(other, options.engine));
    }

    /** The injector with {@code engine} in place of the manifest's own, which is then never created. */
    Injector injector(Engine engine) {
        return Guice.createInjector(Modules.override(new LatentModule(manifest, catalog))
                .with(binder -> binder.bind(Engine.class).toInstance(engine)));
    }
}
