package dev.latent.launcher.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes files and folders so that a reader never sees half of one: everything goes to a
 * temporary sibling ({@code <name>.tmp}) first and is moved into place at the end. A process
 * killed while writing leaves at most that temporary sibling, which the next write of the same
 * file replaces.
 */
public final class AtomicFiles {

    /** The suffix of the temporary sibling a file or folder is written to first. */
    public static final String TEMPORARY_SUFFIX = ".tmp";

    /** Writes the content of one file. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes the content of one file through a channel (which may also write at positions). */
    @FunctionalInterface
    public interface ChannelWriter {
        void write(FileChannel channel) throws IOException;
    }

    /** Fills a folder. */
    @FunctionalInterface
    public interface FolderWriter {
        void write(Path folder) throws IOException;
    }

    private AtomicFiles() {
    }

    /** The temporary sibling {@code <name>.tmp} that {@code target} is written to first. */
    public static Path temporary(Path target) {
        return target.resolveSibling(target.getFileName() + TEMPORARY_SUFFIX);
    }

    public static void write(Path target, Writer writer) throws IOException {
        commit(target, tmp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                writer.write(out);
            }
        }, false);
    }

    /**
     * Writes {@code target} so that it survives a crash of the machine too: the temporary file
     * is forced to the disk (fsync) before it is renamed over the target, and the folder is
     * forced after the rename. On any failure (a full disk, say) the temporary file is deleted
     * and the old target, if any, is untouched.
     */
    public static void writeDurably(Path target, ChannelWriter writer) throws IOException {
        commit(target, tmp -> {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writer.write(channel);
                channel.force(true);
            }
        }, true);
    }

    /** Fills {@code target}'s temporary sibling, then renames it over {@code target} atomically. */
    private static void commit(Path target, FolderWriter fill, boolean durable) throws IOException {
        Path tmp = temporary(target);
        boolean written = false;
        try {
            fill.write(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            written = true;
            if (durable) {
                forceFolder(target.toAbsolutePath().getParent());
            }
        } catch (IOException | RuntimeException e) {
            if (!written) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    /** Forces a folder's entries (a rename in it) to the disk; a no-op where folders cannot be opened. */
    public static void forceFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            // Windows cannot open a folder as a channel; its renames are durable enough
        }
    }

    /**
     * Fills a temporary sibling folder, then swaps it in: the old folder is moved aside (not
     * deleted) before the new one takes its place, so that at every moment one complete
     * version exists.
     */
    public static void writeFolder(Path target, FolderWriter writer) throws IOException {
        Path tmp = temporary(target);
        Path old = target.resolveSibling(target.getFileName() + ".old");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        boolean written = false;
        try {
            writer.write(tmp);
            deleteTree(old);
            if (Files.exists(target)) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            written = true;
        } finally {
            if (!written) {
                deleteTree(tmp);
            }
        }
        deleteTree(old);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
