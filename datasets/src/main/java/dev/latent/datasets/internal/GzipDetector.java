package dev.latent.datasets.internal;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Opens a byte stream that may be gzipped: the stream is decompressed when it starts with the
 * gzip magic bytes {@code 0x1f 0x8b} (RFC 1952), whatever the file is called, and read as is
 * otherwise.
 *
 * <p>An IDX file cannot start with {@code 0x1f}: its magic number starts with two zero bytes.
 */
public final class GzipDetector {

    private static final int BUFFER_BYTES = 1 << 16;
    private static final int GZIP_ID1 = 0x1f;
    private static final int GZIP_ID2 = 0x8b;

    private GzipDetector() {
    }

    /**
     * Returns a buffered stream of {@code in}'s bytes, decompressed when they are gzipped.
     * Closing the returned stream releases the decompressor but leaves {@code in} open: whoever
     * opened {@code in} closes it.
     *
     * @throws java.util.zip.ZipException when the stream starts like gzip but its header is
     *                                    corrupt
     * @throws java.io.EOFException       when the stream ends inside the gzip header
     */
    public static InputStream open(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(new KeepOpen(in), BUFFER_BYTES);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        if (first == GZIP_ID1 && second == GZIP_ID2) {
            return new GZIPInputStream(buffered, BUFFER_BYTES);
        }
        return buffered;
    }

    /** A view of a stream whose {@code close()} does nothing. */
    private static final class KeepOpen extends FilterInputStream {

        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller owns the underlying stream
        }
    }
}
