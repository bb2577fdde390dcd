package dev.latent.launcher.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latent.api.config.ConfigProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A manifest's YAML tree before it is bound: the file, the files it {@code extends} (a chain,
 * nearest first), each merged under it with {@link DeepMerge}, then the command line's
 * {@code --set}s applied ({@link SetOverrides}).
 *
 * <p>{@code extends: X} names a file relative to the manifest's folder ({@code base.yaml},
 * {@code ../shared/base.yaml}) or a shipped profile ({@code default},
 * {@code optimizers/adam}: {@code <home>/profiles/X.yaml}). A file that comes back to one
 * already in the chain is an error listing the chain. Errors in a parent file name that file.
 * The entries of a file's {@code plugins} list are made absolute against that file's folder.
 *
 * @param file    the manifest given
 * @param parents the files it extends, nearest first
 * @param root    the merged tree, without {@code extends}
 */
public record ManifestTree(Path file, List<Path> parents, ObjectNode root) {

    public ManifestTree {
        parents = List.copyOf(parents);
    }

    /** Reads {@code file}, its {@code extends} chain (shipped profiles under {@code profiles}) and applies {@code sets}. */
    public static ManifestTree read(Path file, Path profiles, List<String> sets) {
        List<Path> chain = new ArrayList<>();
        ObjectNode root = readChain(file, profiles, chain);
        List<ConfigProblem> problems = SetOverrides.apply(root, sets);
        if (!problems.isEmpty()) {
            throw new ManifestException(file, problems);
        }
        absolutePlugins(root, file);
        return new ManifestTree(file, chain.subList(1, chain.size()), root);
    }

    /** The plugin folders the manifest lists, absolute; entries that are not folder names are left to the loader to report. */
    public List<Path> pluginFolders() {
        List<Path> folders = new ArrayList<>();
        JsonNode plugins = root.get("plugins");
        if (plugins != null && plugins.isArray()) {
            plugins.forEach(p -> {
                Path folder = p.isTextual() ? path(p.asText()) : null;
                if (folder != null) {
                    folders.add(folder);
                }
            });
        }
        return folders;
    }

    private static ObjectNode readChain(Path file, Path profiles, List<Path> chain) {
        Path normal = file.toAbsolutePath().normalize();
        if (chain.contains(normal)) {
            List<String> names = new ArrayList<>(chain.subList(chain.indexOf(normal), chain.size()).stream()
                    .map(p -> show(chain.get(0), p)).toList());
            names.add(show(chain.get(0), normal));
            throw new ManifestException(chain.get(0), List.of(new ConfigProblem(ProblemId.EXTENDS_CYCLE, "extends",
                    "makes a cycle: " + String.join(" -> ", names))));
        }
        chain.add(normal);
        ObjectNode node = ManifestYaml.read(file);
        absolutePlugins(node, file);
        JsonNode ext = node.remove("extends");
        if (ext == null || ext.isNull()) {
            return node;
        }
        if (!ext.isTextual() || ext.asText().isBlank()) {
            throw new ManifestException(file, List.of(new ConfigProblem(ProblemId.WRONG_TYPE, "extends",
                    "expected a file name or the name of a shipped profile, found " + RecordBinder.show(ext))));
        }
        Path parent = locate(file, ext.asText(), profiles);
        return DeepMerge.merge(readChain(parent, profiles, chain), node);
    }

    private static Path locate(Path file, String name, Path profiles) {
        Path folder = file.toAbsolutePath().getParent();
        for (Path candidate : path(name) == null ? List.<Path>of() : List.of(folder.resolve(name),
                profiles.resolve(name + ".yaml"), profiles.resolve(name))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        List<String> shipped = shippedProfiles(profiles);
        throw new ManifestException(file, List.of(new ConfigProblem(ProblemId.UNKNOWN_PROFILE, "extends",
                "is " + RecordBinder.quote(name) + ", which is neither a file next to this manifest nor a shipped profile;"
                        + " shipped: "
                        + (shipped.isEmpty() ? "none found" : String.join(", ", shipped))
                        + DidYouMean.hint(name, shipped))));
    }

    /** {@code text} as a path, or null where it cannot be one on this platform (a NUL character). */
    static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** The shipped profiles' names; {@code profiles} may be a link to the folder. */
    private static List<String> shippedProfiles(Path profiles) {
        if (!Files.isDirectory(profiles)) {
            return List.of();
        }
        try {
            Path root = profiles.toRealPath();
            try (Stream<Path> s = Files.walk(root)) {
                return s.filter(p -> p.toString().endsWith(".yaml")).map(p -> root.relativize(p).toString()
                        .replace('\\', '/').replaceFirst("\\.yaml$", "")).sorted().toList();
            }
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    private static void absolutePlugins(ObjectNode node, Path file) {
        if (node.get("plugins") instanceof ArrayNode plugins) {
            Path folder = file.toAbsolutePath().getParent();
            for (int i = 0; i < plugins.size(); i++) {
                Path entry = plugins.get(i).isTextual() ? path(plugins.get(i).asText()) : null;
                if (entry != null) {
                    plugins.set(i, plugins.textNode(folder.resolve(entry).normalize().toString()));
                }
            }
        }
    }

    /** A file of the chain as the cycle message shows it: relative to the first manifest's folder where it can be. */
    private static String show(Path first, Path p) {
        Path folder = first.getParent();
        return folder != null && p.startsWith(folder) ? folder.relativize(p).toString() : p.toString();
    }
}
