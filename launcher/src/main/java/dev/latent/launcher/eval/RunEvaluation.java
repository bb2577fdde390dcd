package dev.latent.launcher.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.latent.api.data.DataSplit;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.model.Encoder;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.Model;
import dev.latent.launcher.UserError;
import dev.latent.launcher.output.AtomicFiles;
import dev.latent.launcher.run.TrainedRun;
import dev.latent.launcher.train.Evaluation;
import dev.latent.launcher.train.NoisyTestSet;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code latent eval} measures on a trained run, printed and written to
 * {@code <run>/eval.json}:
 *
 * <ul>
 *   <li>{@code test}: the mean squared error per pixel of the model's reconstructions of the test
 *       split ({@link ReconstructionError}), and the model's own loss with its terms
 *       ({@link Evaluation}, as training reports them: for a VAE the reconstruction and KL terms
 *       and their sum);
 *   <li>{@code noisy_test}, for a run with noise: the same for reconstructing the clean test
 *       split from the noisy one training judged it on ({@link NoisyTestSet}: the same seed, the
 *       same corruption), with {@code input_mse}, the error of the noisy input itself;
 *   <li>{@code pca}, for a model with a code ({@link Encoder}): PCA with as many components as
 *       the code is long, fitted on the samples the model trained on (the validation split set
 *       aside), its test MSE per pixel (and noisy-to-clean) and which of the two wins, by what
 *       factor (the larger error over the smaller).
 * </ul>
 */
public final class RunEvaluation {

    private RunEvaluation() {
    }

    /** Evaluates {@code run}, with the PCA baseline when {@code pca}; prints to {@code out} and writes eval.json. */
    public static Map<String, Object> run(TrainedRun run, boolean pca, PrintStream out) throws IOException {
        Engine engine = run.engine();
        DType dtype = run.manifest().dtype();
        Model model = run.model();
        DataSplit test = run.dataset().test();
        int batch = run.manifest().training().evalBatchSize();
        String modelName = run.manifest().choice("model").name();
        out.printf("evaluating %s: %s on %s (%d test samples), parameters from %s%s%n", run.folder().path(), modelName,
                run.dataset().name(), test.count(), run.checkpoint().getFileName(),
                run.bestEpoch() ? " (the best epoch, as early stopping restored it)" : "");

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", run.folder().path().toString());
        json.put("model", modelName);
        json.put("dataset", run.dataset().name());
        json.put("checkpoint", run.checkpoint().toString());
        json.put("best_epoch_parameters", run.bestEpoch());
        json.put("test_samples", test.count());

        double mse = ReconstructionError.of(engine, dtype, model, test, test, batch);
        LossReport loss = Evaluation.of(engine, dtype, model, test, batch);
        json.put("test", section(mse, loss));
        out.printf(Locale.ROOT, "test: reconstruction MSE per pixel %.5f; loss %s%n", mse, describe(loss));

        Optional<NoisyTestSet> noisy = run.noise().map(n -> NoisyTestSet.draw(engine, dtype, n, test,
                run.manifest().seed(), batch));
        Double noisyMse = null;
        if (noisy.isPresent()) {
            NoisyTestSet n = noisy.get();
            noisyMse = ReconstructionError.of(engine, dtype, model, n.inputs(), test, batch);
            Map<String, Object> section = section(noisyMse, Evaluation.of(engine, dtype, model, n.inputs(), test, batch));
            section.put("noise", run.manifest().choice("noise").name());
            section.put("input_mse", n.inputMse());
            json.put("noisy_test", section);
            out.printf(Locale.ROOT, "noisy test (%s): noisy-to-clean MSE per pixel %.5f (the noisy input's own: %.5f)%n",
                    run.manifest().choice("noise").name(), noisyMse, n.inputMse());
        }

        if (pca && model instanceof Encoder encoder) {
            json.put("pca", baseline(run, encoder.codeSize(), mse, noisy, noisyMse, out));
        } else if (pca) {
            out.println("no PCA baseline: model '" + modelName + "' has no code (it does not implement Encoder)");
        }
        Path file = run.folder().path().resolve("eval.json");
        try {
            AtomicFiles.write(file, o -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(o, json));
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage(), e);
        }
        out.println("wrote " + file);
        return json;
    }

    private static Map<String, Object> baseline(TrainedRun run, int k, double modelMse, Optional<NoisyTestSet> noisy,
                                                Double noisyModelMse, PrintStream out) {
        DataSplit train = run.split().train();
        int d = train.sampleSize();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("components", k);
        if (k > d) {
            out.printf("no PCA baseline: the code (%d) is longer than a sample (%d)%n", k, d);
            json.put("skipped", "the code is longer than a sample");
            return json;
        }
        long start = System.nanoTime();
        Pca pca = Pca.fit(run.engine(), train, k);
        double seconds = (System.nanoTime() - start) / 1e9;
        double mse = pca.meanSquaredError(run.dataset().test());
        json.put("fitted_on", train.count());
        json.put("explained_variance", pca.explainedVariance());
        json.put("fit_seconds", seconds);
        json.put("test_mse_per_pixel", mse);
        out.printf(Locale.ROOT, "PCA-%d (fitted on %d training samples in %.1f s, %.1f%% of the variance):"
                + " test MSE per pixel %.5f%n", k, train.count(), seconds, 100 * pca.explainedVariance(), mse);
        json.put("comparison", compare("test", modelMse, mse, k, out));
        if (noisy.isPresent()) {
            double noisyMse = pca.meanSquaredError(noisy.get().inputs(), run.dataset().test());
            json.put("noisy_test_mse_per_pixel", noisyMse);
            out.printf(Locale.ROOT, "PCA-%d noisy-to-clean: MSE per pixel %.5f%n", k, noisyMse);
            json.put("noisy_comparison", compare("noisy test", noisyModelMse, noisyMse, k, out));
        }
        return json;
    }

    /** Which error is lower, and the larger over the smaller. */
    static Map<String, Object> compare(String what, double model, double pca, int k, PrintStream out) {
        String winner = model <= pca ? "model" : "pca";
        double factor = model <= pca ? pca / model : model / pca;
        out.printf(Locale.ROOT, "%s: %s wins, %.2fx lower MSE than %s%n", what,
                model <= pca ? "the model" : "PCA-" + k, factor, model <= pca ? "PCA-" + k : "the model");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("winner", winner);
        json.put("factor", factor);
        return json;
    }

    private static Map<String, Object> section(double mse, LossReport loss) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mse_per_pixel", mse);
        json.put("loss", loss.total());
        json.put("terms", loss.terms());
        return json;
    }

    private static String describe(LossReport loss) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%.5f", loss.total()));
        if (loss.terms().size() > 1) {
            b.append(" =");
            String sep = " ";
            for (Map.Entry<String, Double> t : loss.terms().entrySet()) {
                b.append(sep).append(String.format(Locale.ROOT, "%s %.5f", t.getKey(), t.getValue()));
                sep = " + ";
            }
        } else {
            loss.terms().keySet().forEach(name -> b.append(" (").append(name).append(")"));
        }
        return b.toString();
    }
}
