package dev.latent.launcher.output;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.ImageIO;

/**
 * A PNG of test images (top row) above their reconstructions (bottom row), grey levels in
 * [0, 1], each image scaled up by an integer factor for legibility.
 */
public final class ReconstructionGrid {

    private static final int SCALE = 3;
    private static final int GAP = 2;

    private ReconstructionGrid() {
    }

    /**
     * @param originals       n images, row-major, height * width values each
     * @param reconstructions the same count and layout
     */
    public static void write(float[] originals, float[] reconstructions, int n, int height, int width, OutputStream out)
            throws IOException {
        int cell = width * SCALE + GAP;
        BufferedImage image = new BufferedImage(n * cell + GAP, 2 * (height * SCALE + GAP) + GAP, BufferedImage.TYPE_BYTE_GRAY);
        var g = image.createGraphics();
        g.setColor(new java.awt.Color(96, 96, 96));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.dispose();
        for (int i = 0; i < n; i++) {
            draw(image, originals, i, height, width, GAP + i * cell, GAP);
            draw(image, reconstructions, i, height, width, GAP + i * cell, 2 * GAP + height * SCALE);
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
