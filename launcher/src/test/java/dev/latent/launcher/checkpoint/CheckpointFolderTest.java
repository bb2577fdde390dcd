package dev.latent.launcher.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Tensor;
import dev.latent.launcher.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's checkpoints folder: names, rotation, damaged and unfinished files, and write failures. */
class CheckpointFolderTest {

    @TempDir
    Path dir;

    private static Map<String, Tensor> tensors(double value) {
        return Map.of("w", ArrayTensor.f32(new int[] {3}, value, value, value));
    }

    private List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void keepsTheNewestAndListsThemNewestFirst() throws IOException {
        CheckpointFolder folder = new CheckpointFolder(dir.resolve("checkpoints"), 2);
        for (long step : new long[] {5, 10, 100, 15}) {
            folder.write(step, tensors(step), Map.of());
        }
        assertEquals(List.of("step-000000015.safetensors", "step-000000100.safetensors"), names(folder.path()));
        assertEquals(List.of(folder.file(100), folder.file(15)), folder.list());
        assertEquals(100, CheckpointFolder.step(folder.file(100)));
        assertArrayEquals(new float[] {100, 100, 100}, folder.newestGood(w -> { }).orElseThrow().floats("w"));
    }

    @Test
    void aDamagedNewestCheckpointIsSkippedWithAWarningAndUnfinishedOnesAreRemoved() throws IOException {
        CheckpointFolder folder = new CheckpointFolder(dir.resolve("checkpoints"), 3);
        folder.write(1, tensors(1), Map.of());
        folder.write(2, tensors(2), Map.of());
        Path newest = folder.write(3, tensors(3), Map.of());
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, Arrays.copyOf(bytes, bytes.length - 4));
        Path unfinished = Files.write(folder.path().resolve("step-000000004.safetensors.tmp"), new byte[] {1, 2, 3});
        List<String> warnings = new ArrayList<>();
        SafetensorsFile good = folder.newestGood(warnings::add).orElseThrow();
        assertEquals(folder.file(2), good.path());
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith("skipping a damaged checkpoint: " + newest + ": truncated: tensor 'w'"
                + " needs bytes "), warnings.get(0));
        assertEquals(List.of(unfinished), folder.removeTemporaries());
        assertEquals(3, names(folder.path()).size());
    }

    @Test
    void aSafetensorsFileWithoutTheChecksumIsNotACheckpoint() throws IOException {
        CheckpointFolder folder = new CheckpointFolder(dir.resolve("checkpoints"), 2);
        Files.createDirectories(folder.path());
        byte[] header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}".getBytes();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + header.length + 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        Files.write(folder.file(7), b.putLong(header.length).put(header).array());
        List<String> warnings = new ArrayList<>();
        assertTrue(folder.newestGood(warnings::add).isEmpty());
        assertEquals(List.of("skipping a damaged checkpoint: " + folder.file(7) + ": has no latent.checksum in its"
                + " __metadata__; not a checkpoint written by Latent"), warnings);
    }

    @Test
    void aWriteThatFailsLeavesThePreviousCheckpointAndNothingHalfWritten() throws IOException {
        CheckpointFolder folder = new CheckpointFolder(dir.resolve("checkpoints"), 2);
        Path good = folder.write(10, tensors(10), Map.of());
        // the rename cannot replace a folder that holds a file: a real IOException at the last moment
        Files.createDirectories(folder.file(20));
        Files.writeString(folder.file(20).resolve("x"), "x");
        UserError e = assertThrows(UserError.class, () -> folder.write(20, tensors(20), Map.of()));
        assertTrue(e.getMessage().startsWith("cannot write checkpoint " + folder.file(20) + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; nothing half-written was left; the last good checkpoint is " + good),
                e.getMessage());
        assertEquals(List.of("step-000000010.safetensors", "step-000000020.safetensors"), names(folder.path()));
        // a tensor that fails while being written (the writer's bug, or a device error) leaves no temporary file
        Map<String, Tensor> failing = Map.of("w", new FailingTensor());
        assertThrows(IllegalStateException.class, () -> folder.write(30, failing, Map.of()));
        assertEquals(List.of("step-000000010.safetensors", "step-000000020.safetensors"), names(folder.path()));
    }

    @Test
    void anUnwritableFolderOrTooLittleSpaceIsReportedBeforeTraining() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CheckpointFolder under = new CheckpointFolder(file.resolve("checkpoints"), 2);
        UserError e = assertThrows(UserError.class, () -> under.checkWritable(1000, 1000));
        assertTrue(e.getMessage().startsWith("cannot write checkpoints in " + file.resolve("checkpoints") + ": "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("; make the run folder writable, or choose another output folder (output)"),
                e.getMessage());

        CheckpointFolder folder = new CheckpointFolder(dir.resolve("checkpoints"), 2);
        folder.checkWritable(11_335_536, 2 * 7_000_000);
        long huge = Files.getFileStore(dir).getUsableSpace();
        UserError full = assertThrows(UserError.class, () -> folder.checkWritable(huge, 0));
        assertTrue(full.getMessage().matches("not enough free space in " + java.util.regex.Pattern.quote(
                folder.path().toString()) + ": this run needs about [0-9.]+ MB \\(3 checkpoints of [0-9.]+ MB while the"
                + " newest is written, and the final parameters and optimizer state\\), but its file system has [0-9.]+"
                + " MB free; free some space, lower training.keepCheckpoints \\(now 2\\), or write runs elsewhere"
                + " \\(output\\)"), full.getMessage());
        assertEquals(List.of(), names(folder.path()), "the write check leaves nothing behind");
    }

    /** A tensor whose values cannot be read: the write fails half-way through the data. */
    private static final class FailingTensor implements Tensor {
        @Override
        public DType dtype() {
            return DType.FLOAT32;
        }

        @Override
        public int[] shape() {
            return new int[] {1000};
        }

        @Override
        public long size() {
            return 1000;
        }

        @Override
        public double[] toDoubleArray() {
            throw new IllegalStateException("the device is gone");
        }

        @Override
        public float[] toFloatArray() {
            throw new IllegalStateException("the device is gone");
        }

        @Override
        public void close() {
        }
    }
}
