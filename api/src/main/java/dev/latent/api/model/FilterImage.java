package dev.latent.api.model;

import java.util.Arrays;

/**
 * A bank of small images a model has learned, for looking at: encoder filters, dictionary atoms
 * or the first convolution's kernels. Filter {@code i} is
 * {@code pixels[i * height * width .. (i + 1) * height * width)}, row-major; the values are
 * raw (a plot rescales them).
 *
 * @param name   a stable name used in file names, such as {@code encoder} or {@code dictionary}
 * @param count  the number of filters, &gt;= 1
 * @param height each filter's height, &gt;= 1
 * @param width  each filter's width, &gt;= 1
 * @param pixels count * height * width values, copied
 */
public record FilterImage(String name, int count, int height, int width, float[] pixels) {

    public FilterImage {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        if (count < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("count, height and width must be >= 1, found "
                    + count + ", " + height + ", " + width);
        }
        if (pixels.length != (long) count * height * width) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixels for " + count
                    + " filters of " + height + "x" + width);
        }
        pixels = pixels.clone();
    }

    /** {@return a copy of the pixels} */
    @Override
    public float[] pixels() {
        return pixels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FilterImage f && f.name.equals(name) && f.count == count && f.height == height
                && f.width == width && Arrays.equals(f.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "FilterImage[" + name + ", " + count + " of " + height + "x" + width + "]";
    }
}
