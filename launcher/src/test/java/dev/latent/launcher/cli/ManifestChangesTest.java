package dev.latent.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a resumed run says when --set changed the manifest its checkpoint was written with. */
class ManifestChangesTest {

    @Test
    void listsEachChangedKeyWithItsOldAndNewValue() throws IOException {
        String saved = "seed: 42\noptimizer:\n  name: sgd\n  learningRate: 100000.0\nmodel:\n  hidden:\n  - 512\n  - 128\n"
                + "training:\n  epochs: 2\n";
        Map<String, Object> optimizer = new LinkedHashMap<>(Map.of("name", "sgd"));
        optimizer.put("learningRate", 0.5);
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("seed", 42L);
        resolved.put("optimizer", optimizer);
        resolved.put("model", Map.of("hidden", List.of(512, 128)));
        resolved.put("training", Map.of("epochs", 3, "divergence", "stop"));
        assertEquals(List.of("optimizer.learningRate: 100000.0 -> 0.5", "training.divergence: (none) -> stop",
                "training.epochs: 2 -> 3"), TrainCommand.changes(saved, resolved));
        resolved.put("training", Map.of("epochs", 2));
        optimizer.put("learningRate", 100000.0);
        assertEquals(List.of(), TrainCommand.changes(saved, resolved));
    }
}
