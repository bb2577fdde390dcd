package dev.latent.datasets;

import static dev.latent.datasets.IdxFixtures.gzip;
import static dev.latent.datasets.IdxFixtures.images;
import static dev.latent.datasets.IdxFixtures.labels;
import static dev.latent.datasets.IdxFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.data.DataException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsRawImagesAsBytesOver255() throws IOException {
        Path file = write(dir.resolve("images"), images(3, 2, 4));
        IdxImages read = IdxReader.readImages(file);
        assertEquals(3, read.count());
        assertEquals(3, read.fileCount());
        assertArrayEquals(new int[] {1, 2, 4}, read.sampleShape());
        for (int i = 0; i < 3; i++) {
            for (int p = 0; p < 8; p++) {
                assertEquals((i + p) / 255f, read.pixels()[i * 8 + p]);
            }
        }
    }

    @Test
    void mapsEveryByteValueIntoTheUnitInterval() throws IOException {
        IdxImages read = IdxReader.readImages(write(dir.resolve("all"), images(1, 16, 16)));
        float[] pixels = read.pixels();
        assertEquals(0f, pixels[0]);
        assertEquals(1f, pixels[255]);
        for (float v : pixels) {
            assertTrue(v >= 0f && v <= 1f, "pixel out of [0, 1]: " + v);
        }
    }

    @Test
    void readsLabels() throws IOException {
        assertArrayEquals(new int[] {7, 0, 255}, IdxReader.readLabels(write(dir.resolve("l"), labels(7, 0, 255))));
    }

    @Test
    void detectsGzipByItsMagicBytesNotByItsName() throws IOException {
        Path gzippedWithoutSuffix = write(dir.resolve("images.idx"), gzip(images(2, 3, 3)));
        Path rawWithSuffix = write(dir.resolve("images.gz"), images(2, 3, 3));
        assertArrayEquals(IdxReader.readImages(rawWithSuffix).pixels(),
                IdxReader.readImages(gzippedWithoutSuffix).pixels());
        assertArrayEquals(new int[] {4, 5}, IdxReader.readLabels(write(dir.resolve("l.bin"), gzip(labels(4, 5)))));
    }

    @Test
    void aLimitReadsOnlyTheFirstImages() throws IOException {
        Path file = write(dir.resolve("images.gz"), gzip(images(5, 2, 2)));
        IdxImages read = IdxReader.readImages(file, 2);
        assertEquals(2, read.count());
        assertEquals(5, read.fileCount());
        assertArrayEquals(Arrays.copyOf(IdxReader.readImages(file).pixels(), 8), read.pixels());
        assertEquals(5, IdxReader.readImages(file, 9).count());
    }

    @Test
    void readsFromAStreamWithoutClosingIt() {
        boolean[] closed = {false};
        ByteArrayInputStream in = new ByteArrayInputStream(gzip(labels(1, 2, 3))) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        assertArrayEquals(new int[] {1, 2, 3}, IdxReader.readLabels(in, "stream"));
        assertFalse(closed[0], "the reader closed the caller's stream");
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("nowhere-idx3-ubyte");
        assertFault(() -> IdxReader.readImages(file), file.toString(), "file not found");
    }

    @Test
    void aFolderIsNotReadable() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder-idx1-ubyte"));
        assertFault(() -> IdxReader.readLabels(folder), folder.toString(), "cannot read", "folder");
    }

    @Test
    void aLabelFileReadAsImagesHasABadMagicNumber() throws IOException {
        Path file = write(dir.resolve("train-labels-idx1-ubyte"), labels(1, 2));
        assertFault(() -> IdxReader.readImages(file), "train-labels-idx1-ubyte",
                "bad magic number 0x00000801, expected 0x00000803", "IDX label file");
    }

    @Test
    void anImageFileReadAsLabelsHasABadMagicNumber() throws IOException {
        Path file = write(dir.resolve("imgs"), gzip(images(1, 2, 2)));
        assertFault(() -> IdxReader.readLabels(file), "imgs", "bad magic number 0x00000803, expected 0x00000801");
    }

    @Test
    void anyOtherFileHasABadMagicNumber() throws IOException {
        Path file = write(dir.resolve("notes.txt"), "hello, world".getBytes(StandardCharsets.US_ASCII));
        assertFault(() -> IdxReader.readImages(file), "notes.txt", "bad magic number 0x68656C6C, expected 0x00000803");
    }

    @Test
    void truncatedPixelDataSaysHowMuchWasExpectedAndFound() throws IOException {
        byte[] full = images(3, 28, 28);
        Path file = write(dir.resolve("train-images-idx3-ubyte"), Arrays.copyOf(full, full.length - 100));
        assertFault(() -> IdxReader.readImages(file), "train-images-idx3-ubyte",
                "truncated at byte 2268: expected 2352 bytes of pixel data for 3 images from byte 16, found 2252");
    }

    @Test
    void truncatedGzippedPixelDataIsDetectedToo() throws IOException {
        byte[] full = images(3, 28, 28);
        Path file = write(dir.resolve("t.gz"), gzip(Arrays.copyOf(full, full.length - 1)));
        assertFault(() -> IdxReader.readImages(file), "t.gz", "truncated at byte 2367: expected 2352 bytes", "found 2351 (offsets in the decompressed data)");
    }

    @Test
    void aTruncatedHeaderIsDetected() throws IOException {
        Path file = write(dir.resolve("short"), Arrays.copyOf(images(1, 2, 2), 10));
        assertFault(() -> IdxReader.readImages(file), "short", "truncated: expected an IDX header of 16 bytes, found 10");
        Path empty = write(dir.resolve("empty"), new byte[0]);
        assertFault(() -> IdxReader.readLabels(empty), "empty", "empty file");
    }

    @Test
    void truncatedLabelsAreDetected() throws IOException {
        byte[] full = labels(1, 2, 3, 4);
        Path file = write(dir.resolve("labels"), Arrays.copyOf(full, full.length - 3));
        assertFault(() -> IdxReader.readLabels(file), "labels", "truncated at byte 9: expected 4 bytes of label data from byte 8, found 1");
    }

    @Test
    void dataBeyondTheDeclaredCountIsAFault() throws IOException {
        byte[] full = images(2, 2, 2);
        Path file = write(dir.resolve("long"), Arrays.copyOf(full, full.length + 4));
        assertFault(() -> IdxReader.readImages(file), "long", "more data than the 2 images its header declares");
        assertEquals(1, IdxReader.readImages(file, 1).count(), "a limit does not look past what it reads");
    }

    @Test
    void aCorruptGzipTrailerIsDetected() throws IOException {
        byte[] gz = gzip(images(4, 5, 5));
        gz[gz.length - 8] ^= 0x55; // the CRC-32 of the uncompressed data
        Path file = write(dir.resolve("crc.gz"), gz);
        assertFault(() -> IdxReader.readImages(file), "crc.gz", "corrupt gzip stream");
    }

    @Test
    void aCutGzipStreamIsDetected() throws IOException {
        byte[] gz = gzip(images(40, 28, 28));
        Path file = write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
        assertFault(() -> IdxReader.readImages(file), "cut.gz", "corrupt gzip stream", "ends early");
    }

    @Test
    void aCorruptGzipHeaderIsDetected() throws IOException {
        Path file = write(dir.resolve("header.gz"), new byte[] {0x1f, (byte) 0x8b, 0x42, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertFault(() -> IdxReader.readLabels(file), "header.gz", "corrupt gzip stream");
    }

    @Test
    void corruptDeflateDataIsDetected() throws IOException {
        byte[] gz = IdxFixtures.bundledGzipped("t10k-labels-idx1-ubyte");
        for (int i = 20; i < gz.length - 20; i += 7) {
            gz[i] = (byte) ~gz[i];
        }
        Path file = write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gz);
        assertFault(() -> IdxReader.readLabels(file), "t10k-labels-idx1-ubyte.gz", "corrupt gzip stream");
    }

    @Test
    void aNegativeLimitIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> IdxReader.readImages(new ByteArrayInputStream(images(1, 1, 1)), "s", -1));
    }

    static void assertFault(Executable read, String... fragments) {
        DataException e = assertThrows(DataException.class, read);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment),
                    "message lacks '" + fragment + "': " + e.getMessage());
        }
    }
}
