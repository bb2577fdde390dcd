package dev.latent.models.vae;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Encoder;
import dev.latent.api.model.Generative;
import dev.latent.api.model.Loss;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.Model;
import dev.latent.api.model.Parameter;
import dev.latent.models.layer.BatchBuffer;
import dev.latent.models.layer.Buffers;
import dev.latent.models.layer.Layer;
import dev.latent.models.layer.Linear;
import dev.latent.models.loss.DataSpace;
import dev.latent.models.loss.GaussianKl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A variational autoencoder (Kingma and Welling 2014): a trunk network, two Linear heads for the
 * mean mu and the log-variance of the approximate posterior q(z|x) = N(mu, exp(logVar)), a sample
 * z = mu + eps * exp(logVar / 2) with eps ~ N(0, I) from a seeded stream (the reparameterisation
 * trick), and a decoder from z back to the input.
 *
 * <p>Loss, per sample and averaged over the batch: the reconstruction summed over the input's
 * values plus beta times the KL divergence to the prior N(0, I) ({@link GaussianKl}). With the
 * mse loss that is DESIGN.md's "sum of squared error over pixels + KL". The report's terms are
 * the reconstruction loss per value as the loss names it (for example {@code mse}, comparable
 * with the other models' figures), {@code reconstruction} (the same summed over a sample's
 * values) and {@code kl} (per sample); the total is {@code reconstruction + beta * kl}.
 *
 * <p>Evaluation and {@link #reconstruct} decode from mu, with no sampling; {@link #sample}
 * decodes draws from the prior. The diagonal-Hessian backward is not defined for the sampling
 * step, so {@link #accumulateCurvature} throws {@link UnsupportedOperationException}.
 */
public final class VariationalAutoencoder implements Model, Generative, Encoder {

    private final Engine engine;
    private final Layer trunk;
    private final Linear muHead;
    private final Linear logVarHead;
    private final Layer decoder;
    private final Loss loss;
    private final double beta;
    private final int inputSize;
    private final int latent;
    private final RandomStream noise;
    private final GaussianKl kl;
    private final List<Parameter> parameters;
    private final BatchBuffer eps;
    private final BatchBuffer z;
    private final BatchBuffer gradLogVar;
    private final BatchBuffer gradOutput;
    private final BatchBuffer gradTrunk;
    private final DataSpace dataSpace;

    /**
     * @param noise the stream of eps in training; the model does not own it
     */
    public VariationalAutoencoder(Engine engine, DType dtype, Layer trunk, Linear muHead, Linear logVarHead,
                                  Layer decoder, Loss loss, int inputSize, double beta, RandomStream noise) {
        int hidden = trunk.outputSize(inputSize);
        this.latent = muHead.outputSize(hidden);
        if (logVarHead.outputSize(hidden) != latent) {
            throw new IllegalArgumentException("the mu head gives " + latent + " values, the log-variance head "
                    + logVarHead.outputSize(hidden));
        }
        int outputSize = decoder.outputSize(latent);
        if (outputSize != inputSize) {
            throw new IllegalArgumentException("the decoder outputs " + outputSize + " values for " + inputSize + " inputs");
        }
        this.engine = engine;
        this.trunk = trunk;
        this.muHead = muHead;
        this.logVarHead = logVarHead;
        this.decoder = decoder;
        this.loss = loss;
        this.beta = beta;
        this.inputSize = inputSize;
        this.noise = noise;
        this.kl = new GaussianKl(engine, dtype, latent);
        List<Parameter> all = new ArrayList<>(trunk.parameters());
        all.addAll(muHead.parameters());
        all.addAll(logVarHead.parameters());
        all.addAll(decoder.parameters());
        this.parameters = List.copyOf(all);
        this.eps = new BatchBuffer(engine, dtype, latent);
        this.z = new BatchBuffer(engine, dtype, latent);
        this.gradLogVar = new BatchBuffer(engine, dtype, latent);
        this.gradOutput = new BatchBuffer(engine, dtype, inputSize);
        this.gradTrunk = new BatchBuffer(engine, dtype, hidden);
        this.dataSpace = new DataSpace(engine, dtype, loss, inputSize);
    }

    /** The size of the latent code z. */
    public int latentSize() {
        return latent;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The trunk's buffers, then the decoder's (the heads are Linear layers, which have none). */
    @Override
    public Map<String, Tensor> buffers() {
        return Buffers.of(List.of(trunk.buffers(), decoder.buffers()));
    }

    @Override
    public int codeSize() {
        return latent;
    }

    /** The posterior means of a batch in evaluation mode (the codes), owned by the mu head. */
    @Override
    public Tensor encode(Tensor input) {
        return muHead.forward(trunk.forward(input, false), false);
    }

    @Override
    public LossReport trainStep(Tensor input, Tensor target) {
        int n = input.rows();
        Tensor h = trunk.forward(input, true);
        Tensor mu = muHead.forward(h, true);
        Tensor logVar = logVarHead.forward(h, true);
        // z = mu + eps * exp(logVar / 2); the eps buffer then holds eps * exp(logVar / 2) = z - mu.
        Tensor e = eps.get(n);
        Tensor sample = z.get(n);
        noise.fillGaussian(e, 0, 1);
        engine.scale(logVar, 0.5, sample);
        engine.exp(sample, sample);
        engine.mul(e, sample, e);
        engine.add(mu, e, sample);

        Tensor output = decoder.forward(sample, true);
        Tensor g = gradOutput.get(n);
        double perValue = loss.compute(output, target, g);
        engine.scale(g, inputSize, g);
        // dz/dmu = 1; dz/dlogVar = eps * exp(logVar / 2) / 2. The decoder's input gradient is its
        // own buffer, free to become d loss / d mu once d loss / d logVar has been read from it.
        Tensor gMu = decoder.backward(g, true);
        Tensor gLogVar = gradLogVar.get(n);
        engine.mul(gMu, e, gLogVar);
        engine.scale(gLogVar, 0.5, gLogVar);
        double divergence = kl.addGradient(mu, logVar, beta, gMu, gLogVar);
        Tensor gh = gradTrunk.get(n);
        engine.add(muHead.backward(gMu, true), logVarHead.backward(gLogVar, true), gh);
        trunk.backward(gh, false);
        return report(perValue, divergence);
    }

    @Override
    public LossReport evaluate(Tensor input, Tensor target) {
        Tensor h = trunk.forward(input, false);
        Tensor mu = muHead.forward(h, false);
        double divergence = kl.value(mu, logVarHead.forward(h, false));
        return report(loss.value(decoder.forward(mu, false), target), divergence);
    }

    private LossReport report(double perValue, double divergence) {
        double reconstruction = perValue * inputSize;
        Map<String, Double> terms = new LinkedHashMap<>();
        terms.put(loss.name(), perValue);
        terms.put("reconstruction", reconstruction);
        terms.put("kl", divergence);
        return new LossReport(reconstruction + beta * divergence, terms);
    }

    @Override
    public Tensor reconstruct(Tensor input) {
        return decode(encode(input));
    }

    @Override
    public Tensor sample(int count, RandomStream random) {
        Tensor draws = z.get(count);
        random.fillGaussian(draws, 0, 1);
        return decode(draws);
    }

    /** Decodes given latent codes {@code [batch, latentSize]} in evaluation mode, in data space. */
    @Override
    public Tensor decode(Tensor codes) {
        return dataSpace.of(decoder.forward(codes, false));
    }

    @Override
    public void accumulateCurvature(Tensor input, Tensor target) {
        throw new UnsupportedOperationException("the variational autoencoder has no diagonal-Hessian backward"
                + " (its sampling step has none); choose an optimizer that does not need curvature");
    }

    @Override
    public void close() {
        trunk.close();
        muHead.close();
        logVarHead.close();
        decoder.close();
        kl.close();
        dataSpace.close();
        for (BatchBuffer b : List.of(eps, z, gradLogVar, gradOutput, gradTrunk)) {
            b.close();
        }
    }
}
