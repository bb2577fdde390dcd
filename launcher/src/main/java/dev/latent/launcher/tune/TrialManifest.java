package dev.latent.launcher.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.latent.launcher.config.SetOverrides;
import dev.latent.launcher.output.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A trial's manifest tree: the search's manifest (after {@code extends} and {@code --set})
 * without its {@code tune} section, with each sampled value written at its path as
 * {@code --set path=value} would write it.
 */
public final class TrialManifest {

    /** The file a search writes with the best trial's settings. */
    public static final String BEST = "best.yaml";

    private TrialManifest() {
    }

    /** The tree of a trial with {@code params}; the search's tree is left as it was. */
    public static ObjectNode tree(ObjectNode search, Map<String, JsonNode> params) {
        ObjectNode root = search.deepCopy();
        root.remove("tune");
        params.forEach((path, value) -> {
            String problem = SetOverrides.set(root, path, value.deepCopy());
            if (problem != null) {
                throw new IllegalStateException("tune.space." + path + " " + problem);   // the loader checked the paths
            }
        });
        return root;
    }

    /** Writes {@code best.yaml} in {@code folder}: the search's manifest with {@code params} applied, no tune section. */
    public static Path writeBest(Path folder, ObjectNode search, Map<String, JsonNode> params) throws IOException {
        Path file = folder.resolve(BEST);
        ObjectNode tree = tree(search, params);
        AtomicFiles.write(file, out -> new YAMLMapper().writeValue(out, tree));
        return file;
    }
}
