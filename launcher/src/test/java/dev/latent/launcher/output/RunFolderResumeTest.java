package dev.latent.launcher.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latent.launcher.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a resumed run does with the run folder it continues. */
class RunFolderResumeTest {

    @TempDir
    Path dir;

    @Test
    void keepsTheCheckpointsMetricsLinesAndDropsAPartlyWrittenOne() throws IOException {
        RunFolder run = RunFolder.create(dir, "ae");
        run.writeManifest(java.util.Map.of("seed", 1));
        Path metrics = run.path().resolve("metrics.jsonl");
        Files.writeString(metrics, "{\"epoch\":1}\n{\"epoch\":2}\n{\"epoch\":3}\n{\"epo");
        RunFolder.open(run.path()).keepMetricsLines(5);
        assertEquals("{\"epoch\":1}\n{\"epoch\":2}\n{\"epoch\":3}\n", Files.readString(metrics), "a partial line goes");
        run.keepMetricsLines(2);
        assertEquals("{\"epoch\":1}\n{\"epoch\":2}\n", Files.readString(metrics), "a line after the checkpoint goes");
        run.keepMetricsLines(2);
        assertEquals("{\"epoch\":1}\n{\"epoch\":2}\n", Files.readString(metrics));
        run.keepMetricsLines(0);
        assertEquals("", Files.readString(metrics));
    }

    @Test
    void onlyARunFolderCanBeResumed() throws IOException {
        assertEquals("no run folder at " + dir.resolve("nope").toAbsolutePath(),
                assertThrows(UserError.class, () -> RunFolder.open(dir.resolve("nope"))).getMessage());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertEquals(empty + " is not a run folder: it has no manifest.yaml",
                assertThrows(UserError.class, () -> RunFolder.open(empty)).getMessage());
    }
}
