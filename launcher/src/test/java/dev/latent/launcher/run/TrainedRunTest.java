package dev.latent.launcher.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latent.api.model.LossReport;
import dev.latent.launcher.UserError;
import dev.latent.launcher.checkpoint.CheckpointException;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.output.RunFolder;
import dev.latent.launcher.plugin.LatentHome;
import dev.latent.launcher.train.Evaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished run loads back with the parameters it trained to and the same test loss training
 * reported; a folder that is no run, or whose checkpoints are missing or damaged, is refused with
 * a message naming it.
 */
class TrainedRunTest {

    /** A dense AE on 240 digits (24 for validation) for 2 epochs, tested on 60. */
    static final String MANIFEST = "seed: 5\n"
            + "engine: {name: cpu, threads: 1}\n"
            + "dataset: {name: mnist, trainLimit: 240, testLimit: 60}\n"
            + "model: {name: ae, hidden: [16], code: 4, activation: relu, outputActivation: sigmoid}\n"
            + "loss: mse\n"
            + "optimizer: {name: adam, learningRate: 0.01}\n"
            + "training: {epochs: 2, batchSize: 32, validationFraction: 0.1, pictures: 0}\n";

    @TempDir
    static Path dir;
    static LatentHome home;
    static Manifest manifest;
    static TinyRuns.Trained trained;

    @BeforeAll
    static void trainOnce() throws Exception {
        home = TinyRuns.home(dir);
        manifest = TinyRuns.manifest(home, dir, MANIFEST + "output: " + dir.resolve("runs") + "\n");
        trained = TinyRuns.train(home, manifest);
    }

    private static TrainedRun open(Path folder) throws Exception {
        List<String> warnings = new ArrayList<>();
        TrainedRun run = open(folder, manifest, warnings::add);
        assertEquals(List.of(), warnings);
        return run;
    }

    static TrainedRun open(Path folder, Manifest manifest, java.util.function.Consumer<String> warn) throws Exception {
        return TinyRuns.load(home, folder, manifest, warn);
    }

    @Test
    void loadsTheParametersTheRunEndedWithAndReproducesItsTestLoss() throws Exception {
        try (TrainedRun run = open(trained.run().path())) {
            assertEquals(trained.run().path().resolve("checkpoints/step-000000014.safetensors"), run.checkpoint(),
                    "216 samples in batches of 32 = 7 steps an epoch, 2 epochs");
            var parameters = run.model().parameters();
            assertEquals(trained.parameters().size(), parameters.size());
            for (int i = 0; i < parameters.size(); i++) {
                assertArrayEquals(trained.parameters().get(i), parameters.get(i).value().toFloatArray(),
                        parameters.get(i).name());
            }
            assertEquals(216, run.split().train().count());
            assertEquals(24, run.split().validation().orElseThrow().count());
            assertEquals(60, run.dataset().test().count());
            LossReport test = Evaluation.of(run.engine(), run.manifest().dtype(), run.model(), run.dataset().test(), 500);
            double saved = new ObjectMapper().readTree(trained.run().path().resolve("summary.json").toFile())
                    .get("test_loss").doubleValue();
            assertEquals(saved, test.total(), 1e-7, "the test loss training reported for the saved epoch");
        }
    }

    @Test
    void aFolderThatIsNoRunOrHasNoGoodCheckpointIsRefusedByName() throws Exception {
        Path none = dir.resolve("none");
        assertEquals("no run folder at " + none.toAbsolutePath(),
                assertThrows(UserError.class, () -> open(none)).getMessage());

        Path copy = copyRun("copy");
        Path checkpoints = copy.resolve("checkpoints");
        Path newest = checkpoints.resolve("step-000000014.safetensors");
        Path older = checkpoints.resolve("step-000000007.safetensors");
        Files.write(newest, new byte[] {1, 2, 3});
        List<String> warnings = new ArrayList<>();
        try (TrainedRun run = open(copy, manifest, warnings::add)) {
            assertEquals(older, run.checkpoint(), "the damaged newest one is skipped");
            assertEquals(1, warnings.size());
            assertTrue(warnings.get(0).startsWith("skipping a damaged checkpoint: " + newest + ": "), warnings.get(0));
        }

        Files.write(older, new byte[] {4, 5, 6, 7, 8, 9, 10, 11, 12});
        String message = assertThrows(UserError.class, () -> open(copy)).getMessage();
        assertTrue(message.startsWith("no checkpoint in " + checkpoints + " reads back whole: " + newest + ": "), message);
        assertTrue(message.contains("; " + older + ": "), message);

        Files.delete(newest);
        Files.delete(older);
        try (Stream<Path> files = Files.list(copy.resolve("parameters"))) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(copy.resolve("parameters"));
        assertEquals("nothing to load in " + copy + ": no checkpoint in " + checkpoints + " and no parameters/ folder,"
                + " which a run writes when it finishes; the run has not finished a checkpoint yet, continue it with:"
                + " latent train --resume " + copy, assertThrows(UserError.class, () -> open(copy)).getMessage());
    }

    /** A run trained with keepCheckpoints: 0 keeps no checkpoint; its parameters/ folder is loaded instead. */
    @Test
    void aFinishedRunWithoutCheckpointsLoadsFromItsParametersFolder() throws Exception {
        Path copy = copyRun("no-checkpoints");
        try (Stream<Path> files = Files.list(copy.resolve("checkpoints"))) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        try (TrainedRun run = open(copy)) {
            assertEquals(copy.resolve("parameters"), run.checkpoint());
            var parameters = run.model().parameters();
            for (int i = 0; i < parameters.size(); i++) {
                assertArrayEquals(trained.parameters().get(i), parameters.get(i).value().toFloatArray(),
                        parameters.get(i).name());
            }
        }
        Path weight = copy.resolve("parameters/encoder.0.weight.npy");
        byte[] bytes = Files.readAllBytes(weight);
        Files.write(weight, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        CheckpointException e = assertThrows(CheckpointException.class, () -> open(copy));
        assertTrue(e.getMessage().startsWith(weight + ": holds "), e.getMessage());
        assertTrue(e.getMessage().contains(" bytes of data, but shape [") && e.getMessage().contains(" of float32 needs "),
                e.getMessage());
    }

    @Test
    void aCheckpointOfAnotherModelIsRefusedNamingTheTensor() throws Exception {
        Manifest wider = TinyRuns.manifest(home, Files.createDirectories(dir.resolve("wider")),
                MANIFEST.replace("code: 4", "code: 5") + "output: " + dir.resolve("runs") + "\n");
        Path file = trained.run().path().resolve("checkpoints/step-000000014.safetensors");
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> open(trained.run().path(), wider, w -> { }));
        assertEquals(file + ": tensor 'encoder.2.weight' has shape [16, 4], but a parameter of the model has shape"
                + " [16, 5]; was the checkpoint written for another model or settings?", e.getMessage());
    }

    private static Path copyRun(String name) throws IOException {
        Path to = dir.resolve(name);
        try (Stream<Path> files = Files.walk(trained.run().path())) {
            for (Path p : files.toList()) {
                Path target = to.resolve(trained.run().path().relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
