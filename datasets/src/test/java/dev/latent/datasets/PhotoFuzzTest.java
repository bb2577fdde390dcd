package dev.latent.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.data.DataException;
import dev.latent.datasets.internal.GreyImage;
import dev.latent.datasets.internal.IdxInput;
import dev.latent.datasets.internal.PhotoReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Fuzzes the photograph reader with mutations of small valid PNG and JPEG files (grey, colour
 * and palette): bit flips, bytes set, truncations, chunks cut out and random tails. Every case
 * either loads, and then has the size its header declares and grey levels in [0, 1], or fails with
 * a {@link DataException} whose message starts with the file's name; an unchecked exception from
 * inside a JDK decoder, or an {@link OutOfMemoryError} from a declared size, fails the property
 * with the input that caused it. The seeds are fixed, so a run is reproducible.
 */
class PhotoFuzzTest {

    private static final String NAME = "fuzz/photo.png";
    private static final List<byte[]> VALID = List.of(
            encode(PhotoFixtures.noise(12, 10, 1), "png"),
            encode(colour(9, 11), "png"),
            encode(palette(10, 10), "png"),
            encode(colour(16, 16), "jpeg"),
            encode(PhotoFixtures.noise(8, 16, 2), "jpeg"));

    @Property(tries = 1500, seed = "4040", generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.BOUNDED)
    void mutatedPhotographsLoadOrFailWithADataException(@ForAll("mutated") IdxFuzzTest.Mutated file) {
        check(file.bytes());
    }

    /** Every truncation of every valid file loads or fails with a DataException. */
    @Example
    void everyTruncationLoadsOrFails() {
        for (byte[] valid : VALID) {
            for (int length = 0; length < valid.length; length++) {
                check(Arrays.copyOf(valid, length));
            }
        }
    }

    private static void check(byte[] bytes) {
        GreyImage image;
        try {
            image = PhotoReader.read(new IdxInput(NAME, "photo.png", () -> new ByteArrayInputStream(bytes)));
        } catch (DataException e) {
            assertTrue(e.getMessage().startsWith(NAME + ": ") && e.getMessage().length() > NAME.length() + 4,
                    "the message does not start with " + NAME + ": " + e.getMessage());
            return;
        }
        assertEquals((long) image.width() * image.height(), image.pixels().length);
        for (float v : image.pixels()) {
            assertTrue(v >= 0 && v <= 1, "grey level " + v);
        }
    }

    @Provide
    Arbitrary<IdxFuzzTest.Mutated> mutated() {
        return Combinators.combine(Arbitraries.integers().between(0, VALID.size() - 1),
                Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.integers().between(0, 255)).as((which, kind, at, value) -> {
                    byte[] valid = VALID.get(which);
                    int i = at % valid.length;
                    byte[] b = valid.clone();
                    String how;
                    switch (kind) {
                        case 0 -> {
                            b[i] ^= (byte) (1 << (int) value % 8);
                            how = "file " + which + ", bit " + value % 8 + " of byte " + i + " flipped";
                        }
                        case 1 -> {
                            b[i] = (byte) (int) value;
                            how = "file " + which + ", byte " + i + " set to " + value;
                        }
                        case 2 -> {
                            int end = Math.min(valid.length, i + 1 + value);
                            b = concat(Arrays.copyOf(valid, i), Arrays.copyOfRange(valid, end, valid.length));
                            how = "file " + which + ", bytes " + i + "-" + end + " cut out";
                        }
                        case 3 -> {
                            b = Arrays.copyOf(valid, i);
                            how = "file " + which + " truncated to " + i + " bytes";
                        }
                        default -> {
                            byte[] tail = new byte[value];
                            new java.util.SplittableRandom(at).nextBytes(tail);
                            b = concat(Arrays.copyOf(valid, i), tail);
                            how = "file " + which + " cut at " + i + " with " + value + " random bytes after";
                        }
                    }
                    return new IdxFuzzTest.Mutated(how, b);
                });
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static BufferedImage colour(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, (x * 29) << 16 | (y * 23) << 8 | (x * y) & 0xFF);
            }
        }
        return image;
    }

    private static BufferedImage palette(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.getRaster().setSample(x, y, 0, (x * 7 + y * 13) % 216);
            }
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
