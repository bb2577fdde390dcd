package dev.latent.datasets.internal;

import dev.latent.api.data.DataException;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads a PNG or JPEG photograph with {@code javax.imageio} and turns it into grey levels in
 * [0, 1].
 *
 * <p>The format is recognised by the file's contents, not its name. A grey image keeps its
 * samples, {@code v / (2^bits - 1)} (8- or 16-bit, or fewer bits in a PNG). A colour image
 * becomes its ITU-R BT.601 luma, {@code Y = 0.299 R + 0.587 G + 0.114 B}, from the stored
 * (gamma-encoded) values each scaled to [0, 1], as Torch's {@code image.rgb2y} does; a palette
 * image goes through its palette first. No gamma or colour-profile conversion is applied, and an
 * alpha channel is ignored. (Reading through {@code BufferedImage.getRGB} would be wrong here:
 * it converts linear-grey images to sRGB and brightens them.)
 *
 * <p>Every fault is a {@link DataException} naming the file: an empty file, contents that no
 * decoder recognises (with their first bytes), a format other than PNG or JPEG, a truncated or
 * corrupt image (with the decoder's reason; a decoder's warning, such as libjpeg's "Premature
 * end of JPEG file", counts as corruption), more than {@link #MAX_PIXELS} pixels, or a colour
 * space that is neither grey nor RGB (a CMYK JPEG).
 */
public final class PhotoReader {

    /** The BT.601 luma weights of red, green and blue. */
    public static final double RED = 0.299;
    public static final double GREEN = 0.587;
    public static final double BLUE = 0.114;

    /** The largest image read, 100 megapixels (400 MB as floats): a guard against decompression bombs. */
    public static final long MAX_PIXELS = 100_000_000L;

    private static final Set<String> FORMATS = Set.of("png", "jpeg");

    private PhotoReader() {
    }

    /** Reads one photograph; see the class comment for the conversion and the faults. */
    public static GreyImage read(IdxInput input) {
        byte[] bytes = input.read((in, name) -> {
            try {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new DataException(name, "cannot read: " + e.getMessage(), e);
            }
        });
        String name = input.name();
        if (bytes.length == 0) {
            throw new DataException(name, "empty file, expected a PNG or JPEG image");
        }
        try (ImageInputStream stream = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw new DataException(name, "not a PNG or JPEG image: no image decoder recognises its first bytes ("
                        + firstBytes(bytes) + ")");
            }
            ImageReader reader = readers.next();
            String format = reader.getFormatName().toLowerCase(Locale.ROOT);
            if (!FORMATS.contains(format)) {
                throw new DataException(name, "is a " + format.toUpperCase(Locale.ROOT) + " image; expected PNG or JPEG");
            }
            try {
                reader.setInput(stream, true, true);
                BufferedImage image = decode(reader, name, format);
                return new GreyImage(name, input.fileName(), image.getWidth(), image.getHeight(), grey(name, image));
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new DataException(name, "cannot close: " + e.getMessage(), e);
        }
    }

    private static BufferedImage decode(ImageReader reader, String name, String format) {
        String what = format.toUpperCase(Locale.ROOT);
        try {
            long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
            if (pixels > MAX_PIXELS) {
                throw new DataException(name, "is " + reader.getWidth(0) + "x" + reader.getHeight(0) + " pixels; at most "
                        + MAX_PIXELS / 1_000_000 + " megapixels are read");
            }
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage image = reader.read(0);
            if (!warnings.isEmpty()) {
                // a truncated JPEG decodes with a warning and grey rows at the bottom: refuse it
                throw new DataException(name, "corrupt or truncated " + what + " image: " + String.join("; ", warnings.stream().distinct().toList()));
            }
            return image;
        } catch (IOException | UncheckedIOException e) {
            throw new DataException(name, "corrupt or truncated " + what + " image: " + reason(e), e);
        } catch (RuntimeException e) {
            if (e instanceof DataException) {
                throw e;
            }
            // the JDK's decoders throw unchecked exceptions on some corrupt inputs
            throw new DataException(name, "corrupt " + what + " image: " + reason(e), e);
        }
    }

    /** Grey levels in [0, 1], row-major; see the class comment. */
    static float[] grey(String name, BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        ColorModel model = image.getColorModel();
        float[] out = new float[w * h];
        int[] row = new int[w];
        if (model instanceof IndexColorModel palette) {
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    int i = row[x];
                    out[y * w + x] = luma(palette.getRed(i) / 255.0, palette.getGreen(i) / 255.0, palette.getBlue(i) / 255.0);
                }
            }
            return out;
        }
        int colours = model.getNumColorComponents();
        int type = model.getColorSpace().getType();
        if (type == ColorSpace.TYPE_GRAY && colours == 1) {
            double max = maxSample(model, 0);
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = (float) (row[x] / max);
                }
            }
            return out;
        }
        if (type == ColorSpace.TYPE_RGB && colours == 3) {
            double[] max = {maxSample(model, 0), maxSample(model, 1), maxSample(model, 2)};
            int[] green = new int[w];
            int[] blue = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                raster.getSamples(0, y, w, 1, 1, green);
                raster.getSamples(0, y, w, 1, 2, blue);
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = luma(row[x] / max[0], green[x] / max[1], blue[x] / max[2]);
                }
            }
            return out;
        }
        throw new DataException(name, "has " + colours + " colour components in colour space type " + type
                + "; expected grey or RGB (a CMYK or YCCK JPEG is not read)");
    }

    /** {@code 0.299 r + 0.587 g + 0.114 b}, at most 1. */
    static float luma(double r, double g, double b) {
        return (float) Math.min(1.0, RED * r + GREEN * g + BLUE * b);
    }

    private static double maxSample(ColorModel model, int component) {
        return (1 << model.getComponentSize(component)) - 1;
    }

    private static String reason(Exception e) {
        StringBuilder s = new StringBuilder(message(e));
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            s.append(": ").append(message(c));
        }
        return s.toString();
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String firstBytes(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(8, bytes.length); i++) {
            s.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%02x", bytes[i] & 0xFF));
        }
        return s.toString();
    }
}
