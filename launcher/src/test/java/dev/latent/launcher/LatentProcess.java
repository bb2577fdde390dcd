package dev.latent.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs a Latent distribution as the {@code latent} script does: a separate JVM on the module
 * path, {@code --enable-native-access} on Java 22 and later, a five-minute limit.
 */
final class LatentProcess {

    /** What a run printed and how it ended. */
    record Result(int exit, String out, String err) {
        void assertNoStackTrace() {
            assertFalse(err.contains("at dev.") || err.contains("Exception"), "no stack trace expected:\n" + err);
        }
    }

    private LatentProcess() {
    }

    /**
     * @param home the distribution ({@code mods/}, {@code engines/}, ...)
     * @param work the working folder (runs are written under it)
     * @param logs where stdout and stderr are kept
     */
    static Result run(Path home, Path work, Path logs, String... args) throws IOException, InterruptedException {
        return start(home, work, logs, List.of(), args).await();
    }

    /** A started run, with the files its output goes to. */
    record Started(Process process, Path out, Path err, List<String> args) {

        /** Waits (five minutes at most) for the run to end. */
        Result await() throws IOException, InterruptedException {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("latent " + String.join(" ", args) + " ran over 5 minutes:\n" + Files.readString(out));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        }

        /** Kills the run with SIGKILL ({@link Process#destroyForcibly}) and waits for it to be gone. */
        Result kill() throws IOException, InterruptedException {
            process.destroyForcibly();
            return await();
        }
    }

    /**
     * Starts a run without waiting for it; {@code jvmOptions} (such as test hooks given as system
     * properties) go before the module path.
     */
    static Started start(Path home, Path work, Path logs, List<String> jvmOptions, String... args) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Dlatent.home=" + home, "-Dorg.nd4j.log.initialization=false"));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-p", home.resolve("mods").toString(), "-m", "dev.latent.launcher/dev.latent.launcher.Main"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(logs, "stdout", ".txt");
        Path err = Files.createTempFile(logs, "stderr", ".txt");
        Process p = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new Started(p, out, err, List.of(args));
    }

    /** Asserts that some whole line of {@code out} matches {@code regex}. */
    static void assertLine(String out, String regex) {
        assertTrue(Pattern.compile("(?m)^" + regex + "$").matcher(out).find(), "no line matching " + regex + " in:\n" + out);
    }
}
