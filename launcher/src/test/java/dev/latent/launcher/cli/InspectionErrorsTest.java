package dev.latent.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code latent eval} and {@code latent transfer} say about a bad folder or option: one line, exit 2. */
class InspectionErrorsTest {

    @TempDir
    Path dir;

    private String[] run(String... args) {
        StringWriter err = new StringWriter();
        var cl = LatentCommand.commandLine();
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new String[] {Integer.toString(exit), err.toString()};
    }

    @Test
    void aFolderThatIsNoRunOrHasNoCheckpoint() throws Exception {
        Path none = dir.resolve("none");
        assertEquals("2|error: no run folder at " + none.toAbsolutePath() + "\n",
                String.join("|", run("eval", none.toString())));
        Path run = Files.createDirectories(dir.resolve("run"));
        assertEquals("2|error: " + run + " is not a run folder: it has no manifest.yaml\n",
                String.join("|", run("transfer", run.toString())));
        Files.writeString(run.resolve("manifest.yaml"), "seed: 1\n");
        assertEquals("2|error: nothing to load in " + run + ": no checkpoint in " + run.resolve("checkpoints")
                + " and no parameters/ folder, which a run writes when it finishes; the run has not finished a checkpoint"
                + " yet, continue it with: latent train --resume " + run + "\n", String.join("|", run("eval", run.toString())));
        Path checkpoints = Files.createDirectories(run.resolve("checkpoints"));
        Files.write(checkpoints.resolve("step-000000010.safetensors"), new byte[] {1, 2, 3});
        String[] damaged = run("transfer", run.toString());
        assertEquals("2", damaged[0]);
        assertEquals("error: no checkpoint in " + checkpoints + " reads back whole: "
                + checkpoints.resolve("step-000000010.safetensors") + ": ", damaged[1].substring(0,
                ("error: no checkpoint in " + checkpoints + " reads back whole: "
                        + checkpoints.resolve("step-000000010.safetensors") + ": ").length()));
    }

    @Test
    void badTransferOptions() {
        assertEquals("2|error: --epochs must be >= 1, found 0\n", String.join("|", run("transfer", "x", "--epochs", "0")));
        assertEquals("2|error: --learning-rate must be > 0, found -1.0\n",
                String.join("|", run("transfer", "x", "--learning-rate", "-1")));
    }
}
