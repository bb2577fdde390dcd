package dev.latent.launcher.checkpoint;

import dev.latent.api.engine.Tensor;
import dev.latent.launcher.UserError;
import dev.latent.launcher.output.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A run's {@code checkpoints/} folder: one safetensors file per checkpoint,
 * {@code step-<9 digits>.safetensors} after that many training steps (batches) of the run,
 * written durably and atomically ({@link AtomicFiles#writeDurably}: a temporary file, fsync,
 * rename, fsync of the folder), the newest {@code keep} kept.
 *
 * <p>A process killed while writing leaves {@code step-....safetensors.tmp}, which is never
 * read: {@link #removeTemporaries} deletes it. A file that does not read back whole (truncated,
 * a checksum that does not match) is skipped by {@link #newestGood} with a warning, and the one
 * before it is used.
 */
public final class CheckpointFolder {

    private static final Pattern NAME = Pattern.compile("step-(\\d+)\\.safetensors");

    private final Path folder;
    private final int keep;

    /** @param keep how many of the newest checkpoints to keep, >= 1 */
    public CheckpointFolder(Path folder, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1, found " + keep);
        }
        this.folder = folder;
        this.keep = keep;
    }

    public Path path() {
        return folder;
    }

    /** The file of the checkpoint taken after {@code step} steps. */
    public Path file(long step) {
        return folder.resolve(String.format(Locale.ROOT, "step-%09d.safetensors", step));
    }

    /** The checkpoint files, newest (most steps) first; temporary files are not listed. */
    public List<Path> list() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p))
                    .sorted(Comparator.comparingLong(CheckpointFolder::step).reversed()).toList();
        } catch (IOException e) {
            throw new UserError("cannot list the checkpoints in " + folder + ": " + reason(e), e);
        }
    }

    /** The number of steps in a checkpoint file's name. */
    public static long step(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(file + " is not named step-<steps>.safetensors");
        }
        return Long.parseLong(m.group(1));
    }

    /** Deletes the temporary files of writes that never finished (a killed process); returns them. */
    public List<Path> removeTemporaries() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> removed = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(AtomicFiles.TEMPORARY_SUFFIX)).toList()) {
                Files.delete(p);
                removed.add(p);
            }
        } catch (IOException e) {
            throw new UserError("cannot clean up " + folder + ": " + reason(e), e);
        }
        return removed;
    }

    /**
     * The newest checkpoint that reads back whole, its checksum verified; each newer one that
     * does not is reported to {@code warn} (with why) and skipped. Empty when there is none.
     */
    public Optional<SafetensorsFile> newestGood(Consumer<String> warn) {
        for (Path p : list()) {
            try {
                SafetensorsFile f = Safetensors.read(p);
                if (!f.metadata().containsKey(Safetensors.CHECKSUM_KEY)) {
                    throw new CheckpointException(p + ": has no " + Safetensors.CHECKSUM_KEY
                            + " in its __metadata__; not a checkpoint written by Latent");
                }
                return Optional.of(f);
            } catch (CheckpointException e) {
                warn.accept("skipping a damaged checkpoint: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * Checks, before training, that checkpoints can be written here: the folder exists (it is
     * created) and takes a file, and its file system has room for {@code keep + 1} checkpoints
     * (the newest is written before the oldest is deleted) of {@code checkpointBytes} each plus
     * {@code otherBytes}, less what existing checkpoints already take.
     *
     * @throws UserError naming the folder and the shortfall
     */
    public void checkWritable(long checkpointBytes, long otherBytes) {
        try {
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, ".write-check", AtomicFiles.TEMPORARY_SUFFIX);
            Files.delete(probe);
        } catch (IOException e) {
            throw new UserError("cannot write checkpoints in " + folder + ": " + reason(e)
                    + "; make the run folder writable, or choose another output folder (output)", e);
        }
        long existing = 0;
        for (Path p : list()) {
            existing += p.toFile().length();
        }
        long needed = (keep + 1) * checkpointBytes + otherBytes - existing;
        long free = usableSpace();
        if (free >= 0 && needed > free) {
            throw new UserError(String.format(Locale.ROOT, "not enough free space in %s: this run needs about %s"
                            + " (%d checkpoints of %s while the newest is written, and the final parameters and"
                            + " optimizer state), but its file system has %s free; free some space, lower"
                            + " training.keepCheckpoints (now %d), or write runs elsewhere (output)",
                    folder, megabytes(needed), keep + 1, megabytes(checkpointBytes), megabytes(free), keep));
        }
    }

    /**
     * Writes the checkpoint of {@code step} durably, then deletes all but the newest {@code keep}.
     *
     * @throws UserError when it cannot be written (a full disk, say), naming the file, the
     *                   reason and the last good checkpoint; nothing half-written is left behind
     */
    public Path write(long step, Map<String, Tensor> tensors, Map<String, String> metadata) {
        Path file = file(step);
        List<Path> before = list();
        try {
            Files.createDirectories(folder);
            AtomicFiles.writeDurably(file, channel -> Safetensors.write(channel, tensors, metadata));
        } catch (IOException e) {
            String previous = before.isEmpty() ? "there is no checkpoint yet" : "the last good checkpoint is "
                    + before.get(0);
            long free = usableSpace();
            throw new UserError("cannot write checkpoint " + file + ": " + reason(e)
                    + (free >= 0 ? " (" + megabytes(free) + " free on its file system)" : "")
                    + "; nothing half-written was left; " + previous, e);
        }
        List<Path> all = list();
        for (Path old : all.subList(Math.min(keep, all.size()), all.size())) {
            try {
                Files.deleteIfExists(old);
            } catch (IOException e) {
                throw new UserError("cannot delete the old checkpoint " + old + ": " + reason(e), e);
            }
        }
        return file;
    }

    private long usableSpace() {
        try {
            return Files.getFileStore(Files.isDirectory(folder) ? folder : folder.toAbsolutePath().getParent())
                    .getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    /** What went wrong, without repeating the file name a {@link FileSystemException} puts first. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof FileSystemException) {
            return e.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        }
        return e.getMessage();
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
