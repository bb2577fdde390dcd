package dev.latent.launcher.plugin;

import java.io.IOException;
import java.lang.module.ResolvedModule;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarFile;

/**
 * Where a provider came from, as {@code latent plugins} and {@code latent explain} show it.
 *
 * @param module   the module's name, or {@code -} for an engine's or the class path's unnamed module
 * @param version  the module descriptor's version, else the jar manifest's
 *                 {@code Implementation-Version}, else {@code -}
 * @param location the jar's file name, or {@code engines/<name>} for an engine
 * @param builtin  true for what ships with Latent (the module path, the engines), false for a
 *                 third-party plugin from a plugin folder
 */
public record PluginOrigin(String module, String version, String location, boolean builtin) {

    /** The origin of {@code provider}; {@code engineFolder} is its engine folder, or null. */
    static PluginOrigin of(Object provider, Path engineFolder, boolean builtin) {
        Class<?> type = provider.getClass();
        Module m = type.getModule();
        Path jar = m.isNamed() ? moduleLocation(m).orElse(null) : codeSource(type);
        String version = null;
        if (m.isNamed() && m.getDescriptor() != null) {
            version = m.getDescriptor().rawVersion().orElse(null);
        }
        if (version == null && jar != null) {
            version = implementationVersion(jar);
        }
        String location = engineFolder != null ? "engines/" + engineFolder.getFileName()
                : jar == null ? "-" : jar.getFileName().toString();
        return new PluginOrigin(m.isNamed() ? m.getName() : "-", version == null ? "-" : version, location, builtin);
    }

    /** {@code dev.latent.optimizers (optimizers-0.1.0.jar)}, or the location alone for an unnamed module. */
    @Override
    public String toString() {
        return module.equals("-") ? location : module + " (" + location + ")";
    }

    private static Optional<Path> moduleLocation(Module m) {
        ModuleLayer layer = m.getLayer();
        if (layer == null) {
            return Optional.empty();
        }
        return layer.configuration().findModule(m.getName()).map(ResolvedModule::reference)
                .flatMap(r -> r.location()).filter(u -> u.getScheme().equals("file")).map(Path::of);
    }

    private static Path codeSource(Class<?> type) {
        var source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String implementationVersion(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return null;
        }
        try (JarFile f = new JarFile(jar.toFile())) {
            return f.getManifest() == null ? null : f.getManifest().getMainAttributes().getValue("Implementation-Version");
        } catch (IOException e) {
            return null;
        }
    }
}
