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
import dev.latent.launcher.checkpoint.SafetensorsFile;
import dev.latent.launcher.config.Choice;
import dev.latent.launcher.config.EarlyStoppingConfig;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.config.TrainingConfig;
import dev.latent.launcher.output.RunFolder;
import dev.latent.launcher.plugin.PluginCatalog;
import dev.latent.launcher.plugin.PluginOrigin;
import java.awt.image.BufferedImage;
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
import javax.imageio.ImageIO;
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
        return manifest(3, 0, checkpointEvery, snapshots);
    }

    private Manifest manifest(int epochs, long samples, int checkpointEvery, List<Long> snapshots) {
        TrainingConfig training = new TrainingConfig(epochs, 4, 500, true, 0, 0, EarlyStoppingConfig.OFF, checkpointEvery,
                50, TrainingConfig.STOP, snapshots, samples);
        Map<String, Choice> choices = new LinkedHashMap<>();
        choices.put("model", choice("model", "probe-model", new NoSettings()));
        choices.put("optimizer", choice("optimizer", "probe-optimizer", new ProbeSettings(12)));
        return new Manifest(dir.resolve("probe.yaml"), SEED, DType.FLOAT64, dir, training, choices, List.of(), List.of(),
                List.of(), java.util.Optional.empty());
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
            SafetensorsFile checkpoint = Safetensors.read(run.checkpoints(50).file(4));
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

    @Test
    void filterSnapshotsAreDrawnAtTheFirstBoundaryAtOrAfterEachCountAndAtTheEnd() throws Exception {
        try (ProbeModel.WithFilters model = new ProbeModel.WithFilters(engine)) {
            RunFolder run = train(model, new ProbeModel.RecordingOptimizer(engine, 12, 6),
                    manifest(0, List.of(0L, 9L, 14L, 25L)));
            // 0 before the first update, 9 at the boundary at 10, 14 at 14, 25 at 28, and the end at 30
            assertEquals(List.of(0L, 10L, 14L, 28L, 30L), model.drawnAt);
            Path filters = run.path().resolve("filters");
            List<String> names = new ArrayList<>();
            try (var files = java.nio.file.Files.list(filters)) {
                files.map(p -> p.getFileName().toString()).sorted().forEach(names::add);
            }
            assertEquals(List.of("dictionary-0.png", "dictionary-14.png", "dictionary-25.png", "dictionary-9.png",
                    "dictionary.png", "encoder-0.png", "encoder-14.png", "encoder-25.png", "encoder-9.png", "encoder.png"),
                    names);
            // two 3x3 filters side by side: 2 * (3 * 4 + 1) + 1 = 27 wide, 3 * 4 + 2 = 14 high
            BufferedImage dictionary = ImageIO.read(filters.resolve("dictionary-0.png").toFile());
            assertEquals(27, dictionary.getWidth());
            assertEquals(14, dictionary.getHeight());
            // five 2x2 filters in 3 columns and 2 rows: 3 * 9 + 1 = 28 wide, 2 * 9 + 1 = 19 high
            BufferedImage encoder = ImageIO.read(filters.resolve("encoder.png").toFile());
            assertEquals(28, encoder.getWidth());
            assertEquals(19, encoder.getHeight());
            // before the first update the first filter is [-2, -1, 0, 1, 2, 0.5, 0, 0, 0]: rescaled on its own
            // around 0 by its largest magnitude 2, to 0, 64, 128, 191, 255, 159, 128, ...; each pixel a 4x4 square
            int[] expected = {0, 64, 128, 191, 255, 159, 128, 128, 128};
            for (int i = 0; i < 9; i++) {
                for (int d = 0; d < 4; d++) {
                    assertEquals(expected[i], grey(dictionary, 1 + (i % 3) * 4 + d, 1 + (i / 3) * 4 + 3 - d), "pixel " + i);
                }
            }
            assertEquals(128, grey(dictionary, 14 + 5, 1 + 5), "a filter of zeros is mid-grey");
            assertEquals(96, grey(dictionary, 13, 5), "the separator");
            assertEquals(96, grey(dictionary, 0, 0), "the frame");
            // the encoder's filters hold -2, -1, 0, 1, 2: each alone is constant, so black, black, grey, white, white
            assertEquals(List.of(0, 0, 128, 255, 255), List.of(grey(encoder, 2, 2), grey(encoder, 11, 2),
                    grey(encoder, 20, 2), grey(encoder, 2, 11), grey(encoder, 11, 11)));
            assertEquals(96, grey(encoder, 20, 11), "the sixth cell is empty");
        }
    }

    @Test
    void snapshotsOfAModelWithoutFiltersAreRefusedBeforeTraining() throws Exception {
        try (ProbeModel model = new ProbeModel(engine)) {
            UserError e = assertThrows(UserError.class, () -> train(model,
                    new ProbeModel.RecordingOptimizer(engine, 12, 6), manifest(0, List.of(0L, 40_000L))));
            assertEquals("training.filterSnapshots is [0, 40000], but model 'probe-model' has no filters to draw (it does"
                    + " not implement Filters); remove training.filterSnapshots", e.getMessage());
            assertEquals(0, model.trained);
            assertTrue(model.curvatureCalls.isEmpty());
        }
    }

    private static int grey(BufferedImage image, int x, int y) {
        return image.getRaster().getSample(x, y, 0);
    }

    @Test
    void aRunOfTwentyFiveSamplesEndsAtTheBoundaryAtTwentyEightInsteadOfAfterItsEpochs() throws Exception {
        try (ProbeModel model = new ProbeModel(engine)) {
            ProbeModel.RecordingOptimizer optimizer = new ProbeModel.RecordingOptimizer(engine, 12, 6);
            RunFolder run = train(model, optimizer, manifest(1, 25, 0, List.of()));
            assertEquals(28, model.trained, "two epochs of 10, then batches of 4 and 4");
            assertEquals(8, optimizer.seen.size());
            List<String> metrics = java.nio.file.Files.readAllLines(run.path().resolve("metrics.jsonl"));
            assertEquals(3, metrics.size(), "the cut epoch is evaluated at its end too");
            assertTrue(log.toString(StandardCharsets.UTF_8).contains("epoch 3/3 "), log.toString(StandardCharsets.UTF_8));
            assertEquals(8, new ObjectMapper().readTree(run.path().resolve("summary.json").toFile()).get("steps").asInt());
        }
    }
}
