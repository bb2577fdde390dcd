package dev.latent.launcher.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latent.api.config.NoSettings;
import dev.latent.api.data.DataSplit;
import dev.latent.api.data.Dataset;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.model.Model;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.plugin.PluginProvider;
import dev.latent.api.run.RunListener;
import dev.latent.launcher.TestHome;
import dev.latent.launcher.UserError;
import dev.latent.launcher.checkpoint.Safetensors;
import dev.latent.launcher.config.Choice;
import dev.latent.launcher.config.EarlyStoppingConfig;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.config.TrainingConfig;
import dev.latent.launcher.output.RunFolder;
import dev.latent.launcher.plugin.PluginCatalog;
import dev.latent.launcher.plugin.PluginOrigin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer's schedules in training samples, on a probe model ({@link ProbeModel}): 10 training
 * samples in batches of 4 (4, 4 and 2 an epoch) for 3 epochs, so batch boundaries fall at 4, 8,
 * 10, 14, 18, 20, 24, 28 and 30 samples. Curvature estimates every 12 samples over 6 samples (a
 * batch of 4 and one of 2) therefore come at 0, 14 (the boundary after 12) and 24.
 */
class SampleSchedulesTest {

    private static final long SEED = 5;
    private static final DataSplit TRAIN = ProbeModel.split(10);
    private static final Dataset DATA = new Dataset("probe", TRAIN, ProbeModel.split(3));

    private static Engine engine;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeAll
    static void startCpuEngine() throws Exception {
        engine = TestHome.cpuEngine();
    }

    private static Choice choice(String section, String name, Record config) {
        PluginProvider<Record> provider = new PluginProvider<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "a probe";
            }

