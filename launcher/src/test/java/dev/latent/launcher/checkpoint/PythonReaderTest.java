package dev.latent.launcher.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latent.api.engine.Tensor;
import dev.latent.launcher.output.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A safetensors file Latent writes reads back, value for value, in an independent reader: the
 * Python 3 script {@code src/test/python/read_safetensors.py}, on the standard library alone.
 * Skipped (with the reason) where {@code python3} is not on the PATH.
 */
public class PythonReaderTest {

    /** The reader script, from the launcher module's folder (where tests run). */
    public static final Path SCRIPT = Path.of("src/test/python/read_safetensors.py").toAbsolutePath();

    @TempDir
    Path dir;

    /**
     * Runs the Python reader on {@code file} ({@code --values} when asked) and returns its JSON;
     * the test is skipped when there is no python3.
     */
    public static JsonNode python(Path file, boolean values) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString(), file.toString()));
        if (values) {
            command.add("--values");
        }
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(false).start();
        } catch (IOException e) {
            Assumptions.abort("python3 is not on the PATH: " + e.getMessage());
            throw e;
        }
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), err);
        return new ObjectMapper().readTree(out);
    }

    @Test
    void pythonReadsTheSameValues() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("encoder.0.weight", ArrayTensor.f32(new int[] {7, 5}, random.doubles(35, -3, 3).toArray()));
        tensors.put("encoder.0.bias", ArrayTensor.f32(new int[] {5}, 1e-30, -1e30, 0.1, -0.0, 3.4e38));
        tensors.put("optimizer/chain/0.scale_by_adam/m/encoder.0.bias", ArrayTensor.f32(new int[] {5},
                random.doubles(5).toArray()));
        tensors.put("lbfgs/rho", ArrayTensor.f64(new int[] {3}, Math.PI, -1e-300, 1e300));
        Path file = dir.resolve("python.safetensors");
        AtomicFiles.writeDurably(file, ch -> Safetensors.write(ch, tensors, Map.of("latent.state", "{\"epoch\": 1}")));

        JsonNode read = python(file, true);
        assertTrue(read.get("checksum_ok").booleanValue(), read::toString);
        assertEquals("[\"latent.state\",\"latent.checksum\"]", read.get("metadata_keys").toString());
        JsonNode found = read.get("tensors");
        assertEquals(List.copyOf(tensors.keySet()), iterate(found));
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            JsonNode t = found.get(e.getKey());
            Tensor expected = e.getValue();
            assertEquals(expected.dtype() == dev.latent.api.engine.DType.FLOAT64 ? "F64" : "F32", t.get("dtype").asText());
            assertEquals(java.util.Arrays.toString(expected.shape()).replace(" ", ""), t.get("shape").toString());
            double[] want = expected.dtype() == dev.latent.api.engine.DType.FLOAT64 ? expected.toDoubleArray()
                    : floats(expected);
            JsonNode values = t.get("values");
            assertEquals(want.length, values.size());
            for (int i = 0; i < want.length; i++) {
                // Python prints each value's shortest exact form; parsed, it must be the same double
                assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(values.get(i).doubleValue()),
                        e.getKey() + "[" + i + "]: " + want[i] + " against " + values.get(i));
            }
        }
    }

    @Test
    void pythonSeesADamagedFile() throws Exception {
        Map<String, Tensor> tensors = Map.of("w", ArrayTensor.f32(new int[] {4}, 1, 2, 3, 4));
        Path file = dir.resolve("damaged.safetensors");
        AtomicFiles.writeDurably(file, ch -> Safetensors.write(ch, tensors, Map.of()));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        assertEquals(false, python(file, false).get("checksum_ok").booleanValue());
    }

    private static double[] floats(Tensor t) {
        float[] f = t.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static List<String> iterate(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
