package dev.latent.launcher.config;

import dev.latent.api.config.ConfigProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A manifest that cannot be used, with every problem found in it. */
public final class ManifestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ManifestException(Path file, List<ConfigProblem> problems) {
        super(format(file, problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String format(Path file, List<ConfigProblem> problems) {
        String head = file + (problems.size() == 1 ? " has 1 problem:" : " has " + problems.size() + " problems:");
        return problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n", head + "\n", ""));
    }
}
