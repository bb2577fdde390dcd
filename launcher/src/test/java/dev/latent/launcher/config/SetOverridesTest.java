package dev.latent.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.latent.api.config.ConfigProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --set path.to.key=value}: the value parsed as YAML, written into the manifest's tree. */
class SetOverridesTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    private static ObjectNode applied(String yaml, String... sets) throws Exception {
        ObjectNode root = (ObjectNode) YAML.readTree(yaml);
        assertEquals(List.of(), SetOverrides.apply(root, List.of(sets)));
        return root;
    }

    private static List<String> problems(String yaml, String... sets) throws Exception {
        return SetOverrides.apply((ObjectNode) YAML.readTree(yaml), List.of(sets)).stream().map(ConfigProblem::line).toList();
    }

    @Test
    void valuesAreParsedAsYaml() throws Exception {
        assertEquals(YAML.readTree("{training: {epochs: 3, shuffle: false}, model: {name: ae, hidden: [256, 64]},"
                        + " optimizer: {name: sgd, learningRate: 0.001}, seed: 7, description: a b}"),
                applied("{training: {epochs: 10}, model: {name: ae, hidden: [512]}, optimizer: {name: adam, learningRate: 0.001}}",
                        "training.epochs=3", "training.shuffle=false", "model.hidden=[256,64]", "optimizer.name=sgd",
                        "seed=7", "description=a b"));
    }

    @Test
    void missingMappingsAreCreatedAndAShorthandGetsItsName() throws Exception {
        assertEquals(YAML.readTree("{loss: {name: mse, weight: 2}, training: {earlyStopping: {patience: 3}}}"),
                applied("{loss: mse}", "loss.weight=2", "training.earlyStopping.patience=3"));
    }

    @Test
    void anEmptyValueIsNullAndTheLastSetWins() throws Exception {
        assertEquals(YAML.readTree("{noise: null, seed: 2}"), applied("{noise: gaussian}", "noise=", "seed=1", "seed=2"));
    }

    @Test
    void malformedSetsAreReported() throws Exception {
        assertEquals(List.of(
                "[latent/InvalidSet] --set 'training.epochs' must be path.to.key=value, such as training.epochs=3",
                "[latent/InvalidSet] --set '=3' must be path.to.key=value, such as training.epochs=3",
                "[latent/InvalidSet] --set 'training..epochs=3' has an empty key in its path; write path.to.key=value",
                "[latent/InvalidSet] --set 'seed.x=1' cannot be applied: seed is 42, not a mapping"),
                problems("{seed: 42}", "training.epochs", "=3", "training..epochs=3", "seed.x=1"));
        assertEquals(1, problems("{}", "model.hidden=[1, 2").size());
    }
}
