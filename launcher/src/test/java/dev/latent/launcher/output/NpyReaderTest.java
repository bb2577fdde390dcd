package dev.latent.launcher.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latent.api.engine.DType;
import dev.latent.launcher.checkpoint.ArrayTensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What NpyWriter writes reads back exactly; anything else is refused naming the file. */
class NpyReaderTest {

    private static final Path FILE = Path.of("run/parameters/w.npy");

    @Test
    void readsBackWhatTheWriterWrites() throws IOException {
        NpyReader.Array f = NpyReader.read(FILE, NpyWriterTest.write(ArrayTensor.f32(new int[] {2, 3}, 1, -2, 3.5, 4, 5, 6)));
        assertEquals(DType.FLOAT32, f.dtype());
        assertArrayEquals(new int[] {2, 3}, f.shape());
        float[] values = new float[6];
        f.data().asFloatBuffer().get(values);
        assertArrayEquals(new float[] {1, -2, 3.5f, 4, 5, 6}, values);

        NpyReader.Array d = NpyReader.read(FILE, NpyWriterTest.write(ArrayTensor.f64(new int[] {3}, 0.1, 0.2, 0.3)));
        assertEquals(DType.FLOAT64, d.dtype());
        assertArrayEquals(new int[] {3}, d.shape());
        double[] doubles = new double[3];
        d.data().asDoubleBuffer().get(doubles);
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, doubles);
    }

    @Test
    void refusesOtherFilesNamingThem() throws IOException {
        assertEquals(FILE + ": not a .npy file (it does not start with \\x93NUMPY)",
                assertThrows(IllegalArgumentException.class,
                        () -> NpyReader.read(FILE, "hello world".getBytes(StandardCharsets.US_ASCII))).getMessage());
        byte[] ints = NpyWriterTest.write(ArrayTensor.f32(new int[] {1}, 1));
        String header = new String(ints, 10, ints.length - 14, StandardCharsets.US_ASCII);
        byte[] other = ints.clone();
        System.arraycopy(header.replace("<f4", "<i4").getBytes(StandardCharsets.US_ASCII), 0, other, 10, header.length());
        assertEquals(FILE + ": data type '<i4'; only little-endian float32 ('<f4') and float64 ('<f8') are read",
                assertThrows(IllegalArgumentException.class, () -> NpyReader.read(FILE, other)).getMessage());
        byte[] cut = java.util.Arrays.copyOf(ints, ints.length - 1);
        assertEquals(FILE + ": holds 3 bytes of data, but shape [1] of float32 needs 4",
                assertThrows(IllegalArgumentException.class, () -> NpyReader.read(FILE, cut)).getMessage());
    }
}
