package dev.latent.launcher.plugin;

import dev.latent.api.engine.EngineProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Finds engines: each folder under {@code engines/} is one engine's jars, loaded into its own
 * {@link URLClassLoader} whose parent is the loader of the api module, so that ND4J stays inside
 * it and never meets the module path (DESIGN.md). Making the loader and reading the provider
 * loads no native code.
 */
public final class EngineFolders {

    private EngineFolders() {
    }

    /** An engine provider and the folder it came from. */
    public record Found(EngineProvider<?> provider, Path folder) {
    }

    @SuppressWarnings("rawtypes")
    public static List<Found> discover(Path enginesRoot) {
        List<Found> found = new ArrayList<>();
        if (!Files.isDirectory(enginesRoot)) {
            return found;
        }
        for (Path folder : list(enginesRoot)) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            ClassLoader loader = new URLClassLoader("engine-" + folder.getFileName(), jars(folder),
                    EngineProvider.class.getClassLoader());
            for (ServiceLoader.Provider<EngineProvider> p : ServiceLoader.load(EngineProvider.class, loader)
                    .stream().toList()) {
                if (p.type().getClassLoader() == loader) {
                    found.add(new Found(p.get(), folder));
                }
            }
        }
        return found;
    }

    private static URL[] jars(Path folder) {
        return list(folder).stream().filter(p -> p.toString().endsWith(".jar")).map(p -> {
            try {
                return p.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(URL[]::new);
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
