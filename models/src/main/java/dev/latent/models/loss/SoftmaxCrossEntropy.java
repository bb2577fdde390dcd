package dev.latent.models.loss;

import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Loss;

/**
 * Softmax cross-entropy of logits against target distributions (one-hot labels), averaged over
 * the batch: for a row of logits z with p = softmax(z) and target t,
 * {@code L = -(1/B) sum_b sum_k t_bk log p_bk}, computed stably as
 * {@code log p_k = z_k - max(z) - log sum_j exp(z_j - max(z))}; the gradient is
 * {@code dL/dz = (p - t) / B} (for targets that sum to 1), and the Gauss-Newton curvature diagonal
 * {@code p_k (1 - p_k) / B}.
 *
 * <p>Unlike the reconstruction losses this one is a mean per sample, not per element: a loss of
 * log(K) means a uniform guess over K classes, as PyTorch's {@code CrossEntropyLoss} reports it.
 *
 * <p>The softmax is computed on the host in double precision, one row at a time: the engine has
 * no row-wise maximum, and for a few classes (a classifier head's 10) one download and one upload
 * of the batch cost less than the half-dozen engine ops (13-37 microseconds each, DESIGN.md) a
 * tensor formulation would take. Not for outputs of thousands of classes.
 */
public final class SoftmaxCrossEntropy implements Loss {

    private final Engine engine;

    public SoftmaxCrossEntropy(Engine engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return "cross_entropy";
    }

    @Override
    public double compute(Tensor output, Tensor target, Tensor gradient) {
        double[] z = output.toDoubleArray();
        double[] t = target.toDoubleArray();
        int rows = output.rows();
        int k = output.columns();
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            int from = r * k;
            loss += row(z, t, from, k);               // z now holds the row's probabilities
            double mass = rowSum(t, from, k);         // 1 for a one-hot target
            for (int j = from; j < from + k; j++) {
                z[j] = (z[j] * mass - t[j]) / rows;
            }
        }
        engine.assign(gradient, z);
        return loss / rows;
    }

    @Override
    public double value(Tensor output, Tensor target) {
        double[] z = output.toDoubleArray();
        double[] t = target.toDoubleArray();
        int k = output.columns();
        double loss = 0;
        for (int r = 0; r < output.rows(); r++) {
            loss += row(z, t, r * k, k);
        }
        return loss / output.rows();
    }

    @Override
    public void curvature(Tensor output, Tensor target, Tensor curvature) {
        double[] z = output.toDoubleArray();
        double[] t = target.toDoubleArray();
        int k = output.columns();
        int rows = output.rows();
        for (int r = 0; r < rows; r++) {
            int from = r * k;
            row(z, t, from, k);
            double mass = rowSum(t, from, k);
            for (int j = from; j < from + k; j++) {
                z[j] = mass * z[j] * (1 - z[j]) / rows;
            }
        }
        engine.assign(curvature, z);
    }

    /**
     * The cross-entropy of the row of logits at {@code z[from .. from + k)} against its target,
     * overwriting the logits with their softmax probabilities.
     */
    private static double row(double[] z, double[] t, int from, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = from; j < from + k; j++) {
            max = Math.max(max, z[j]);
        }
        double sum = 0;
        for (int j = from; j < from + k; j++) {
            sum += Math.exp(z[j] - max);
        }
        double logSum = Math.log(sum);
        double loss = 0;
        for (int j = from; j < from + k; j++) {
            double logP = z[j] - max - logSum;
            if (t[j] != 0) {
                loss -= t[j] * logP;
            }
            z[j] = Math.exp(logP);
        }
        return loss;
    }

    private static double rowSum(double[] t, int from, int k) {
        double s = 0;
        for (int j = from; j < from + k; j++) {
            s += t[j];
        }
        return s;
    }
}
