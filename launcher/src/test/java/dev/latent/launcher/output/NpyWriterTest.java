package dev.latent.launcher.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.launcher.TestHome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parses what {@link NpyWriter} writes byte by byte against the NPY format 1.0 specification
 * (numpy.lib.format): magic, version, little-endian header length, a header dict padded with
 * spaces and a newline so that magic + length + header is a multiple of 64, then the data.
 */
class NpyWriterTest {

    private static Engine engine;

    @BeforeAll
    static void startCpuEngine() throws Exception {
        engine = TestHome.cpuEngine();
    }

    /** A parsed .npy file. */
    private record Npy(int major, int minor, String header, ByteBuffer data) {
    }

    private static Npy parse(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        b.get(magic);
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}, magic);
        int major = b.get() & 0xFF;
        int minor = b.get() & 0xFF;
        int headerLength = b.getShort() & 0xFFFF;
        assertEquals(0, (10 + headerLength) % 64, "magic, version, length and header fill whole 64-byte blocks");
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        ByteBuffer data = ByteBuffer.wrap(bytes, 10 + headerLength, bytes.length - 10 - headerLength).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        return new Npy(major, minor, header, data);
    }

    /** The dict, checking that only spaces and one final newline pad it. */
    private static String dict(String header) {
        assertTrue(header.endsWith("\n"), "the header ends with a newline");
        String body = header.substring(0, header.length() - 1);
        String dict = body.stripTrailing();
        assertEquals(" ".repeat(body.length() - dict.length()), body.substring(dict.length()), "padding is spaces");
        assertTrue(body.length() - dict.length() < 64, "padding is less than one block");
        return dict;
    }

    /** The bytes NpyWriter writes for {@code t} (also for {@link NpyReaderTest}). */
    static byte[] write(Tensor t) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpyWriter.write(t, out);
        return out.toByteArray();
    }

    @Test
    void float32MatrixIsLittleEndianCOrder() throws IOException {
        double[] values = {1.5, -2.25, 3, 0, 1e-3, 65504};
        try (Tensor t = engine.fromArray(values, DType.FLOAT32, 2, 3)) {
            byte[] bytes = write(t);
            Npy npy = parse(bytes);
            assertEquals(1, npy.major());
            assertEquals(0, npy.minor());
            assertEquals(128, bytes.length - 6 * 4, "a 59-character dict pads to a 128-byte preamble");
            assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", dict(npy.header()));
            assertEquals(6 * 4, npy.data().remaining());
            for (double v : values) {
                assertEquals((float) v, npy.data().getFloat());
            }
        }
    }

    @Test
    void float64VectorHasATupleShapeWithTrailingComma() throws IOException {
        double[] values = {Math.PI, -1e-300, 1e300, -0.0, 42};
        try (Tensor t = engine.fromArray(values, DType.FLOAT64, 5)) {
            byte[] bytes = write(t);
            Npy npy = parse(bytes);
            assertEquals(1, npy.major());
            assertEquals(0, npy.minor());
            assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (5,), }", dict(npy.header()));
            assertEquals(5 * 8, npy.data().remaining());
            for (double v : values) {
                assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(npy.data().getDouble()));
            }
        }
    }

    @Test
    void rank3TensorKeepsEveryDimensionAndRowMajorOrder() throws IOException {
        double[] values = new double[4 * 1 * 3];
        Arrays.setAll(values, i -> i * 0.25 - 1);
        try (Tensor t = engine.fromArray(values, DType.FLOAT64, 4, 1, 3)) {
            Npy npy = parse(write(t));
            assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (4, 1, 3), }", dict(npy.header()));
            double[] read = new double[values.length];
            npy.data().asDoubleBuffer().get(read);
            assertArrayEquals(values, read);
        }
    }

    @Test
    void headerLengthsPadToWholeBlocksForManyShapes() throws IOException {
        int[][] shapes = {{1}, {7, 1}, {784, 512}, {2, 3, 4, 5, 6, 7}};
        for (int[] shape : shapes) {
            int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            try (Tensor t = engine.zeros(DType.FLOAT32, shape)) {
                byte[] bytes = write(t);
                Npy npy = parse(bytes);
                String dims = Arrays.stream(shape).mapToObj(Integer::toString).reduce((a, b) -> a + ", " + b).orElse("");
                assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + (shape.length == 1 ? "," : "")
                        + "), }", dict(npy.header()), Arrays.toString(shape));
                assertEquals(size * 4, npy.data().remaining(), Arrays.toString(shape));
            }
        }
    }
}
