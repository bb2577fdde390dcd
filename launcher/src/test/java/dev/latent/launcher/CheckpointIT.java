package dev.latent.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latent.launcher.LatentProcess.Result;
import dev.latent.launcher.LatentProcess.Started;
import dev.latent.launcher.checkpoint.PythonReaderTest;
import dev.latent.launcher.checkpoint.Safetensors;
import dev.latent.launcher.checkpoint.SafetensorsFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash-safe checkpoints through the assembled distribution: a run killed with SIGKILL
 * ({@link Process#destroyForcibly}) mid-epoch, or while a checkpoint is being written, and then
 * resumed with {@code latent train --resume} ends with exactly the parameters, optimizer state,
 * metrics and summary of an uninterrupted run; a diverging run stops with exit status 3 and keeps
 * its last good checkpoint; a full disk or a read-only run folder is reported clearly and leaves
 * no half-written file.
 *
 * <p>Every run is the default profile on 2,000 training digits for 2 epochs of 16 batches, a
 * checkpoint every 5 steps. The test hook {@code -Dlatent.test.checkpointPauseMillis} pauses each
 * checkpoint write half-way through its data, so that a kill can land inside a write.
 */
class CheckpointIT {

    private static final Path DIST = Path.of(System.getProperty("latent.dist", "target/dist")).toAbsolutePath();
    private static final String MANIFEST = "extends: default\n"
            + "dataset: {trainLimit: 2000, testLimit: 200}\n"
            + "training: {epochs: 2, checkpointEvery: 5}\n";
    private static final int BATCHES = 16;
    private static final String PAUSE = "-Dlatent.test.checkpointPauseMillis=";

    @TempDir
    static Path referenceWork;
    private static Path reference;

    @TempDir
    Path work;
    @TempDir
    Path logs;

    /** The uninterrupted run every resumed one must match. */
    @BeforeAll
    static void uninterruptedRun() throws Exception {
        Files.writeString(referenceWork.resolve("run.yaml"), MANIFEST);
        Result r = LatentProcess.run(DIST, referenceWork, Files.createDirectories(referenceWork.resolve("logs")),
                "train", "run.yaml");
        assertEquals(0, r.exit(), r.out() + r.err());
        try (Stream<Path> runs = Files.list(referenceWork.resolve("runs"))) {
            reference = runs.findFirst().orElseThrow();
        }
        assertEquals(List.of("step-000000030.safetensors", "step-000000032.safetensors"),
                names(reference.resolve("checkpoints")), "checkpoints every 5 steps and at the end, the newest 2 kept");
    }

    private Started start(List<String> jvmOptions, String... args) throws IOException {
        return LatentProcess.start(DIST, work, logs, jvmOptions, args);
    }

    private Result latent(String... args) throws IOException, InterruptedException {
        return LatentProcess.run(DIST, work, logs, args);
    }

    private Path manifest() throws IOException {
        return Files.writeString(work.resolve("run.yaml"), MANIFEST);
    }

    /** The one run folder under {@code output}, once it exists. */
    private static Path runIn(Path output) throws Exception {
        waitFor(() -> Files.isDirectory(output) && count(output) == 1, "a run folder in " + output);
        try (Stream<Path> s = Files.list(output)) {
            return s.findFirst().orElseThrow();
        }
    }

    @Test
    void aRunKilledMidEpochAndResumedEndsExactlyAsAnUninterruptedOne() throws Exception {
        Started started = start(List.of(), "train", manifest().toString());
        Path run = runIn(work.resolve("runs"));
        Path first = run.resolve("checkpoints/step-000000005.safetensors");
        waitFor(() -> Files.exists(first), first.toString());
        Thread.sleep(20);                                    // a step or so on, inside epoch 1 of 16 batches
        Result killed = started.kill();
        assertNotEquals(0, killed.exit(), "SIGKILL, not a normal end");
        assertFalse(Files.exists(run.resolve("summary.json")), "killed before the end: " + killed.out());

        Path newest = newest(run);
        JsonNode state = state(newest);
        long at = Long.parseLong(Safetensors.read(newest).metadata().get("latent.step"));
        assertTrue(at < BATCHES && state.get("epoch").intValue() == 1 && state.at("/epoch_sums/batches").intValue() == at,
                "a checkpoint inside epoch 1: " + newest + " " + state);

        Result resumed = latent("train", "--resume", run.toString());
        assertEquals(0, resumed.exit(), resumed.out() + resumed.err());
        LatentProcess.assertLine(resumed.out(), "resuming " + Pattern.quote(run.toString()) + " from .*step-0+" + at
                + "\\.safetensors");
        LatentProcess.assertLine(resumed.out(), "resuming at step " + at + ": epoch 1, batch " + at + " of " + BATCHES);
        assertSameRun(run);
    }

    @Test
    void aRunKilledWhileWritingACheckpointResumesFromThePreviousOne() throws Exception {
        Started started = start(List.of(PAUSE + 60_000), "train", manifest().toString());
        Path run = runIn(work.resolve("runs"));
        Path previous = run.resolve("checkpoints/step-000000005.safetensors");
        Path partial = run.resolve("checkpoints/step-000000010.safetensors.tmp");
        waitFor(() -> Files.exists(previous) && Files.exists(partial), partial.toString());
        Thread.sleep(300);
        started.kill();
        assertTrue(Files.size(partial) < Files.size(previous), "the kill left half a checkpoint: " + Files.size(partial));
        assertEquals(List.of("step-000000005.safetensors", "step-000000010.safetensors.tmp"),
                names(run.resolve("checkpoints")));

        Result resumed = latent("train", "--resume", run.toString());
        assertEquals(0, resumed.exit(), resumed.out() + resumed.err());
        assertTrue(resumed.err().contains("note: removed " + partial + ", a checkpoint whose writing was interrupted"),
                resumed.err());
        LatentProcess.assertLine(resumed.out(), "resuming " + Pattern.quote(run.toString()) + " from "
                + Pattern.quote(previous.toString()));
        assertSameRun(run);

        // a damaged newest checkpoint (truncated on the disk) is skipped for the one before it
        Path last = run.resolve("checkpoints/step-000000032.safetensors");
        byte[] bytes = Files.readAllBytes(last);
        Files.write(last, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Result again = latent("train", "--resume", run.toString());
        assertEquals(0, again.exit(), again.out() + again.err());
        assertTrue(again.err().contains("warning: skipping a damaged checkpoint: " + last + ": truncated: tensor "),
                again.err());
        LatentProcess.assertLine(again.out(), "resuming at step 30: epoch 2, batch 14 of " + BATCHES);
        assertSameRun(run);
    }

    @Test
    void aVaeWithNoiseResumesItsSamplingAndNoiseStreamsExactly() throws Exception {
        // the VAE draws its reparameterisation noise from a stream inside the model, the noise
        // section corrupts each batch from the trainer's stream: both must pick up where they were
        Path m = Files.writeString(work.resolve("vae.yaml"), "extends: vae\n"
                + "dataset: {trainLimit: 600, testLimit: 100}\n"
                + "noise: {name: gaussian, mean: 0.5, std: 0.3}\n"
                + "training: {epochs: 2, checkpointEvery: 2}\n");
        Result uninterrupted = latent("train", m.toString(), "--set", "output=reference");
        assertEquals(0, uninterrupted.exit(), uninterrupted.out() + uninterrupted.err());
        Path expected = runIn(work.resolve("reference"));

        Started started = start(List.of(PAUSE + 60_000), "train", m.toString());
        Path run = runIn(work.resolve("runs"));
        Path previous = run.resolve("checkpoints/step-000000002.safetensors");
        Path partial = run.resolve("checkpoints/step-000000004.safetensors.tmp");
        waitFor(() -> Files.exists(previous) && Files.exists(partial), partial.toString());
        started.kill();
        Result resumed = latent("train", "--resume", run.toString());
        assertEquals(0, resumed.exit(), resumed.out() + resumed.err());
        LatentProcess.assertLine(resumed.out(), "resuming at step 2: epoch 1, batch 2 of 5");
        assertSameRun(run, expected);
        assertArrayEquals(Files.readAllBytes(expected.resolve("samples.png")), Files.readAllBytes(run.resolve("samples.png")));
    }

    @Test
    void aDivergingRunStopsWithExitThreeAndKeepsItsLastGoodCheckpoint() throws Exception {
        Path m = Files.writeString(work.resolve("diverge.yaml"), "extends: default\n"
                + "dataset: {trainLimit: 1000, testLimit: 200}\n"
                + "model: {outputActivation: identity}\n"
                + "optimizer: {name: sgd, learningRate: 100000}\n"
                + "training: {epochs: 2, checkpointEvery: 1}\n");
        Result r = latent("train", m.toString());
        assertEquals(3, r.exit(), r.out() + r.err());
        r.assertNoStackTrace();
        Path run = runIn(work.resolve("runs"));
        LatentProcess.assertLine(r.err(), "error: step (\\d+) \\(epoch 1\\): the loss is (NaN|infinite); parameter"
                + " [a-z0-9.]+ has a non-finite gradient( \\(and \\d+ more\\))?; lower optimizer.learningRate \\(now 100000\\)"
                + " or clip gradients \\(optimizer.clipNorm\\), or set training.divergence to skip-batch or halve-lr;"
                + " the last good checkpoint is " + Pattern.quote(work.relativize(run.resolve("checkpoints")).toString())
                + "/step-0+(\\d+)\\.safetensors");
        for (Path checkpoint : list(run.resolve("checkpoints"))) {
            assertFalse(checkpoint.toString().endsWith(".tmp"), checkpoint.toString());
            SafetensorsFile f = Safetensors.read(checkpoint);
            for (String name : f.entries().keySet()) {
                for (double v : f.doubles(name)) {
                    assertTrue(Double.isFinite(v), checkpoint + ": " + name + " holds " + v);
                }
            }
        }
        assertFalse(Files.exists(run.resolve("summary.json")));
        assertFalse(Files.exists(run.resolve("parameters")));

        // resumed, the run goes on from its last good checkpoint and diverges again at the same step
        java.util.regex.Matcher first = Pattern.compile("error: step (\\d+) \\(epoch 1\\): (.*)").matcher(r.err());
        assertTrue(first.find(), r.err());
        Result again = latent("train", "--resume", run.toString());
        assertEquals(3, again.exit(), again.out() + again.err());
        assertTrue(again.err().startsWith("error: step " + first.group(1) + " (epoch 1): " + first.group(2)
                .substring(0, first.group(2).indexOf("; the last good checkpoint is "))), again.err());
    }

    @Test
    void aFullDiskOrAReadOnlyRunFolderIsReportedAndLeavesNothingHalfWritten() throws Exception {
        Path disk = Files.createDirectory(work.resolve("disk"));
        // a checkpoint of the dense AE is 11.3 MB; with keepCheckpoints 1 the run asks for about 46 MB
        Assumptions.assumeTrue(command("mount", "-t", "tmpfs", "-o", "size=60m", "tmpfs", disk.toString()) == 0,
                "cannot mount a small tmpfs here (needs root), so a full disk cannot be made");
        try {
            Path m = Files.writeString(work.resolve("full.yaml"), "extends: default\n"
                    + "dataset: {trainLimit: 2000, testLimit: 200}\n"
                    + "output: " + disk.resolve("runs") + "\n"
                    + "training: {epochs: 2, checkpointEvery: 5, keepCheckpoints: 1}\n");
            // too little space from the start: said before training, nothing written but the run's own files
            Path ballast = disk.resolve("ballast");
            fill(ballast, 30_000_000);
            Result early = latent("train", m.toString());
            assertEquals(2, early.exit(), early.out() + early.err());
            assertTrue(early.err().matches("(?s)error: not enough free space in .*/checkpoints: this run needs about"
                    + " [0-9.]+ MB \\(2 checkpoints of 11\\.3 MB while the newest is written, and the final parameters"
                    + " and optimizer state\\), but its file system has [0-9.]+ MB free; .*"), early.err());
            assertFalse(early.out().contains("epoch 1/2"), "no training: " + early.out());
            Files.delete(ballast);
            deleteTree(disk.resolve("runs"));

            // the disk fills while a checkpoint is written (the hook pauses the write half-way): that
            // write fails whole, with a message, and the checkpoint before it stays
            Started started = start(List.of(PAUSE + 3_000), "train", m.toString());
            Path run = runIn(disk.resolve("runs"));
            Path previous = run.resolve("checkpoints/step-000000005.safetensors");
            Path partial = run.resolve("checkpoints/step-000000010.safetensors.tmp");
            waitFor(() -> Files.exists(previous) && Files.exists(partial), partial.toString());
            fill(ballast, Files.getFileStore(disk).getUsableSpace());
            Result failed = started.await();
            assertEquals(2, failed.exit(), failed.out() + failed.err());
            failed.assertNoStackTrace();
            LatentProcess.assertLine(failed.err(), "error: cannot write checkpoint " + Pattern.quote(
                    run.resolve("checkpoints/step-000000010.safetensors").toString()) + ": No space left on device"
                    + " \\([0-9.]+ MB free on its file system\\); nothing half-written was left; the last good checkpoint is "
                    + Pattern.quote(previous.toString()));
            assertEquals(List.of("step-000000005.safetensors"), names(run.resolve("checkpoints")));
            Safetensors.read(previous);
            Path runFolder = run;

            // a read-only run folder is found before training
            Files.delete(ballast);
            assertEquals(0, command("mount", "-o", "remount,ro", disk.toString()));
            Result readOnly = latent("train", "--resume", runFolder.toString());
            assertEquals(2, readOnly.exit(), readOnly.out() + readOnly.err());
            assertTrue(readOnly.err().startsWith("error: cannot write checkpoints in " + runFolder.resolve("checkpoints")
                    + ": Read-only file system; make the run folder writable"), readOnly.err());
            assertFalse(readOnly.out().contains("epoch "), readOnly.out());

            // with room again the run goes on and ends as the uninterrupted one
            assertEquals(0, command("mount", "-o", "remount,rw", disk.toString()));
            Result resumed = latent("train", "--resume", runFolder.toString());
            assertEquals(0, resumed.exit(), resumed.out() + resumed.err());
            assertSameRun(runFolder);
        } finally {
            command("umount", "-l", disk.toString());
        }
    }

    @Test
    void aCheckpointReadsBackInPythonWithTheFinalParameters() throws Exception {
        Path checkpoint = reference.resolve("checkpoints/step-000000032.safetensors");
        JsonNode read = PythonReaderTest.python(checkpoint, false);
        assertTrue(read.get("checksum_ok").booleanValue(), read::toString);
        Map<String, String> fromPython = new TreeMap<>();
        read.get("tensors").fields().forEachRemaining(e -> {
            if (!e.getKey().contains("/")) {
                fromPython.put(e.getKey(), e.getValue().get("sha256").asText());
            }
        });
        Map<String, String> fromNpy = new TreeMap<>();
        for (Path npy : list(reference.resolve("parameters"))) {
            byte[] bytes = Files.readAllBytes(npy);
            int data = 10 + (bytes[8] & 0xFF | (bytes[9] & 0xFF) << 8);
            fromNpy.put(npy.getFileName().toString().replace(".npy", ""), HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(java.util.Arrays.copyOfRange(bytes, data, bytes.length))));
        }
        assertEquals(fromNpy, fromPython, "the final checkpoint holds the saved parameters, value for value");
    }

    /** The resumed run's outputs against the uninterrupted run's: byte for byte, metrics less their timings. */
    private static void assertSameRun(Path run) throws IOException {
        assertSameRun(run, reference);
    }

    private static void assertSameRun(Path run, Path uninterrupted) throws IOException {
        for (String folder : List.of("parameters", "optimizer")) {
            List<Path> expected = list(uninterrupted.resolve(folder));
            assertEquals(names(uninterrupted.resolve(folder)), names(run.resolve(folder)));
            for (Path file : expected) {
                assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(run.resolve(folder).resolve(file.getFileName())),
                        folder + "/" + file.getFileName() + " differs from the uninterrupted run's");
            }
        }
        assertEquals(untimed(uninterrupted.resolve("metrics.jsonl")), untimed(run.resolve("metrics.jsonl")));
        assertEquals(Files.readString(uninterrupted.resolve("summary.json")), Files.readString(run.resolve("summary.json")));
        assertEquals(List.of(), list(run.resolve("checkpoints")).stream().filter(p -> p.toString().endsWith(".tmp")).toList());
    }

    private static List<String> untimed(Path metrics) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(metrics)) {
            ObjectNode o = (ObjectNode) json.readTree(line);
            o.remove(List.of("seconds", "samples_per_second"));
            lines.add(o.toString());
        }
        return lines;
    }

    private static JsonNode state(Path checkpoint) throws IOException {
        return new ObjectMapper().readTree(Safetensors.read(checkpoint).metadata().get("latent.state"));
    }

    private static Path newest(Path run) throws IOException {
        List<Path> all = list(run.resolve("checkpoints")).stream()
                .filter(p -> p.toString().endsWith(".safetensors")).toList();
        return all.get(all.size() - 1);
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    private static List<String> names(Path folder) throws IOException {
        return list(folder).stream().map(p -> p.getFileName().toString()).toList();
    }

    private static long count(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 3 minutes for " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Writes {@code bytes} (or until the disk is full) into {@code file}. */
    private static void fill(Path file, long bytes) throws IOException {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        } catch (IOException full) {
            // the disk is full: that was the point
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int command(String... command) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor();
        } catch (IOException e) {
            return -1;
        }
    }
}
