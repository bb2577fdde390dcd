package dev.latent.launcher.transfer;

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
 * {@code latent transfer} on a small trained run: the classifiers are wired from their manifest
 * and learn well above chance from a 16-value code and from the raw pixels, on the run's own
 * division of the training split, and transfer.json records every accuracy.
 */
class TransferLearningTest {

    static final String MANIFEST = "seed: 4\n"
            + "engine: {name: cpu, threads: 1}\n"
            + "dataset: {name: mnist, trainLimit: 1000, testLimit: 200}\n"
            + "model: {name: ae, hidden: [64], code: 16, activation: relu, outputActivation: sigmoid}\n"
            + "loss: mse\n"
            + "optimizer: {name: adam, learningRate: 0.003}\n"
            + "training: {epochs: 3, batchSize: 50, validationFraction: 0.2, pictures: 0}\n";

    @TempDir
    Path dir;

    @Test
    void classifiersOnCodesAndPixelsLearnWellAboveChance() throws Exception {
        LatentHome home = TinyRuns.home(dir);
        Manifest manifest = TinyRuns.manifest(home, dir, MANIFEST + "output: " + dir.resolve("runs") + "\n");
        TinyRuns.Trained trained = TinyRuns.train(home, manifest);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (TrainedRun run = TinyRuns.load(home, trained.run().path(), manifest, w -> { })) {
            TransferLearning.run(run, TinyRuns.catalog(home), home.profiles(),
                    new TransferLearning.Settings(15, 1, true, 32, 0.003), new PrintStream(printed, true));
        }
        String out = printed.toString();
        JsonNode json = new ObjectMapper().readTree(trained.run().path().resolve("transfer.json").toFile());
        assertEquals(16, json.get("code_size").intValue());
        assertEquals(10, json.get("classes").intValue());
        assertEquals(200, json.get("validation_samples").intValue(), "the run's own 20%");
        for (String features : new String[] {"codes", "raw_pixels"}) {
            for (String head : new String[] {"head", "linear_probe"}) {
                JsonNode r = json.at("/" + features + "/" + head);
                assertEquals(15, r.get("train_loss").size(), features + " " + head);
                double test = r.get("test_accuracy").doubleValue();
                assertTrue(test > 0.5 && test <= 1, features + " " + head + ": " + test + "\n" + out);
                assertTrue(r.get("train_accuracy").doubleValue() >= r.get("validation_accuracy").doubleValue() - 0.1,
                        features + " " + head + "\n" + out);
                assertTrue(r.get("train_loss").get(14).doubleValue() < r.get("train_loss").get(0).doubleValue());
            }
        }
        assertEquals(json.at("/codes/head/hidden/0").intValue(), 128);
        assertEquals(0, json.at("/codes/linear_probe/hidden").size());
        assertTrue(out.contains("head on codes "), out);
        assertTrue(out.contains("linear_probe on raw pixels "), out);
    }
}
