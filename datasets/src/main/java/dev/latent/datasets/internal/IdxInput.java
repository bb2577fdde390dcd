package dev.latent.datasets.internal;

import dev.latent.api.data.DataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.BiFunction;

/**
 * One data file to read (an IDX file, a photograph), wherever it is (a file, a resource of this
 * module): the name that error messages give it, its bare file name, and a way to open it.
 *
 * @param name     what messages call it: a full path, or a resource name marked as bundled
 * @param fileName its last path element, for example {@code train-images-idx3-ubyte.gz}
 * @param opener   opens a fresh stream of its bytes
 */
public record IdxInput(String name, String fileName, Opener opener) {

    /** Opens a fresh stream of a file's bytes; may throw {@link DataException} itself. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    /** A file on disk, named by its path as given. */
    public static IdxInput ofFile(Path file) {
        Path last = file.getFileName();
        return new IdxInput(file.toString(), last == null ? file.toString() : last.toString(), () -> {
            if (Files.isDirectory(file)) {
                throw new DataException(file, "cannot read: it is a folder, not an IDX file");
            }
            return Files.newInputStream(file);
        });
    }

    /**
     * Opens the file, hands the stream and this input's {@link #name()} to {@code reading}, and
     * closes the stream.
     *
     * @throws DataException naming the file when it is missing or cannot be read or closed, and
     *                       whatever {@code reading} throws
     */
    public <T> T read(BiFunction<InputStream, String, T> reading) {
        try (InputStream in = open()) {
            return reading.apply(in, name);
        } catch (IOException e) {
            throw new DataException(name, "cannot close: " + e.getMessage(), e);
        }
    }

    private InputStream open() {
        try {
            return opener.open();
        } catch (NoSuchFileException e) {
            throw new DataException(name, "file not found");
        } catch (AccessDeniedException e) {
            throw new DataException(name, "cannot read: permission denied", e);
        } catch (IOException e) {
            throw new DataException(name, "cannot read: " + e.getMessage(), e);
        }
    }
}
