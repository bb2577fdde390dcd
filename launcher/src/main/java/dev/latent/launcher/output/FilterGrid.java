package dev.latent.launcher.output;

import dev.latent.api.model.FilterImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Draws a bank of filters ({@link FilterImage}) as a PNG grid, as the predictive sparse
 * decomposition tutorial shows its encoder filters and dictionary atoms. Each filter is rescaled
 * on its own, symmetrically around 0, so that mid-grey is 0 and its largest magnitude is black or
 * white:
 *
 * <pre>
 * grey(v) = 255 * (1/2 + v / (2 max_i |v_i|))      (a filter of zeros is mid-grey)
 * </pre>
 *
 * The grid is near-square ({@code ceil(sqrt(count))} columns, filled row by row), each pixel is
 * drawn as a {@value #SCALE}x{@value #SCALE} square (nearest neighbour, so that 9x9 filters are
 * 36 pixels wide), and filters are separated by {@value #GAP} pixel of dark grey, which also
 * frames the grid.
 */
public final class FilterGrid {

    /** The upscaling factor of each pixel. */
    public static final int SCALE = 4;
    /** The pixels between two filters and around the grid. */
    public static final int GAP = 1;

    private FilterGrid() {
    }

    /** The columns of the grid of {@code count} filters: the smallest c with c * c &gt;= count. */
    public static int columns(int count) {
        int c = (int) Math.sqrt(count);
        while (c * c < count) {
            c++;
        }
        return c;
    }

    /** Writes {@code filters} as a PNG at {@code file}, atomically ({@link AtomicFiles}). */
    public static void write(FilterImage filters, Path file) throws IOException {
        float[] shown = rescaled(filters);
        AtomicFiles.write(file, out -> ImageGrid.write(shown, filters.count(), columns(filters.count()),
                filters.height(), filters.width(), SCALE, GAP, out));
    }

    /** Each filter mapped to [0, 1] on its own, 0 to 1/2 (non-finite values are left to the grid's clipping). */
    static float[] rescaled(FilterImage filters) {
        float[] v = filters.pixels();
        int size = filters.height() * filters.width();
        for (int f = 0; f < filters.count(); f++) {
            double largest = 0;
            for (int i = f * size; i < (f + 1) * size; i++) {
                if (Float.isFinite(v[i])) {
                    largest = Math.max(largest, Math.abs(v[i]));
                }
            }
            double scale = largest == 0 ? 0 : 0.5 / largest;
            for (int i = f * size; i < (f + 1) * size; i++) {
                v[i] = (float) (0.5 + v[i] * scale);
            }
        }
        return v;
    }
}
