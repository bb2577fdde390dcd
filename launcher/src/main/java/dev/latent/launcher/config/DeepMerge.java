package dev.latent.launcher.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Merges a child manifest over the one it {@code extends}: mappings merge key by key, at every
 * depth; a child scalar, list or null replaces the parent's value (a null clears an optional
 * section: {@code noise: null}).
 *
 * <p>Two rules keep plugin sections sensible. A child mapping without {@code name} over a
 * parent's shorthand ({@code loss: mse}) keeps the parent's name. A child mapping that names
 * another plugin than the parent's replaces the parent's mapping whole, since the parent's
 * settings belong to the other plugin.
 */
public final class DeepMerge {

    private DeepMerge() {
    }

    /** A new tree: {@code child} merged over {@code parent}; neither argument is changed. */
    public static ObjectNode merge(ObjectNode parent, ObjectNode child) {
        ObjectNode out = parent.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = child.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode base = out.get(e.getKey());
            JsonNode over = e.getValue();
            if (over instanceof ObjectNode overMap && base != null && base.isTextual() && !overMap.has("name")) {
                ObjectNode named = overMap.objectNode().put("name", base.asText());
                out.set(e.getKey(), merge(named, overMap));
            } else if (over instanceof ObjectNode overMap && base instanceof ObjectNode baseMap
                    && !otherPlugin(baseMap, overMap)) {
                out.set(e.getKey(), merge(baseMap, overMap));
            } else {
                out.set(e.getKey(), over.deepCopy());
            }
        }
        return out;
    }

    private static boolean otherPlugin(ObjectNode base, ObjectNode over) {
        JsonNode a = base.get("name");
        JsonNode b = over.get("name");
        return a != null && b != null && !a.equals(b);
    }
}
