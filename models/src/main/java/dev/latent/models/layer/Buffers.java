package dev.latent.models.layer;

import dev.latent.api.engine.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the buffers ({@link Layer#buffers()}) of a network's parts, for the networks and models
 * that are made of layers: one map in the parts' order, whose names must be unique.
 */
public final class Buffers {

    private Buffers() {
    }

    /**
     * The union of {@code parts}, in order, as an unmodifiable map.
     *
     * @throws IllegalStateException when two parts name a buffer alike
     */
    public static Map<String, Tensor> of(List<Map<String, Tensor>> parts) {
        Map<String, Tensor> all = new LinkedHashMap<>();
        for (Map<String, Tensor> part : parts) {
            part.forEach((name, tensor) -> {
                if (all.put(name, tensor) != null) {
                    throw new IllegalStateException("two buffers are named " + name);
                }
            });
        }
        return Collections.unmodifiableMap(all);
    }
}
