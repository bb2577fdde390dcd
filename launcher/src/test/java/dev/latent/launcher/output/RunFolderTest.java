package dev.latent.launcher.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.optim.OptimizerState;
import dev.latent.launcher.TestHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run folder holds besides metrics: the optimizer's state with its index, and the summary. */
class RunFolderTest {

    private static Engine engine;

    @TempDir
    Path output;

    @BeforeAll
    static void startCpuEngine() throws Exception {
        engine = TestHome.cpuEngine();
    }

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void optimizerStateIsOneNpyPerTensorWithAnIndex() throws IOException {
        RunFolder run = RunFolder.create(output, "ae");
        try (Tensor m = engine.fromArray(new double[] {1, 2, 3, 4, 5, 6}, DType.FLOAT32, 2, 3);
             Tensor v = engine.fromArray(new double[] {0.5, 0.25}, DType.FLOAT32, 2)) {
            Map<String, Tensor> adam = new LinkedHashMap<>();
            adam.put("m/encoder.0.weight", m);
            adam.put("v/encoder.0.bias", v);
            OptimizerState state = new OptimizerState("chain", Map.of(), List.of(
                    new OptimizerState("scale_by_adam", adam, List.of()), OptimizerState.empty("scale_by_learning_rate")));
            run.writeOptimizerState(state);
            Path folder = run.path().resolve("optimizer");
            assertEquals(List.of("chain%2F0.scale_by_adam%2Fm%2Fencoder.0.weight.npy",
                    "chain%2F0.scale_by_adam%2Fv%2Fencoder.0.bias.npy", "index.json"), listing(folder));
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("chain%2F0.scale_by_adam%2Fm%2Fencoder.0.weight.npy", "chain/0.scale_by_adam/m/encoder.0.weight");
            expected.put("chain%2F0.scale_by_adam%2Fv%2Fencoder.0.bias.npy", "chain/0.scale_by_adam/v/encoder.0.bias");
            assertEquals(expected, new ObjectMapper().readValue(folder.resolve("index.json").toFile(), Map.class));
            byte[] npy = Files.readAllBytes(folder.resolve("chain%2F0.scale_by_adam%2Fm%2Fencoder.0.weight.npy"));
            assertEquals(128 + 6 * 4, npy.length, "a 128-byte preamble and six float32 values");

            // written again (a later checkpoint), the folder is replaced whole: no stale files
            run.writeOptimizerState(new OptimizerState("scale_by_adam", Map.of("m/w", m), List.of()));
            assertEquals(List.of("index.json", "scale_by_adam%2Fm%2Fw.npy"), listing(folder));
            assertEquals(List.of("optimizer"), listing(run.path()));
        }
    }

    @Test
    void aStatelessOptimizerWritesAnEmptyIndex() throws IOException {
        RunFolder run = RunFolder.create(output, "ae");
        run.writeOptimizerState(new OptimizerState("chain", Map.of(), List.of(OptimizerState.empty("scale_by_learning_rate"))));
        assertEquals(List.of("index.json"), listing(run.path().resolve("optimizer")));
        assertEquals(Map.of(), new ObjectMapper().readValue(run.path().resolve("optimizer/index.json").toFile(), Map.class));
    }

    @Test
    void fileNamesAreSafeAndDistinctForDistinctStateNames() {
        assertEquals("chain%2F0.scale_by_adam%2Fm%2Fencoder.0.weight", RunFolder.fileName("chain/0.scale_by_adam/m/encoder.0.weight"));
        assertEquals("a_b-c.d", RunFolder.fileName("a_b-c.d"));
        assertEquals("a%20b%3Ac%5Cd%25%C3%BC", RunFolder.fileName("a b:c\\d%\u00fc"));
        List<String> names = List.of("a/b", "a%2Fb", "a__b", "a_b", "a%b", "a%25b");
        assertEquals(names.size(), names.stream().map(RunFolder::fileName).distinct().count(), "percent-encoding is one-to-one");
        assertNotEquals(RunFolder.fileName("A"), RunFolder.fileName("a"));
    }

    @Test
    void summaryIsIndentedJson() throws IOException {
        RunFolder run = RunFolder.create(output, "ae");
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("epochs_run", 3);
        summary.put("stopped_early", false);
        run.writeSummary(summary);
        assertEquals("{\n  \"epochs_run\" : 3,\n  \"stopped_early\" : false\n}", Files.readString(run.path().resolve("summary.json")));
    }
}