            @Override
            @SuppressWarnings("unchecked")
            public Class<Record> configType() {
                return (Class<Record>) config.getClass();
            }
        };
        return new Choice(section, new PluginCatalog.Entry(section, provider, new PluginOrigin("test", "-", "-", true)),
                config);
    }

    private Manifest manifest(int checkpointEvery, List<Long> snapshots) {
        TrainingConfig training = new TrainingConfig(3, 4, 500, true, 0, 0, EarlyStoppingConfig.OFF, checkpointEvery, 50,
                TrainingConfig.STOP, snapshots);
        Map<String, Choice> choices = new LinkedHashMap<>();
        choices.put("model", choice("model", "probe-model", new NoSettings()));
        choices.put("optimizer", choice("optimizer", "probe-optimizer", new ProbeSettings(12)));
        return new Manifest(dir.resolve("probe.yaml"), SEED, DType.FLOAT64, dir, training, choices, List.of(), List.of(),
                List.of());
    }

    private Trainer trainer(Model model, Optimizer optimizer, Manifest manifest) {
        return new Trainer(engine, DATA, ValidationSplit.of(TRAIN, 0, SEED), model, optimizer, Optional.empty(), manifest,
                new PrintStream(log, true, StandardCharsets.UTF_8), false, metrics -> { });
    }

    private RunFolder train(Model model, Optimizer optimizer, Manifest manifest) throws Exception {
        RunFolder run = RunFolder.create(dir.resolve("runs"), "probe");
        trainer(model, optimizer, manifest).train(run, Optional.empty());
        return run;
    }

    /** The mean sample index of each estimate (its two batches' means, averaged), in order. */
    private static List<Double> estimates(ProbeModel model) {
        List<Double> out = new ArrayList<>();
        List<ProbeModel.CurvatureCall> calls = model.curvatureCalls;
        for (int i = 0; i < calls.size(); i += 2) {
            out.add((mean(calls.get(i).samples()) + mean(calls.get(i + 1).samples())) / 2);
        }
        return out;
    }

    private static double mean(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).average().orElseThrow();
    }

    @Test
    void curvatureIsEstimatedBeforeTheFirstUpdateAndAtTheBoundariesAfterEachTwelveSamples() throws Exception {
        try (ProbeModel model = new ProbeModel(engine)) {
            ProbeModel.RecordingOptimizer optimizer = new ProbeModel.RecordingOptimizer(engine, 12, 6);
            RunFolder run = train(model, optimizer, manifest(0, List.of()));
            List<ProbeModel.CurvatureCall> calls = model.curvatureCalls;
            assertEquals(List.of(0L, 0L, 14L, 14L, 24L, 24L), calls.stream().map(ProbeModel.CurvatureCall::trained).toList());
            assertEquals(List.of(4, 2, 4, 2, 4, 2), calls.stream().map(c -> c.samples().size()).toList(),
                    "6 samples in batches of the run's batch size");
            List<Double> estimates = estimates(model);
            for (int e = 0; e < 3; e++) {
                List<Integer> drawn = new ArrayList<>(calls.get(2 * e).samples());
                drawn.addAll(calls.get(2 * e + 1).samples());
                assertEquals(6, new HashSet<>(drawn).size(), "drawn without replacement: " + drawn);
                assertTrue(drawn.stream().allMatch(i -> i >= 1 && i <= 10), drawn.toString());
            }
            assertNotEquals(estimates.get(0), estimates.get(1), "each estimate draws its own samples");
            // updates at 0, 4, 8, 10 samples see estimate 0; at 14, 18, 20 estimate 1; at 24, 28 estimate 2:
            // each the mean of its batches' mean indices (the sum of two batches divided by 2)
            List<Double> expected = List.of(estimates.get(0), estimates.get(0), estimates.get(0), estimates.get(0),
                    estimates.get(1), estimates.get(1), estimates.get(1), estimates.get(2), estimates.get(2));
            assertEquals(expected.size(), optimizer.seen.size());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i), optimizer.seen.get(i), 1e-12, "update " + (i + 1));
            }
            String printed = log.toString(StandardCharsets.UTF_8);
            assertTrue(printed.startsWith("curvature: a diagonal-Hessian estimate over 6 training samples (2 batches)"
                    + " took "), printed);
            assertTrue(printed.contains(" s; one every 12 training samples\n"), printed);
            assertEquals(1, printed.split("curvature:", -1).length - 1, "the cost is logged once");
            assertEquals(3, new ObjectMapper().readTree(run.path().resolve("summary.json").toFile())
                    .get("curvature_estimates").asInt());
        }
    }

    @Test
    void theDrawsDependOnlyOnTheSeedAndTheSampleCount() throws Exception {
        List<List<ProbeModel.CurvatureCall>> runs = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            try (ProbeModel model = new ProbeModel(engine)) {
                train(model, new ProbeModel.RecordingOptimizer(engine, 12, 6), manifest(0, List.of()));
                runs.add(model.curvatureCalls);
            }
        }
        assertEquals(runs.get(0), runs.get(1));
    }

    @Test
    void aResumedRunEndsWithTheUninterruptedParametersAndCurvature() throws Exception {
        Manifest manifest = manifest(1, List.of());
        try (ProbeModel whole = new ProbeModel(engine); ProbeModel resumed = new ProbeModel(engine)) {
            ProbeModel.RecordingOptimizer second = new ProbeModel.RecordingOptimizer(engine, 12, 6);
            // both trainers first: each records the engine's random streams when it is made
            Trainer first = trainer(whole, new ProbeModel.RecordingOptimizer(engine, 12, 6), manifest);
            Trainer then = trainer(resumed, second, manifest);
            RunFolder run = RunFolder.create(dir.resolve("runs"), "whole");
            first.train(run, Optional.empty());
            // step 4 ends at 14 samples, just after estimate 1; the checkpoint holds it
            Safetensors.File checkpoint = Safetensors.read(run.checkpoints(50).file(4));
            resumed.trained = 14;
            then.train(RunFolder.create(dir.resolve("runs"), "resumed"), Optional.of(checkpoint));
            assertEquals(List.of(24L, 24L), resumed.curvatureCalls.stream().map(ProbeModel.CurvatureCall::trained).toList(),
                    "no estimate at the resumed start; the next at 24 samples");
            assertEquals(estimates(whole).get(2), estimates(resumed).get(0), "estimate 2 draws the same samples");
            assertEquals(whole.curvatureCalls.get(4), resumed.curvatureCalls.get(0));
            assertEquals(estimates(whole).get(1), second.seen.get(0), 1e-12, "the checkpoint's curvature is put back");
            assertArrayEquals(whole.w.value().toDoubleArray(), resumed.w.value().toDoubleArray());
            assertArrayEquals(whole.w.curvature().toDoubleArray(), resumed.w.curvature().toDoubleArray());
        }
    }

    @Test
    void aModelThatCannotEstimateIsRefusedBeforeTheFirstUpdate() throws Exception {
        try (ProbeModel model = new ProbeModel(engine)) {
            model.curvatureUnsupported = true;
            UserError e = assertThrows(UserError.class,
                    () -> train(model, new ProbeModel.RecordingOptimizer(engine, 12, 6), manifest(0, List.of())));
            assertEquals("model 'probe-model' cannot estimate the diagonal Hessian that optimizer 'probe-optimizer' asks"
                    + " for (optimizer.curvature): layer probe has no diagonal-Hessian backward; remove"
                    + " optimizer.curvature, or choose a model whose layers all have a diagonal-Hessian backward",
                    e.getMessage());
            assertEquals(0, model.trained);
        }
    }
}
