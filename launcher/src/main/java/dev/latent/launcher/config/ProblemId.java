package dev.latent.launcher.config;

import dev.latent.api.config.ConfigProblem;

/**
 * The ids of the problems the launcher reports, printed in brackets at the start of each line
 * of a manifest error ({@code [latent/UnknownPlugin] optimizer.name is 'adamx', ...}), as
 * Guice prints its error ids. The wording of a message may change; its id does not.
 */
public final class ProblemId {

    /** A plugin name that no provider of the section has. */
    public static final String UNKNOWN_PLUGIN = "latent/UnknownPlugin";
    /** A key that is not a manifest section or not a setting of the plugin. */
    public static final String UNKNOWN_KEY = "latent/UnknownKey";
    /** A required section or setting that is absent. */
    public static final String MISSING_KEY = "latent/MissingKey";
    /** A value of the wrong type: a word where a number is expected, a scalar for a list. */
    public static final String WRONG_TYPE = "latent/WrongType";
    /** A value outside what its key allows; also the id of every plugin's own range checks. */
    public static final String OUT_OF_RANGE = ConfigProblem.OUT_OF_RANGE;
    /** A file that is not YAML, has a key twice, or is not a mapping of sections. */
    public static final String INVALID_YAML = "latent/InvalidYaml";
    /** A manifest file that is missing or cannot be read. */
    public static final String UNREADABLE_FILE = "latent/UnreadableFile";
    /** No engine the manifest lists can run on this machine. */
    public static final String ENGINE_UNAVAILABLE = "latent/EngineUnavailable";
    /** A plugin jar that cannot be loaded (missing requires, split package, unreadable jar). */
    public static final String BROKEN_PLUGIN = "latent/BrokenPlugin";
    /** Two providers of one section that share a name. */
    public static final String PLUGIN_CLASH = "latent/PluginClash";
    /** A chain of {@code extends} that comes back to a file already in it. */
    public static final String EXTENDS_CYCLE = "latent/ExtendsCycle";
    /** An {@code extends} that names neither a file nor a shipped profile. */
    public static final String UNKNOWN_PROFILE = "latent/UnknownProfile";
    /** A {@code --set} that is not {@code path.to.key=value}, or cannot be applied. */
    public static final String INVALID_SET = "latent/InvalidSet";

    private ProblemId() {
    }
}
