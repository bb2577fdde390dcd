package dev.latent.launcher.config;

import dev.latent.api.config.ConfigProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A manifest that cannot be used, with every problem found in it, one a line, each starting
 * with its id: {@code [latent/UnknownPlugin] optimizer.name is 'adamx', ...}.
 */
public final class ManifestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ManifestException(Path file, List<ConfigProblem> problems) {
        this(file, List.of(), problems);
    }

    /** Problems of {@code file} after merging the files it extends ({@code parents}, nearest first), which the message names. */
    public ManifestException(Path file, List<Path> parents, List<ConfigProblem> problems) {
        super(format(file, parents, problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String format(Path file, List<Path> parents, List<ConfigProblem> problems) {
        String extended = parents.isEmpty() ? "" : " (extends " + String.join(", ",
                parents.stream().map(Path::toString).toList()) + ")";
        String head = file + extended + (problems.size() == 1 ? " has 1 problem:" : " has " + problems.size() + " problems:");
        return problems.stream().map(p -> "  - " + p.line()).collect(Collectors.joining("\n", head + "\n", ""));
    }
}
