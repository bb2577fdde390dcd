package dev.latent.datasets.internal;

/**
 * A grey image held row-major: the grey levels of a photograph in [0, 1] as read, or their
 * local contrast normalisation (any real values).
 *
 * @param name     what messages call it: a full path, or a bundled resource's name
 * @param fileName its bare file name, for example {@code camera.png}
 * @param width    columns
 * @param height   rows
 * @param pixels   {@code width * height} values, row after row
 */
public record GreyImage(String name, String fileName, int width, int height, float[] pixels) {

    public GreyImage {
        if (pixels.length != (long) width * height) {
            throw new IllegalArgumentException(pixels.length + " values for a " + width + "x" + height + " image");
        }
    }

    /** The same photograph with other pixels, for example after normalisation. */
    public GreyImage withPixels(int newWidth, int newHeight, float[] newPixels) {
        return new GreyImage(name, fileName, newWidth, newHeight, newPixels);
    }
}
