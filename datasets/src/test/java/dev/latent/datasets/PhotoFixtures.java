package dev.latent.datasets;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.IntBinaryOperator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Small photographs written with {@code javax.imageio} for the tests of the {@code patches} dataset. */
final class PhotoFixtures {

    private PhotoFixtures() {
    }

    /** An 8-bit grey image whose pixel (x, y) is {@code level.applyAsInt(x, y)}, 0-255. */
    static BufferedImage grey(int width, int height, IntBinaryOperator level) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, level.applyAsInt(x, y));
            }
        }
        return image;
    }

    /** Uniform noise in 0-255, seeded. */
    static BufferedImage noise(int width, int height, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return grey(width, height, (x, y) -> random.nextInt(256));
    }

    /** Writes {@code image} as PNG. */
    static Path png(Path file, BufferedImage image) {
        return write(file, image, "png");
    }

    /** Writes {@code image} as a baseline JPEG of quality 0.95. */
    static Path jpeg(Path file, BufferedImage image) {
        try {
            Files.createDirectories(file.getParent());
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            Files.deleteIfExists(file);
            try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, BufferedImage image, String format) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no " + format + " writer");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
