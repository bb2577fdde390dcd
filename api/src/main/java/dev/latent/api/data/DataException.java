package dev.latent.api.data;

import java.nio.file.Path;

/** A data file that cannot be read: the message names the file and the fault. */
public final class DataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataException(String source, String fault) {
        super(source + ": " + fault);
    }

    public DataException(Path file, String fault) {
        this(file.toString(), fault);
    }

    public DataException(String source, String fault, Throwable cause) {
        super(source + ": " + fault, cause);
    }
}
