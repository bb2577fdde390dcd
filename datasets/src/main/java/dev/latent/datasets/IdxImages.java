package dev.latent.datasets;

/**
 * Grey-level images read from an IDX file: {@link #count()} images of {@code rows x cols}
 * values in [0, 1], row-major, one image after another.
 *
 * <p>The pixel array is held, not copied: it is typically tens of megabytes, and the caller
 * hands it on to a {@link dev.latent.api.data.DataSplit}. Do not change it after that.
 *
 * @param rows      the height of one image, from the file's header
 * @param cols      the width of one image, from the file's header
 * @param fileCount the number of images the file's header declares: more than {@link #count()}
 *                  when the reader was given a limit
 * @param pixels    {@code count * rows * cols} values, {@code v / 255} for each stored byte
 *                  {@code v}
 */
public record IdxImages(int rows, int cols, int fileCount, float[] pixels) {

    public IdxImages {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("image size must be positive, found " + rows + "x" + cols);
        }
        if (pixels.length % (rows * cols) != 0 || pixels.length / (rows * cols) > fileCount) {
            throw new IllegalArgumentException(pixels.length + " pixels are not a whole number of "
                    + rows + "x" + cols + " images, at most " + fileCount);
        }
    }

    /** The number of images read. */
    public int count() {
        return pixels.length / (rows * cols);
    }

    /** The shape of one image as a single-channel sample: {@code [1, rows, cols]}. */
    public int[] sampleShape() {
        return new int[] {1, rows, cols};
    }
}
