package dev.latent.launcher.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.plugin.LatentHome;
import dev.latent.launcher.run.TinyRuns;
import dev.latent.launcher.run.TrainedRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code latent eval} on a small trained run: the test MSE is the one training reported (the
 * loss is MSE), the PCA baseline has the code's size and its own error, and eval.json holds both.
 */
class RunEvaluationTest {

    static final String MANIFEST = "seed: 3\n"
            + "engine: {name: cpu, threads: 1}\n"
            + "dataset: {name: mnist, trainLimit: 300, testLimit: 100}\n"
            + "model: {name: ae, hidden: [32], code: 6, activation: relu, outputActivation: sigmoid}\n"
            + "loss: mse\n"
            + "optimizer: {name: adam, learningRate: 0.01}\n"
            + "training: {epochs: 2, batchSize: 50, pictures: 0}\n";

    @TempDir
    Path dir;

    @Test
    void theModelsTestErrorBesidePca() throws Exception {
        LatentHome home = TinyRuns.home(dir);
        Manifest manifest = TinyRuns.manifest(home, dir, MANIFEST + "output: " + dir.resolve("runs") + "\n");
        TinyRuns.Trained trained = TinyRuns.train(home, manifest);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (TrainedRun run = TinyRuns.load(home, trained.run().path(), manifest, w -> { })) {
            RunEvaluation.run(run, true, new PrintStream(printed, true));
            JsonNode json = new ObjectMapper().readTree(trained.run().path().resolve("eval.json").toFile());
            double saved = new ObjectMapper().readTree(trained.run().path().resolve("summary.json").toFile())
                    .get("test_loss").doubleValue();
            assertEquals(saved, json.at("/test/mse_per_pixel").doubleValue(), 1e-6, "MSE per pixel, as trained with");
            assertEquals(saved, json.at("/test/terms/mse").doubleValue(), 1e-7);
            assertEquals(100, json.get("test_samples").intValue());
            assertEquals(6, json.at("/pca/components").intValue());
            assertEquals(300, json.at("/pca/fitted_on").intValue());
            double pca = Pca.fit(run.engine(), run.split().train(), 6).meanSquaredError(run.dataset().test());
            assertEquals(pca, json.at("/pca/test_mse_per_pixel").doubleValue(), 1e-12);
            double model = json.at("/test/mse_per_pixel").doubleValue();
            assertEquals(model <= pca ? "model" : "pca", json.at("/pca/comparison/winner").textValue());
            assertEquals(Math.max(model, pca) / Math.min(model, pca), json.at("/pca/comparison/factor").doubleValue(), 1e-12);
        }
        String out = printed.toString();
        assertTrue(out.contains("test: reconstruction MSE per pixel "), out);
        assertTrue(out.contains("PCA-6 (fitted on 300 training samples in "), out);
        assertTrue(out.contains("wrote " + trained.run().path().resolve("eval.json")), out);
    }
}
