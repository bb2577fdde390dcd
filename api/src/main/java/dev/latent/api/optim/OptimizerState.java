package dev.latent.api.optim;

import dev.latent.api.engine.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The explicit state of an optimizer: named tensors (for example Adam's {@code m} and
 * {@code v} for each parameter) and the states of the transformations it chains.
 *
 * <p>Names are {@code slot/parameter}, such as {@code m/encoder.0.weight}; {@link #flatten()}
 * prefixes children with their own names, which is how checkpoints save the state.
 *
 * @param name     the transformation's name, for example {@code scale_by_adam}
 * @param tensors  this transformation's own tensors by name
 * @param children the states of chained transformations, in chain order
 */
public record OptimizerState(String name, Map<String, Tensor> tensors, List<OptimizerState> children) {

    public OptimizerState {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        children = List.copyOf(children);
    }

    /** The state of a stateless transformation. */
    public static OptimizerState empty(String name) {
        return new OptimizerState(name, Map.of(), List.of());
    }

    /** The tensor named {@code slot/parameter}; throws when there is none. */
    public Tensor tensor(String slot, String parameter) {
        Tensor t = tensors.get(slot + "/" + parameter);
        if (t == null) {
            throw new IllegalStateException("optimizer state '" + name + "' has no " + slot + "/" + parameter);
        }
        return t;
    }

    /** Every tensor of this state and its children, named {@code name/.../slot/parameter}. */
    public Map<String, Tensor> flatten() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> out.put(name + "/" + k, v));
        for (int i = 0; i < children.size(); i++) {
            String prefix = name + "/" + i + ".";
            children.get(i).flatten().forEach((k, v) -> out.put(prefix + k, v));
        }
        return out;
    }
}
