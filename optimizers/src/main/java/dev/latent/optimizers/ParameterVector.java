package dev.latent.optimizers;

import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.OptimizerState;
import java.util.ArrayList;
import java.util.List;

/**
 * The tensors of all parameters seen as one flat vector, the x of a method such as L-BFGS that
 * treats the whole model as a point in R^n: the vector's elements are the parts' elements, in
 * parameter order. Its operations are engine ops on each part (and, for {@link #dot}, a sum of
 * the parts' host reductions); none allocates a tensor.
 *
 * @param engine the engine that owns the parts
 * @param parts  one tensor per parameter, each of its parameter's shape
 */
record ParameterVector(Engine engine, List<Tensor> parts) {

    /** The parameters' values. */
    static ParameterVector values(Engine engine, List<Parameter> parameters) {
        return new ParameterVector(engine, parameters.stream().map(Parameter::value).toList());
    }

    /** The parameters' gradients (which optimizers rewrite into updates). */
    static ParameterVector gradients(Engine engine, List<Parameter> parameters) {
        return new ParameterVector(engine, parameters.stream().map(Parameter::gradient).toList());
    }

    /** The state tensors {@code slot/<parameter>} of every parameter. */
    static ParameterVector slot(Engine engine, OptimizerState state, String slot, List<Parameter> parameters) {
        List<Tensor> parts = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) {
            parts.add(state.tensor(slot, p.name()));
        }
        return new ParameterVector(engine, parts);
    }

    /** {@return the sum over all elements of this[i] * other[i]} */
    double dot(ParameterVector other) {
        double sum = 0;
        for (int i = 0; i < parts.size(); i++) {
            sum += engine.dot(parts.get(i), other.parts.get(i));
        }
        return sum;
    }

    /** this = this + alpha * x. */
    void axpy(double alpha, ParameterVector x) {
        for (int i = 0; i < parts.size(); i++) {
            engine.axpy(alpha, x.parts.get(i), parts.get(i));
        }
    }

    /** this = src. */
    void copyFrom(ParameterVector src) {
        for (int i = 0; i < parts.size(); i++) {
            engine.copy(src.parts.get(i), parts.get(i));
        }
    }

    /** this = s * src. */
    void setScaled(double s, ParameterVector src) {
        for (int i = 0; i < parts.size(); i++) {
            engine.scale(src.parts.get(i), s, parts.get(i));
        }
    }

    /** this = s * this. */
    void scale(double s) {
        setScaled(s, this);
    }

    /** Every element = value. */
    void fill(double value) {
        for (Tensor part : parts) {
            engine.fill(part, value);
        }
    }
}
