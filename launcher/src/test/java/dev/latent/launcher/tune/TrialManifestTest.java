package dev.latent.launcher.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trial's manifest: the search's without tune, each value at its path as --set writes it. */
class TrialManifestTest {

    @TempDir
    Path dir;

    @Test
    void writesTheValuesAtTheirPathsAndDropsTheTuneSection() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        ObjectNode search = (ObjectNode) yaml.readTree("seed: 42\nloss: mse\noptimizer: {name: adam, learningRate: 0.001}\n"
                + "training: {epochs: 10}\ntune: {space: {optimizer.learningRate: {logUniform: [1e-4, 1e-1]}}}\n");
        Map<String, JsonNode> params = new LinkedHashMap<>();
        params.put("optimizer.learningRate", DoubleNode.valueOf(0.0042));
        params.put("training.batchSize", IntNode.valueOf(64));
        params.put("loss.reduction", TextNode.valueOf("sum"));
        ObjectNode trial = TrialManifest.tree(search, params);
        assertEquals(yaml.readTree("seed: 42\nloss: {name: mse, reduction: sum}\noptimizer: {name: adam, learningRate: 0.0042}\n"
                + "training: {epochs: 10, batchSize: 64}\n"), trial);
        assertEquals(0.001, search.at("/optimizer/learningRate").doubleValue(), "the search's tree is unchanged");
        Path best = TrialManifest.writeBest(dir, search, params);
        assertEquals(dir.resolve("best.yaml"), best);
        assertEquals(trial, yaml.readTree(Files.readString(best)));
    }
}
