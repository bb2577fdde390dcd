package dev.latent.datasets;

import static dev.latent.datasets.IdxReaderTest.assertFault;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latent.datasets.internal.GreyImage;
import dev.latent.datasets.internal.IdxInput;
import dev.latent.datasets.internal.PhotoReader;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhotoReaderTest {

    @TempDir
    Path dir;

    private GreyImage read(Path file) {
        return PhotoReader.read(IdxInput.ofFile(file));
    }

    @Test
    void colourBecomesBt601LumaOfTheStoredValues() {
        int[] colours = {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFFFF, 0x000000, 0x0AC81E};
        BufferedImage rgb = new BufferedImage(colours.length, 1, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < colours.length; x++) {
            rgb.setRGB(x, 0, colours[x]);
        }
        GreyImage grey = read(PhotoFixtures.png(dir.resolve("colours.png"), rgb));
        assertEquals(colours.length, grey.width());
        assertEquals(1, grey.height());
        assertEquals("colours.png", grey.fileName());
        float[] p = grey.pixels();
        assertEquals(0.299f, p[0], 1e-6f, "red");
        assertEquals(0.587f, p[1], 1e-6f, "green");
        assertEquals(0.114f, p[2], 1e-6f, "blue");
        assertEquals(1f, p[3], "white");
        assertEquals(0f, p[4], "black");
        assertEquals((0.299 * 10 + 0.587 * 200 + 0.114 * 30) / 255, p[5], 1e-6, "(10, 200, 30)");
    }

    @Test
    void greyLevelsAreTakenAsStoredNotBrightenedToSrgb() {
        // getRGB on a TYPE_BYTE_GRAY image would turn 128 into 186: the pitfall this reader avoids
        BufferedImage image = PhotoFixtures.grey(3, 1, (x, y) -> new int[] {0, 128, 255}[x]);
        float[] p = read(PhotoFixtures.png(dir.resolve("grey.png"), image)).pixels();
        assertEquals(0f, p[0]);
        assertEquals(128 / 255f, p[1], 1e-7f);
        assertEquals(1f, p[2]);
    }

    @Test
    void sixteenBitGreyIsScaledBy65535() {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setSample(0, 0, 0, 1);
        image.getRaster().setSample(1, 0, 0, 32768);
        image.getRaster().setSample(2, 0, 0, 65535);
        float[] p = read(PhotoFixtures.png(dir.resolve("deep.png"), image)).pixels();
        assertEquals(1 / 65535f, p[0], 1e-9f);
        assertEquals(32768 / 65535f, p[1], 1e-7f);
        assertEquals(1f, p[2]);
    }

    @Test
    void aPaletteImageGoesThroughItsPalette() {
        byte[] r = {(byte) 255, 0, 20};
        byte[] g = {0, 0, (byte) 140};
        byte[] b = {0, (byte) 255, 60};
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 3, r, g, b));
        for (int x = 0; x < 3; x++) {
            image.getRaster().setSample(x, 0, 0, x);
        }
        float[] p = read(PhotoFixtures.png(dir.resolve("palette.png"), image)).pixels();
        assertEquals(0.299f, p[0], 1e-6f);
        assertEquals(0.114f, p[1], 1e-6f);
        assertEquals((0.299 * 20 + 0.587 * 140 + 0.114 * 60) / 255, p[2], 1e-6);
    }

    @Test
    void jpegAndPngOfTheSamePictureReadAlikeWhateverTheirExtension() {
        // a smooth colour gradient, which JPEG at quality 0.95 keeps within a few levels
        BufferedImage rgb = new BufferedImage(48, 32, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 48; x++) {
                rgb.setRGB(x, y, (x * 5) << 16 | (y * 7) << 8 | (120 + x + y));
            }
        }
        GreyImage png = read(PhotoFixtures.png(dir.resolve("gradient.png"), rgb));
        GreyImage jpeg = read(PhotoFixtures.jpeg(dir.resolve("gradient.jpg"), rgb));
        GreyImage greyJpeg = read(PhotoFixtures.jpeg(dir.resolve("gradient-grey.JPEG"),
                PhotoFixtures.grey(48, 32, (x, y) -> 4 * x + y)));
        GreyImage misnamed = read(PhotoFixtures.jpeg(dir.resolve("actually-a-jpeg.png"), rgb));
        assertEquals(48, jpeg.width());
        assertEquals(32, jpeg.height());
        double worst = 0;
        for (int i = 0; i < png.pixels().length; i++) {
            worst = Math.max(worst, Math.abs(png.pixels()[i] - jpeg.pixels()[i]));
            assertEquals(jpeg.pixels()[i], misnamed.pixels()[i]);
            int x = i % 48;
            int y = i / 48;
            assertEquals((4 * x + y) / 255.0, greyJpeg.pixels()[i], 3 / 255.0, "grey JPEG at " + x + "," + y);
        }
        assertEquals(0, worst, 4 / 255.0, "largest difference between the PNG and the JPEG");
    }

    @Test
    void otherFormatsAreNamed() {
        BufferedImage image = PhotoFixtures.noise(8, 8, 1);
        assertFault(() -> read(PhotoFixtures.write(dir.resolve("a.png"), image, "gif")),
                dir.resolve("a.png").toString(), "is a GIF image; expected PNG or JPEG");
        assertFault(() -> read(PhotoFixtures.write(dir.resolve("b.jpg"), image, "bmp")),
                dir.resolve("b.jpg").toString(), "is a BMP image; expected PNG or JPEG");
    }
}
