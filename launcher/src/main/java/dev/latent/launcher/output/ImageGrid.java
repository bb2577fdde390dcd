package dev.latent.launcher.output;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.ImageIO;

/**
 * A PNG grid of grey-level images in [0, 1] on a grey background, each scaled up by an integer
 * factor for legibility: test images above their reconstructions, or samples of a generative
 * model in rows.
 */
public final class ImageGrid {

    private static final int SCALE = 3;
    private static final int GAP = 2;

    private ImageGrid() {
    }

    /**
     * @param rows    one array per row of the grid, each holding {@code columns} images
     *                (row-major, height * width values each)
     * @param columns images per row
     */
    public static void write(float[][] rows, int columns, int height, int width, OutputStream out) throws IOException {
        int cellW = width * SCALE + GAP;
        int cellH = height * SCALE + GAP;
        BufferedImage image = new BufferedImage(columns * cellW + GAP, rows.length * cellH + GAP,
                BufferedImage.TYPE_BYTE_GRAY);
        var g = image.createGraphics();
        g.setColor(new java.awt.Color(96, 96, 96));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.dispose();
        for (int r = 0; r < rows.length; r++) {
            for (int i = 0; i < columns; i++) {
                draw(image, rows[r], i, height, width, GAP + i * cellW, GAP + r * cellH);
            }
        }
        ImageIO.write(image, "png", out);
    }

    private static void draw(BufferedImage image, float[] values, int index, int h, int w, int x0, int y0) {
        var raster = image.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = values[index * h * w + y * w + x];
                int grey = Math.round(255 * Math.max(0, Math.min(1, v)));
                for (int dy = 0; dy < SCALE; dy++) {
                    for (int dx = 0; dx < SCALE; dx++) {
                        raster.setSample(x0 + x * SCALE + dx, y0 + y * SCALE + dy, 0, grey);
                    }
                }
            }
        }
    }
}
