package dev.latent.engine.nd4j;

import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Tensor;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link RandomStream} on ND4J's native, seeded generator. Its position is the generator's
 * two 64-bit words (root and node state): each op draws from them by element index and then
 * advances the node state, so the two words are the whole state.
 */
final class Nd4jRandomStream implements RandomStream, AutoCloseable {

    private final Random random;

    Nd4jRandomStream(long seed) {
        this.random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    @Override
    public void fillUniform(Tensor out, double low, double high) {
        Nd4j.getExecutioner().exec(new UniformDistribution(TensorChecks.array(out), low, high), random);
    }

    @Override
    public void fillGaussian(Tensor out, double mean, double std) {
        Nd4j.getExecutioner().exec(new GaussianDistribution(TensorChecks.array(out), mean, std), random);
    }

    @Override
    public void fillBernoulli(Tensor out, double p) {
        // ND4J's op yields 1 where its uniform draw u <= p, and u can be exactly 0, so p = 0
        // would sometimes give a 1 (one value in 40,000 here); the ends are filled exactly.
        if (p <= 0 || p >= 1) {
            TensorChecks.array(out).assign(p <= 0 ? 0 : 1);
            return;
        }
        Nd4j.getExecutioner().exec(new BernoulliDistribution(TensorChecks.array(out), p), random);
    }

    @Override
    public long[] state() {
        return new long[] {random.rootState(), random.nodeState()};
    }

    @Override
    public void restore(long[] state) {
        if (state == null || state.length != 2) {
            throw new IllegalArgumentException("an ND4J random stream's state is 2 numbers (root and node state), found "
                    + (state == null ? "none" : java.util.Arrays.toString(state)));
        }
        random.setStates(state[0], state[1]);
    }

    @Override
    public void close() {
        try {
            random.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot release an ND4J random generator: " + e.getMessage(), e);
        }
    }
}
