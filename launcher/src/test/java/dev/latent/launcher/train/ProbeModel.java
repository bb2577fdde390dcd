package dev.latent.launcher.train;

import dev.latent.api.data.DataSplit;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.FilterImage;
import dev.latent.api.model.Filters;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.Model;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.CurvatureEstimates;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model that records what the trainer asks of it, for the sample-count schedules. It has one
 * parameter {@code w} of shape [2, 9] (two 3x3 filters) with loss 1/2 |w|^2, so its gradient is
 * w; it counts the samples it trained on. Its samples are expected to hold their 1-based index
 * in every value (see {@link #split}). {@link #accumulateCurvature} adds the batch's mean index
 * to every curvature element, so that the averaged estimate is the mean of the batch means.
 */
class ProbeModel implements Model {

    /** One call of accumulateCurvature: the training samples seen before it, and the batch's sample indices. */
    record CurvatureCall(long trained, List<Integer> samples) {
    }

    final Engine engine;
    final Parameter w;
    final List<CurvatureCall> curvatureCalls = new ArrayList<>();
    boolean curvatureUnsupported;
    long trained;
    private Tensor reconstruction;

    ProbeModel(Engine engine) {
        this.engine = engine;
        this.w = Parameter.zeros("layer.w", engine, DType.FLOAT64, 2, 9);
        double[] start = new double[18];
        double[] first = {-2, -1, 0, 1, 2, 0.5, 0, 0, 0};
        System.arraycopy(first, 0, start, 0, 9);       // the second filter is all zeros
        engine.assign(w.value(), start);
    }

    /** {@code n} samples of shape [3, 3], sample i holding i + 1 in each of its values. */
    static DataSplit split(int n) {
        float[] values = new float[n * 9];
        for (int i = 0; i < values.length; i++) {
            values[i] = i / 9 + 1;
        }
        return new DataSplit(new int[] {3, 3}, values, new int[0]);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(w);
    }

    @Override
    public LossReport trainStep(Tensor input, Tensor target) {
        trained += input.rows();
        engine.copy(w.value(), w.gradient());
        return evaluate(input, target);
    }

    @Override
    public LossReport evaluate(Tensor input, Tensor target) {
        double sum = 0;
        for (double v : w.value().toDoubleArray()) {
            sum += v * v;
        }
        return LossReport.single("half_square", sum / 2);
    }

    @Override
    public Tensor reconstruct(Tensor input) {
        if (reconstruction != null) {
            reconstruction.close();
        }
        reconstruction = engine.zeros(input.dtype(), input.shape());
        engine.copy(input, reconstruction);
        return reconstruction;
    }

    @Override
    public void accumulateCurvature(Tensor input, Tensor target) {
        if (curvatureUnsupported) {
            throw new UnsupportedOperationException("layer probe has no diagonal-Hessian backward");
        }
        double[] values = input.toDoubleArray();
        List<Integer> samples = new ArrayList<>();
        double sum = 0;
        for (int r = 0; r < input.rows(); r++) {
            samples.add((int) values[r * 9]);
            sum += values[r * 9];
        }
        curvatureCalls.add(new CurvatureCall(trained, samples));
        engine.addScalar(w.curvature(), sum / input.rows(), w.curvature());
    }

    @Override
    public void close() {
        w.close();
        if (reconstruction != null) {
            reconstruction.close();
        }
    }

    /** The probe with filters: its two 3x3 filters as {@code dictionary}, and five 2x2 constant ones as {@code encoder}. */
    static final class WithFilters extends ProbeModel implements Filters {

        /** The training samples seen at each call of filterImages. */
        final List<Long> drawnAt = new ArrayList<>();

        WithFilters(Engine engine) {
            super(engine);
        }

        @Override
        public List<FilterImage> filterImages() {
            drawnAt.add(trained);
            float[] dictionary = new float[18];
            double[] v = w.value().toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                dictionary[i] = (float) v[i];
            }
            float[] encoder = new float[5 * 4];
            for (int i = 0; i < encoder.length; i++) {
                encoder[i] = i / 4 - 2;        // filter f holds f - 2 everywhere
            }
            return List.of(new FilterImage("dictionary", 2, 3, 3, dictionary), new FilterImage("encoder", 5, 2, 2, encoder));
        }
    }

    /** Records the curvature each update sees; the update is -0.1 g / (1 + h), so that it depends on h. */
    static final class RecordingOptimizer implements Optimizer, CurvatureEstimates {

        final Engine engine;
        final long every;
        final int samples;
        /** The curvature's first element at each update, in order. */
        final List<Double> seen = new ArrayList<>();

        RecordingOptimizer(Engine engine, long every, int samples) {
            this.engine = engine;
            this.every = every;
            this.samples = samples;
        }

        @Override
        public long everySamples() {
            return every;
        }

        @Override
        public int estimateSamples() {
            return samples;
        }

        @Override
        public OptimizerState init(List<Parameter> parameters) {
            Parameter p = parameters.get(0);
            return new OptimizerState("probe",
                    Map.of("denominator/" + p.name(), engine.zeros(DType.FLOAT64, p.value().shape())), List.of());
        }

        @Override
        public void update(List<Parameter> parameters, OptimizerState state, long step) {
            Parameter p = parameters.get(0);
            seen.add(p.curvature().toDoubleArray()[0]);
            Tensor d = state.tensor("denominator", p.name());
            engine.addScalar(p.curvature(), 1, d);
            engine.div(p.gradient(), d, p.gradient());
            engine.scale(p.gradient(), -0.1, p.gradient());
        }
    }
}
