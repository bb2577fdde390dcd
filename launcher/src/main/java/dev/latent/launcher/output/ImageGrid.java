package dev.latent.launcher.output;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.ImageIO;

/**
 * A PNG grid of grey-level images in [0, 1] on a grey background, each scaled up by an integer
 * factor (nearest neighbour) for legibility: test images above their reconstructions, samples of
 * a generative model in rows, or a model's filters ({@link FilterGrid}).
 */
public final class ImageGrid {

    private static final int SCALE = 3;
    private static final int GAP = 2;
    /** The grey of the background and of the gaps between images. */
    private static final int BACKGROUND = 96;

    private ImageGrid() {
    }

    /**
     * Writes rows of images, 3x upscaled with 2-pixel gaps.
     *
     * @param rows    one array per row of the grid, each holding {@code columns} images
     *                (row-major, height * width values each)
     * @param columns images per row
     */
    public static void write(float[][] rows, int columns, int height, int width, OutputStream out) throws IOException {
        int size = height * width;
        float[] images = new float[rows.length * columns * size];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, images, r * columns * size, columns * size);
        }
        write(images, rows.length * columns, columns, height, width, SCALE, GAP, out);
    }

    /**
     * Writes {@code count} images in rows of {@code columns}, left to right and top to bottom;
     * the cells after the last image stay background.
     *
     * @param images count * height * width values in [0, 1] (clipped), one image after another
     * @param scale  each pixel becomes a scale x scale square, &gt;= 1
     * @param gap    the pixels of background around and between the images, &gt;= 0
     */
    public static void write(float[] images, int count, int columns, int height, int width, int scale, int gap,
                             OutputStream out) throws IOException {
        int gridRows = (count + columns - 1) / columns;
        int cellW = width * scale + gap;
        int cellH = height * scale + gap;
        BufferedImage image = new BufferedImage(columns * cellW + gap, gridRows * cellH + gap,
                BufferedImage.TYPE_BYTE_GRAY);
        var g = image.createGraphics();
        g.setColor(new java.awt.Color(BACKGROUND, BACKGROUND, BACKGROUND));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.dispose();
        for (int i = 0; i < count; i++) {
            draw(image, images, i, height, width, scale, gap + (i % columns) * cellW, gap + (i / columns) * cellH);
        }
        ImageIO.write(image, "png", out);
    }

    private static void draw(BufferedImage image, float[] values, int index, int h, int w, int scale, int x0, int y0) {
        var raster = image.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = values[index * h * w + y * w + x];
                int grey = Math.round(255 * Math.max(0, Math.min(1, v)));
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        raster.setSample(x0 + x * scale + dx, y0 + y * scale + dy, 0, grey);
                    }
                }
            }
        }
    }
}
