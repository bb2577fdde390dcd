package dev.latent.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code latent embed} and {@code latent report} refuse a folder that is no run, with exit status 2. */
class EmbedAndReportCommandsTest {

    @TempDir
    Path dir;

    @Test
    void aFolderThatIsNoRunIsRefusedByName() throws Exception {
        Path none = dir.resolve("none");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        for (String command : new String[] {"embed", "report"}) {
            assertEquals("error: no run folder at " + none + "\n", run(2, command, none.toString()));
            assertEquals("error: " + empty + " is not a run folder: it has no manifest.yaml\n",
                    run(2, command, empty.toString()));
        }
    }

    private static String run(int status, String... args) {
        CommandLine cl = LatentCommand.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(status, cl.execute(args), err.toString());
        return err.toString().replace(System.lineSeparator(), "\n");
    }
}
