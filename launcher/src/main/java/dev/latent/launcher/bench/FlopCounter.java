package dev.latent.launcher.bench;

import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;

/**
 * An engine that passes every call to a real one and counts the floating-point operations of
 * its matrix products and convolutions: 2 per multiply-add, the usual convention (a gemm
 * [m, k] by [k, n] is 2 m n k). Element-wise operations, reductions and the optimizer's
 * update are not counted: they are O(parameters + activations), a few percent of the
 * products in the reference models, and count differently on every library.
 *
 * <p>It also times each engine method (calls and wall time by name), the benchmark's op profile.
 *
 * <p>Multiply-adds per call: gemm m n k; conv2d (and each of its backward's weight gradient
 * and input gradient) |out| C kH kW for a weight [O, C, kH, kW]; conv2dTranspose (and each
 * part of its backward) |input| O kH kW for a weight [C, O, kH, kW].
 */
public final class FlopCounter {

    private final Engine engine;
    private final Map<String, long[]> calls = new TreeMap<>();
    private long flops;

    public FlopCounter(Engine real) {
        this.engine = (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class},
                (proxy, method, args) -> {
                    flops += 2 * multiplyAdds(method, args);
                    long start = System.nanoTime();
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        long[] c = calls.computeIfAbsent(method.getName(), k -> new long[2]);
                        c[0]++;
                        c[1] += System.nanoTime() - start;
                    }
                });
    }

    /** The counting engine to build a model with. */
    public Engine engine() {
        return engine;
    }

    /** The operations counted since the last {@link #reset}. */
    public long flops() {
        return flops;
    }

    /** Per engine method since the last {@link #reset}: {calls, nanoseconds}, by name. */
    public Map<String, long[]> calls() {
        return calls;
    }

    public void reset() {
        flops = 0;
        calls.clear();
    }

    static long multiplyAdds(Method method, Object[] args) {
        switch (method.getName()) {
            case "gemm": {
                Tensor a = (Tensor) args[0];
                Tensor out = (Tensor) args[6];
                long k = a.shape()[(Boolean) args[1] ? 0 : 1];
                return out.size() * k;
            }
            case "conv2d":
                return ((Tensor) args[4]).size() * perOutput((Tensor) args[1]);
            case "conv2dBackward":
                return parts(args[4]) * ((Tensor) args[2]).size() * perOutput((Tensor) args[1]);
            case "conv2dTranspose":
                return ((Tensor) args[0]).size() * perOutput((Tensor) args[1]);
            case "conv2dTransposeBackward":
                return parts(args[4]) * ((Tensor) args[0]).size() * perOutput((Tensor) args[1]);
            default:
                return 0;
        }
    }

    /** kernel volume per output (conv2d) or per input (transposed): the weight's size over its first dimension. */
    private static long perOutput(Tensor weight) {
        return weight.size() / weight.shape()[0];
    }

    /** The weight gradient, and the input gradient when one is asked for. */
    private static long parts(Object gradInput) {
        return gradInput == null ? 1 : 2;
    }
}
