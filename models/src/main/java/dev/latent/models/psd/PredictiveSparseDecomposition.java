package dev.latent.models.psd;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Scope;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Encoder;
import dev.latent.api.model.FilterImage;
import dev.latent.api.model.Filters;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.Model;
import dev.latent.api.model.Parameter;
import dev.latent.api.model.SparseCoder;
import dev.latent.models.layer.BatchBuffer;
import dev.latent.models.layer.Layer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Predictive sparse decomposition (Kavukcuoglu, Ranzato and LeCun 2008, "Fast inference in
 * sparse coding algorithms with applications to object recognition"; Torch's {@code unsup.PSD}):
 * a dictionary D learned by sparse coding, and an encoder trained to predict the sparse codes, so
 * that inference is one forward pass instead of an optimisation. Per sample y, with the encoder's
 * prediction z~ = F(y) and the optimal code z* = argmin_z ||y - D z||^2 + lambda ||z||_1
 * (found by {@link Fista}, warm-started from z~ as unsup does):
 * <pre>
 * L(y) = ||y - D z*||^2 + lambda ||z*||_1 + alpha ||z* - z~||^2
 * </pre>
 * averaged over the batch: the loss is per sample, summed over pixels and code units, as the
 * VAEs' is. The reported terms are {@code reconstruction}, {@code sparsity} and
 * {@code prediction}, whose sum is the total, and {@code fista_iterations}, the iterations FISTA
 * took for the batch: a diagnostic outside the total.
 *
 * <p>Gradients treat z* as a constant (it is a minimum of the energy over z, so the energy's
 * gradient w.r.t. D through z* vanishes): dL/dD = (2/B) sum_i (D z*_i - y_i) z*_i^T from the
 * reconstruction term, and the encoder's from the prediction term, dL/dz~ = (2 alpha/B)(z~ - z*).
 * {@link #afterUpdate} renormalises D's atoms to unit norm (without it, D could grow and z
 * shrink to cheat the L1 term). The Gauss-Newton diagonal ({@link #accumulateCurvature}) is
 * (2/B) sum_i z*_i^2 for each weight of D (through its atom) and the encoder's layers'
 * curvature backward from 2 alpha / B on z~.
 *
 * <p>FISTA codes and reconstructs the target, the encoder sees the input; for a run without a
 * noise section they are the same batch. The dense ({@code psd}) and convolutional
 * ({@code conv-psd}) models differ only in the encoder and the {@link Dictionary}.
 */
public final class PredictiveSparseDecomposition implements Model, Encoder, SparseCoder, Filters {

    /** The name of the FISTA iterations in reports (a diagnostic, not part of the total). */
    public static final String FISTA_ITERATIONS = "fista_iterations";

    private final Engine engine;
    private final DType dtype;
    private final Layer encoder;
    private final Dictionary dictionary;
    private final PowerIteration power;
    private final Fista fista;
    private final double alpha;
    private final int codeSize;
    private final Supplier<FilterImage> encoderFilters;
    private final List<Parameter> parameters;
    private final Map<Integer, Tensor> signals = new HashMap<>();
    private final Map<Integer, Tensor> codes = new HashMap<>();
    private final BatchBuffer codeRows;
    private final BatchBuffer gradPrediction;
    private final BatchBuffer reconstruction;
    private FistaResult lastSolve;

    /**
     * @param encoder        maps rows {@code [B, n]} to predicted codes {@code [B, K']}, where K'
     *                       is the size of one code in the dictionary's code shape
     * @param dictionary     the decoder; the model closes it
     * @param random         draws the power iteration's starting vector
     * @param encoderFilters the encoder's filters as images, for {@link #filterImages()}
     */
    public PredictiveSparseDecomposition(Engine engine, DType dtype, Layer encoder, Dictionary dictionary,
                                         int inputSize, double lambda, double alpha, int maxIterations,
                                         double tolerance, RandomStream random, Supplier<FilterImage> encoderFilters) {
        if (!(alpha >= 0)) {
            throw new IllegalArgumentException("alpha must be >= 0, found " + alpha);
        }
        this.engine = engine;
        this.dtype = dtype;
        this.encoder = encoder;
        this.dictionary = dictionary;
        this.alpha = alpha;
        this.codeSize = encoder.outputSize(inputSize);
        int[] code = dictionary.codeShape(1);
        int[] signal = dictionary.signalShape(1);
        if (size(code) != codeSize || size(signal) != inputSize) {
            throw new IllegalArgumentException("the encoder maps " + inputSize + " inputs to " + codeSize
                    + " code units, the dictionary " + size(code) + " code units to " + size(signal) + " values");
        }
        this.encoderFilters = encoderFilters;
        this.power = new PowerIteration(engine, dtype, dictionary, random);
        this.fista = new Fista(engine, dtype, dictionary, power, lambda, maxIterations, tolerance);
        List<Parameter> all = new ArrayList<>(encoder.parameters());
        all.add(dictionary.parameter());
        this.parameters = List.copyOf(all);
        this.codeRows = new BatchBuffer(engine, dtype, codeSize);
        this.gradPrediction = new BatchBuffer(engine, dtype, codeSize);
        this.reconstruction = new BatchBuffer(engine, dtype, inputSize);
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int i = 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return n;
    }

    public Layer encoder() {
        return encoder;
    }

    public Dictionary dictionary() {
        return dictionary;
    }

    /** {@return what the last FISTA solve of this model did, or null before the first} */
    public FistaResult lastSolve() {
        return lastSolve;
    }

    @Override
    public int codeSize() {
        return codeSize;
    }

    /** The encoder's fast prediction z~ of a batch's codes, {@code [B, codeSize]}, owned by the encoder. */
    @Override
    public Tensor encode(Tensor input) {
        return encoder.forward(input, false);
    }

    /**
     * FISTA's sparse codes z* of a batch as rows {@code [B, codeSize]} (the layout of
     * {@link #encode}), owned by the model until its next call; {@link #lastSolve()} says how many
     * iterations they took and their energy.
     *
     * @param warmStart start from the encoder's prediction (as in training) instead of from zero
     */
    @Override
    public Tensor sparseCodes(Tensor input, boolean warmStart) {
        Tensor z = solve(input, input, warmStart ? encoder.forward(input, false) : null);
        Tensor rows = codeRows.get(input.rows());
        engine.copy(z, rows);
        return rows;
    }

    @Override
    public int lastIterations() {
        return lastSolve == null ? 0 : lastSolve.iterations();
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Solves for the codes of {@code target}, from {@code start} (rows) or from zero when null. */
    private Tensor solve(Tensor input, Tensor target, Tensor start) {
        int b = input.rows();
        Tensor y = signalsOf(target);
        Tensor z = codes.computeIfAbsent(b, k -> engine.zeros(dtype, dictionary.codeShape(k)));
        if (start != null) {
            engine.copy(start, z);
        }
        lastSolve = fista.solve(y, z, start != null);
        return z;
    }

    /** The batch in the dictionary's signal shape: itself when it has it, else a copy. */
    private Tensor signalsOf(Tensor batch) {
        int[] shape = dictionary.signalShape(batch.rows());
        if (java.util.Arrays.equals(shape, batch.shape())) {
            return batch;
        }
        Tensor y = signals.computeIfAbsent(batch.rows(), k -> engine.zeros(dtype, shape));
        engine.copy(batch, y);
        return y;
    }

    @Override
    public LossReport trainStep(Tensor input, Tensor target) {
        Tensor prediction = encoder.forward(input, true);
        Tensor z = solve(input, target, prediction);
        int b = input.rows();
        // dL/dD = (2/B) (D z* - y)^T z*, from the residual FISTA left at z*
        Parameter d = dictionary.parameter();
        dictionary.weightGradient(z, fista.residual(b), d.gradient());
        engine.scale(d.gradient(), 2.0 / b, d.gradient());
        double predictionTerm = predictionGradient(prediction, z, b);
        encoder.backward(gradPrediction.get(b), false);
        return report(lastSolve, predictionTerm);
    }

    /** alpha/B sum ||z~ - z*||^2, leaving (2 alpha/B)(z~ - z*) in the gradient buffer. */
    private double predictionGradient(Tensor prediction, Tensor z, int b) {
        Tensor rows = codeRows.get(b);
        engine.copy(z, rows);
        Tensor g = gradPrediction.get(b);
        engine.sub(prediction, rows, g);
        double value = alpha * engine.dot(g, g) / b;
        engine.scale(g, 2 * alpha / b, g);
        return value;
    }

    @Override
    public LossReport evaluate(Tensor input, Tensor target) {
        Tensor prediction = encoder.forward(input, false);
        Tensor z = solve(input, target, prediction);
        return report(lastSolve, predictionGradient(prediction, z, input.rows()));
    }

    /**
     * The loss of a batch at given codes z* (rows {@code [B, codeSize]}) instead of FISTA's, in
     * evaluation mode: the function whose gradient {@link #trainStep} computes with z* held
     * fixed, for gradient checks and for comparing codes.
     */
    public LossReport lossAt(Tensor input, Tensor target, Tensor codeRowsAt) {
        Tensor prediction = encoder.forward(input, false);
        int b = input.rows();
        Tensor z = codes.computeIfAbsent(b, k -> engine.zeros(dtype, dictionary.codeShape(k)));
        engine.copy(codeRowsAt, z);
        FistaResult energy = fista.energyAt(signalsOf(target), z);
        return report(new FistaResult(0, false, energy.reconstruction(), energy.sparsity(), 0),
                predictionGradient(prediction, z, b));
    }

    /**
     * As {@link #trainStep} with the codes z* given (rows {@code [B, codeSize]}) instead of
     * solved: overwrites every gradient; for gradient checks.
     */
    LossReport trainStepAt(Tensor input, Tensor target, Tensor codeRowsAt) {
        LossReport report = lossAt(input, target, codeRowsAt);
        encoder.forward(input, true);
        int b = input.rows();
        Tensor z = codes.get(b);
        Parameter d = dictionary.parameter();
        dictionary.weightGradient(z, fista.residual(b), d.gradient());
        engine.scale(d.gradient(), 2.0 / b, d.gradient());
        encoder.backward(gradPrediction.get(b), false);
        return report;
    }

    private LossReport report(FistaResult solve, double predictionTerm) {
        Map<String, Double> terms = new LinkedHashMap<>();
        terms.put("reconstruction", solve.reconstruction());
        terms.put("sparsity", solve.sparsity());
        terms.put("prediction", predictionTerm);
        terms.put(FISTA_ITERATIONS, (double) solve.iterations());
        return new LossReport(solve.energy() + predictionTerm, terms);
    }

    /** D z* with z* FISTA's code warm-started from the encoder, as rows {@code [B, n]}. */
    @Override
    public Tensor reconstruct(Tensor input) {
        Tensor z = solve(input, input, encoder.forward(input, false));
        Tensor out = reconstruction.get(input.rows());
        // D z* = (D z* - y) + y, from the residual FISTA left
        engine.copy(fista.residual(input.rows()), out);
        engine.add(out, input, out);
        return out;
    }

    @Override
    public void accumulateCurvature(Tensor input, Tensor target) {
        Tensor prediction = encoder.forward(input, true);
        Tensor z = solve(input, target, prediction);
        int b = input.rows();
        Parameter d = dictionary.parameter();
        try (Scope scope = engine.scope()) {
            Tensor zSquared = scope.zeros(dtype, z.shape());
            engine.square(z, zSquared);
            Tensor h = scope.zeros(dtype, dictionary.signalShape(b));
            engine.fill(h, 2.0 / b);
            Tensor increment = scope.zeros(dtype, d.value().shape());
            dictionary.weightGradient(zSquared, h, increment);
            engine.add(d.curvature(), increment, d.curvature());
        }
        Tensor h = gradPrediction.get(b);
        engine.fill(h, 2 * alpha / b);
        encoder.backwardCurvature(h, false);
    }

    /** Renormalises the dictionary's atoms to unit norm. */
    @Override
    public void afterUpdate() {
        dictionary.normalise();
    }

    /** The power iteration's vector, which FISTA's step size is estimated from. */
    @Override
    public Map<String, Tensor> buffers() {
        return Map.of(dictionary.parameter().name().replace(".weight", ".power_vector"), power.vector());
    }

    /** The encoder's filters, then the dictionary's atoms. */
    @Override
    public List<FilterImage> filterImages() {
        return List.of(encoderFilters.get(), dictionary.atoms());
    }

    @Override
    public void close() {
        encoder.close();
        dictionary.close();
        power.close();
        fista.close();
        signals.values().forEach(Tensor::close);
        codes.values().forEach(Tensor::close);
        codeRows.close();
        gradPrediction.close();
        reconstruction.close();
    }
}
