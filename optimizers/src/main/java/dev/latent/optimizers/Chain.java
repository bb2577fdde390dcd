package dev.latent.optimizers;

import dev.latent.api.model.Parameter;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A gradient transformation that applies its links one after the other, as optax's
 * {@code chain}: {@code u = link_n(... link_2(link_1(g)))}.
 *
 * <p>Its state, named {@code chain}, has no tensors of its own and one child per link, in
 * chain order; {@link OptimizerState#flatten()} therefore names Adam's first moment of
 * parameter {@code w} {@code chain/0.scale_by_adam/m/w}. A chain of one link computes exactly
 * what the link computes.
 */
public final class Chain implements Optimizer {

    /** The name of a chain's state. */
    public static final String NAME = "chain";

    private final List<Optimizer> links;

    /** A chain of the given links, applied in list order. */
    public Chain(List<? extends Optimizer> links) {
        for (Optimizer link : links) {
            Objects.requireNonNull(link, "a chain link is null");
        }
        this.links = List.copyOf(links);
    }

    /** {@return a chain of the given links, applied in argument order} */
    public static Chain of(Optimizer... links) {
        return new Chain(List.of(links));
    }

    /** {@return the links, in the order they are applied} */
    public List<Optimizer> links() {
        return links;
    }

    @Override
    public OptimizerState init(List<Parameter> parameters) {
        List<OptimizerState> children = new ArrayList<>(links.size());
        for (Optimizer link : links) {
            children.add(link.init(parameters));
        }
        return new OptimizerState(NAME, Map.of(), children);
    }

    @Override
    public void update(List<Parameter> parameters, OptimizerState state, long step) {
        List<OptimizerState> children = state.children();
        if (!NAME.equals(state.name()) || children.size() != links.size()) {
            throw new IllegalArgumentException("a chain of " + links.size() + " links was given the state '"
                    + state.name() + "' with " + children.size() + " children; pass the state its init returned");
        }
        for (int i = 0; i < links.size(); i++) {
            links.get(i).update(parameters, children.get(i), step);
        }
    }

    @Override
    public String toString() {
        return "chain" + links;
    }
}
