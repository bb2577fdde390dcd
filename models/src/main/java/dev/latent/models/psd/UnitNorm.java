package dev.latent.models.psd;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;

/**
 * Rescales the atoms of a dictionary held as a matrix to unit Euclidean norm, in place: the
 * columns of a {@code [n, K]} matrix (the dense dictionary) or the rows of a {@code [K, m]} one
 * (the convolutional dictionary's {@code [K, C, k, k]} weights read as rows). An atom of norm 0
 * stays 0 (its squared norm is floored at {@link #FLOOR} before dividing). All engine
 * operations on buffers allocated once; no host loop.
 */
final class UnitNorm implements AutoCloseable {

    /** The floor on a squared norm: 1/sqrt of it is finite in float32, and 0 times it is 0. */
    static final double FLOOR = 1e-30;

    private final Engine engine;
    private final boolean columns;
    private final Tensor matrix;
    private final Tensor squares;
    private final Tensor norms;
    private final Tensor onesAtoms;
    private final Tensor onesLength;
    private final Tensor scales;

    /**
     * @param columns true: the atoms are the columns of a {@code [rows, cols]} matrix; false: its rows
     */
    UnitNorm(Engine engine, DType dtype, int rows, int cols, boolean columns) {
        this.engine = engine;
        this.columns = columns;
        int atoms = columns ? cols : rows;
        int length = columns ? rows : cols;
        this.matrix = engine.zeros(dtype, rows, cols);
        this.squares = engine.zeros(dtype, rows, cols);
        this.norms = columns ? engine.zeros(dtype, atoms) : engine.zeros(dtype, atoms, 1);
        this.onesAtoms = columns ? engine.zeros(dtype, atoms) : engine.zeros(dtype, atoms, 1);
        this.onesLength = columns ? null : engine.zeros(dtype, length, 1);
        this.scales = columns ? null : engine.zeros(dtype, rows, cols);
        engine.fill(onesAtoms, 1);
        if (onesLength != null) {
            engine.fill(onesLength, 1);
        }
    }

    /** Normalises the atoms of {@code weights} (any shape holding rows x cols values). */
    void normalise(Tensor weights) {
        engine.copy(weights, matrix);
        engine.square(matrix, squares);
        if (columns) {
            engine.columnSums(squares, norms);
        } else {
            engine.gemm(squares, false, onesLength, false, 1, 0, norms);
        }
        engine.clip(norms, FLOOR, Double.MAX_VALUE, norms);
        engine.sqrt(norms, norms);
        engine.div(onesAtoms, norms, norms);
        if (columns) {
            engine.mulRowVector(matrix, norms, matrix);
        } else {
            // broadcast 1/norm along each row: [K, 1] x [1, m] (onesLength read transposed)
            engine.gemm(norms, false, onesLength, true, 1, 0, scales);
            engine.mul(matrix, scales, matrix);
        }
        engine.copy(matrix, weights);
    }

    @Override
    public void close() {
        for (Tensor t : new Tensor[] {matrix, squares, norms, onesAtoms, onesLength, scales}) {
            if (t != null) {
                t.close();
            }
        }
    }
}
