package dev.latent.api.config;

import java.util.List;
import java.util.stream.Collectors;

/** One or more problems with a configuration, reported together. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String path, String message) {
        this(List.of(new ConfigProblem(path, message)));
    }

    /** Every problem found, in the order they were found. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** The same problems with their paths placed under {@code prefix}. */
    public ConfigException under(String prefix) {
        return new ConfigException(problems.stream().map(p -> p.under(prefix)).toList());
    }
}
