package dev.latent.models.psd;

import dev.latent.api.model.FilterImage;

/**
 * Turns weight matrices into {@link FilterImage}s: a filter is one row (or one column) of a
 * matrix, shown as an image of a sample's shape. A sample of shape {@code [C, H, W]} gives
 * images of C*H rows by W columns (the channels stacked vertically); {@code [H, W]} gives H x W;
 * a flat {@code [n]} gives a square image when n is a perfect square, else one row of n.
 */
final class FilterImages {

    private FilterImages() {
    }

    /** {@return the {height, width} of one filter image for a sample of this shape} */
    static int[] imageSize(int[] sampleShape) {
        int r = sampleShape.length;
        if (r >= 2) {
            int height = 1;
            for (int i = 0; i < r - 1; i++) {
                height *= sampleShape[i];
            }
            return new int[] {height, sampleShape[r - 1]};
        }
        int n = sampleShape[0];
        int side = (int) Math.round(Math.sqrt(n));
        return side * side == n ? new int[] {side, side} : new int[] {1, n};
    }

    /** Filter i is row i of a row-major {@code [count, height * width]} matrix. */
    static FilterImage rows(String name, double[] values, int count, int height, int width) {
        float[] pixels = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            pixels[i] = (float) values[i];
        }
        return new FilterImage(name, count, height, width, pixels);
    }

    /** Filter j is column j of a row-major {@code [height * width, count]} matrix. */
    static FilterImage columns(String name, double[] values, int count, int height, int width) {
        int size = height * width;
        float[] pixels = new float[values.length];
        for (int p = 0; p < size; p++) {
            for (int j = 0; j < count; j++) {
                pixels[j * size + p] = (float) values[p * count + j];
            }
        }
        return new FilterImage(name, count, height, width, pixels);
    }
}
