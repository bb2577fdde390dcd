package dev.latent.launcher.eval;

import dev.latent.api.data.DataSplit;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Principal component analysis (Pearson 1901; Hotelling 1933), the linear baseline an
 * autoencoder's code is compared with: the {@code k} leading eigenvectors V of the training
 * samples' covariance {@code C = (1/n) (X - mu)^T (X - mu)}, and the reconstruction
 * {@code x^ = mu + (x - mu) V V^T}, the best rank-k linear reconstruction in squared error.
 * On the samples it was fitted on, the mean squared error per element equals the sum of the
 * discarded eigenvalues divided by the dimension d.
 *
 * <p>The covariance is computed in double precision by the engine's gemm, and its symmetric
 * eigendecomposition by EJML (Apache 2.0), the codes and reconstructions too: 2.3 s of processor
 * time for 7,200 samples of d = 784, most of it the eigenvectors (README, "Evaluating a run").
 * Immutable.
 */
public final class Pca {

    private final int dimension;
    private final double[] mean;
    /** Every eigenvalue of the covariance, largest first. */
    private final double[] eigenvalues;
    /** The k leading eigenvectors as the columns of a d x k matrix. */
    private final DMatrixRMaj components;

    private Pca(int dimension, double[] mean, double[] eigenvalues, DMatrixRMaj components) {
        this.dimension = dimension;
        this.mean = mean;
        this.eigenvalues = eigenvalues;
        this.components = components;
    }

    /**
     * Fits the {@code k} leading components of {@code samples}.
     *
     * @throws IllegalArgumentException when k is not in [1, d]
     */
    public static Pca fit(Engine engine, DataSplit samples, int k) {
        int d = samples.sampleSize();
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("the number of components must be in [1, " + d + "], found " + k);
        }
        double[] mean = meanOf(samples);
        DMatrixRMaj covariance = covariance(engine, centred(samples, mean));
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(covariance)) {
            throw new IllegalStateException("the eigendecomposition of the " + d + "x" + d + " covariance did not converge");
        }
        Integer[] order = IntStream.range(0, d).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> eig.getEigenvalue(i).getReal()).reversed());
        double[] eigenvalues = new double[d];
        DMatrixRMaj components = new DMatrixRMaj(d, k);
        for (int j = 0; j < d; j++) {
            eigenvalues[j] = eig.getEigenvalue(order[j]).getReal();
            if (j < k) {
                DMatrixRMaj v = eig.getEigenVector(order[j]);
                for (int i = 0; i < d; i++) {
                    components.set(i, j, v.get(i));
                }
            }
        }
        return new Pca(d, mean, eigenvalues, components);
    }

    /** The number of components kept. */
    public int components() {
        return components.numCols;
    }

    /** Every eigenvalue of the training covariance, largest first (the variance along each principal axis). */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** The share of the training variance the kept components explain, in [0, 1]. */
    public double explainedVariance() {
        double total = Arrays.stream(eigenvalues).sum();
        double kept = Arrays.stream(eigenvalues, 0, components()).sum();
        return total == 0 ? 1 : kept / total;
    }

    /** The codes {@code (x - mu) V} of {@code samples}, one row of k per sample. */
    public double[][] encode(DataSplit samples) {
        checkDimension(samples);
        DMatrixRMaj codes = new DMatrixRMaj(samples.count(), components());
        CommonOps_DDRM.mult(centred(samples, mean), components, codes);
        double[][] out = new double[samples.count()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.copyOfRange(codes.getData(), i * components(), (i + 1) * components());
        }
        return out;
    }

    /** The mean squared error per element of reconstructing {@code samples} from their k components. */
    public double meanSquaredError(DataSplit samples) {
        return meanSquaredError(samples, samples);
    }

    /**
     * The mean squared error per element between the reconstructions of {@code inputs} and
     * {@code targets} (same samples, same order): noisy inputs against their clean versions.
     */
    public double meanSquaredError(DataSplit inputs, DataSplit targets) {
        checkDimension(inputs);
        checkDimension(targets);
        if (inputs.count() != targets.count()) {
            throw new IllegalArgumentException(inputs.count() + " inputs for " + targets.count() + " targets");
        }
        DMatrixRMaj x = centred(inputs, mean);
        DMatrixRMaj codes = new DMatrixRMaj(inputs.count(), components());
        CommonOps_DDRM.mult(x, components, codes);
        DMatrixRMaj reconstruction = new DMatrixRMaj(inputs.count(), dimension);
        CommonOps_DDRM.multTransB(codes, components, reconstruction);
        double sum = 0;
        double[] a = targets == inputs ? x.getData() : centred(targets, mean).getData();
        double[] b = reconstruction.getData();
        for (int i = 0; i < a.length; i++) {
            double e = a[i] - b[i];
            sum += e * e;
        }
        return sum / a.length;
    }

    private void checkDimension(DataSplit samples) {
        if (samples.sampleSize() != dimension) {
            throw new IllegalArgumentException("samples of " + samples.sampleSize() + " values, but the PCA was fitted on "
                    + dimension);
        }
    }

    /**
     * (1/n) X^T X of the centred n x d samples, by the engine's gemm in float64: EJML's own
     * product took 6.5-7.7 s for 7,200 x 784 here, the engine's well under a second.
     */
    private static DMatrixRMaj covariance(Engine engine, DMatrixRMaj centred) {
        int n = centred.numRows;
        int d = centred.numCols;
        try (Tensor x = engine.fromArray(centred.getData(), DType.FLOAT64, n, d);
             Tensor c = engine.zeros(DType.FLOAT64, d, d)) {
            engine.gemm(x, true, x, false, 1.0 / n, 0, c);
            return new DMatrixRMaj(d, d, true, c.toDoubleArray());
        }
    }

    private static double[] meanOf(DataSplit samples) {
        int d = samples.sampleSize();
        double[] mean = new double[d];
        float[] row = new float[d];
        int[] index = new int[1];
        for (int i = 0; i < samples.count(); i++) {
            index[0] = i;
            samples.copySamples(index, 0, 1, row);
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= samples.count();
        }
        return mean;
    }

    /** The samples as an n x d matrix with {@code mean} subtracted from each row. */
    private static DMatrixRMaj centred(DataSplit samples, double[] mean) {
        int n = samples.count();
        int d = samples.sampleSize();
        float[] values = new float[n * d];
        samples.copySamples(IntStream.range(0, n).toArray(), 0, n, values);
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        double[] data = x.getData();
        for (int i = 0; i < values.length; i++) {
            data[i] = values[i] - (mean == null ? 0 : mean[i % d]);
        }
        return x;
    }
}
