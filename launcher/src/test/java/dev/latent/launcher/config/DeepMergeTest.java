package dev.latent.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

/** The merge of a child manifest over the one it extends. */
class DeepMergeTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    private static ObjectNode yaml(String text) throws Exception {
        return (ObjectNode) YAML.readTree(text);
    }

    private static void assertMerged(String expected, String parent, String child) throws Exception {
        ObjectNode p = yaml(parent);
        ObjectNode c = yaml(child);
        String before = p.toString() + c;
        assertEquals(yaml(expected), DeepMerge.merge(p, c));
        assertEquals(before, p.toString() + c, "the arguments are not changed");
    }

    @Test
    void mappingsMergeAtEveryDepth() throws Exception {
        assertMerged("{seed: 7, training: {epochs: 3, batchSize: 64, earlyStopping: {patience: 2, minDelta: 0.1}}}",
                "{seed: 42, training: {epochs: 10, batchSize: 64, earlyStopping: {patience: 1, minDelta: 0.1}}}",
                "{seed: 7, training: {epochs: 3, earlyStopping: {patience: 2}}}");
    }

    @Test
    void scalarsAndListsReplace() throws Exception {
        assertMerged("{model: {name: ae, hidden: [64], code: 8}}",
                "{model: {name: ae, hidden: [512, 128], code: 8}}", "{model: {hidden: [64]}}");
        assertMerged("{optimizer: sgd}", "{optimizer: {name: adam, beta2: 0.99}}", "{optimizer: sgd}");
        assertMerged("{plugins: [b]}", "{plugins: [a]}", "{plugins: [b]}");
    }

    @Test
    void nullClearsAnOptionalSection() throws Exception {
        assertMerged("{noise: null, loss: mse}", "{noise: {name: gaussian}, loss: mse}", "{noise: null}");
    }

    @Test
    void settingsUnderAShorthandKeepItsName() throws Exception {
        assertMerged("{engine: {name: cpu, threads: 2}}", "{engine: cpu}", "{engine: {threads: 2}}");
    }

    @Test
    void anotherPluginReplacesTheParentsSettings() throws Exception {
        assertMerged("{optimizer: {name: sgd, momentum: 0.9}}",
                "{optimizer: {name: adam, beta2: 0.99, learningRate: 0.1}}", "{optimizer: {name: sgd, momentum: 0.9}}");
        assertMerged("{optimizer: {name: adam, beta2: 0.9, learningRate: 0.1}}",
                "{optimizer: {name: adam, beta2: 0.99, learningRate: 0.1}}", "{optimizer: {name: adam, beta2: 0.9}}");
    }
}
