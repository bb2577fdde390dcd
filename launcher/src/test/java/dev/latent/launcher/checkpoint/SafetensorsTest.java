package dev.latent.launcher.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Tensor;
import dev.latent.launcher.output.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safetensors writer and reader: the layout the format's specification gives, a round trip
 * of F32 and F64 values, and the exact message for each kind of damaged file.
 */
class SafetensorsTest {

    @TempDir
    Path dir;

    /** w: F32 [2, 3]; b: F64 [2]; the note "hi" in the metadata. */
    private Path sample() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", ArrayTensor.f32(new int[] {2, 3}, 0.5, -1.25, 3, 1e-7, -0.0, 65504));
        tensors.put("b", ArrayTensor.f64(new int[] {2}, 0.1, -2.5e300));
        Path file = dir.resolve("sample.safetensors");
        AtomicFiles.writeDurably(file, ch -> Safetensors.write(ch, tensors, Map.of("note", "hi")));
        return file;
    }

    private static long headerLength(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static String message(Path file) {
        return assertThrows(CheckpointException.class, () -> Safetensors.read(file)).getMessage();
    }

    /** A file made by hand: the 8-byte length, the header as given, then {@code data} bytes. */
    private static byte[] handMade(String header, int data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    @Test
    void theLayoutIsTheSpecificationsAndTheValuesComeBackExactly() throws IOException {
        Path file = sample();
        byte[] bytes = Files.readAllBytes(file);
        long n = headerLength(bytes);
        assertEquals(0, n % 8, "the header is padded so the data is 8-byte aligned");
        assertEquals(8 + n + 6 * 4 + 2 * 8, bytes.length);
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        assertEquals("{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}", header.get("w").toString());
        assertEquals("{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[24,40]}", header.get("b").toString());
        List<String> keys = new ArrayList<>();
        header.get("__metadata__").fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("note", "latent.checksum"), keys);
        // the raw data: little-endian, row-major
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) (8 + n), 40).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0.5f, data.getFloat());
        assertEquals(-1.25f, data.getFloat());

        SafetensorsFile read = Safetensors.read(file);
        assertEquals(List.of("w", "b"), List.copyOf(read.entries().keySet()));
        assertEquals(DType.FLOAT32, read.entries().get("w").dtype());
        assertArrayEquals(new int[] {2, 3}, read.entries().get("w").shape());
        assertArrayEquals(new float[] {0.5f, -1.25f, 3, 1e-7f, -0.0f, 65504}, read.floats("w"));
        assertArrayEquals(new double[] {0.5, -1.25, 3, (float) 1e-7, -0.0, 65504}, read.doubles("w"));
        assertArrayEquals(new double[] {0.1, -2.5e300}, read.doubles("b"));
        assertEquals("hi", read.metadata().get("note"));
        assertTrue(read.metadata().get(Safetensors.CHECKSUM_KEY).matches("crc32:[0-9a-f]{8}"));
    }

    @Test
    void theChecksumIsZlibsCrc32OfTheFileWithItsDigitsAsZeros() throws IOException {
        byte[] bytes = Files.readAllBytes(sample());
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\"latent.checksum\":\"crc32:") + "\"latent.checksum\":\"crc32:".length();
        String digits = text.substring(at, at + 8);
        assertEquals(digits, crcWithZeros(bytes, at));
    }

    private static String crcWithZeros(byte[] bytes, int at) {
        byte[] zeroed = bytes.clone();
        Arrays.fill(zeroed, at, at + 8, (byte) '0');
        CRC32 crc = new CRC32();
        crc.update(zeroed);
        return String.format(Locale.ROOT, "%08x", crc.getValue());
    }

    @Test
    void aChangedByteIsAChecksumMismatch() throws IOException {
        byte[] bytes = Files.readAllBytes(sample());
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("crc32:") + 6;
        String header = text.substring(at, at + 8);
        bytes[bytes.length - 3] ^= 0x10;                     // a bit of b's last value
        Path damaged = write("damaged.safetensors", bytes);
        assertEquals(damaged + ": checksum mismatch: the header says crc32:" + header + ", but the file's "
                + bytes.length + " bytes give crc32:" + crcWithZeros(bytes, at) + "; the file is damaged", message(damaged));
    }

    @Test
    void aTruncatedFileNamesTheOffsetAndWhatIsMissing() throws IOException {
        byte[] bytes = Files.readAllBytes(sample());
        long n = headerLength(bytes);
        long data = 8 + n;
        Map<Integer, String> cases = new LinkedHashMap<>();
        cases.put(0, "truncated: the file has 0 bytes, but a safetensors file starts with an 8-byte header length");
        cases.put(5, "truncated: the file has 5 bytes, but a safetensors file starts with an 8-byte header length");
        cases.put(8, "truncated: the header length at byte 0 is " + n + ", but only 0 bytes follow it");
        cases.put((int) (8 + n / 2), "truncated: the header length at byte 0 is " + n + ", but only " + n / 2
                + " bytes follow it");
        cases.put((int) data, "truncated: tensor 'w' needs bytes " + data + " to " + (data + 24)
                + ", but the file ends at byte " + data);
        cases.put((int) data + 23, "truncated: tensor 'w' needs bytes " + data + " to " + (data + 24)
                + ", but the file ends at byte " + (data + 23));
        cases.put((int) data + 30, "truncated: tensor 'b' needs bytes " + (data + 24) + " to " + (data + 40)
                + ", but the file ends at byte " + (data + 30));
        cases.put(bytes.length - 1, "truncated: tensor 'b' needs bytes " + (data + 24) + " to " + (data + 40)
                + ", but the file ends at byte " + (bytes.length - 1));
        for (Map.Entry<Integer, String> c : cases.entrySet()) {
            Path cut = write("cut-" + c.getKey() + ".safetensors", Arrays.copyOf(bytes, c.getKey()));
            assertEquals(cut + ": " + c.getValue(), message(cut), "cut at " + c.getKey());
        }
    }

    @Test
    void aHeaderThatIsNotJsonNamesTheByte() throws IOException {
        Path file = write("bad-json.safetensors", handMade("{\"w\": nope, \"b\": 1}", 0));
        assertEquals(file + ": the header (bytes 8 to 27) is not valid JSON near byte 19: Unrecognized token 'nope':"
                + " was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')", message(file));
        Path list = write("list.safetensors", handMade("[1, 2]", 0));
        assertEquals(list + ": the header (bytes 8 to 14) must be a JSON object of tensors, found ARRAY", message(list));
        Path twice = write("twice.safetensors", handMade("{\"__metadata__\": {}, \"__metadata__\": {}}", 0));
        assertTrue(message(twice).startsWith(twice + ": the header (bytes 8 to 48) is not valid JSON near byte "),
                message(twice));
    }

    @Test
    void badHeaderEntriesAreNamedWithWhatWasExpected() throws IOException {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"w\": {\"dtype\": \"BF16\", \"shape\": [2], \"data_offsets\": [0, 4]}}",
                "tensor 'w' has dtype \"BF16\"; Latent reads F32 and F64");
        cases.put("{\"w\": {\"dtype\": \"F32\", \"shape\": [2, 2], \"data_offsets\": [0, 12]}}",
                "tensor 'w': data_offsets [0,12] hold 12 bytes, but shape [2,2] of F32 needs 16");
        cases.put("{\"w\": {\"dtype\": \"F32\", \"shape\": [2, -1], \"data_offsets\": [0, 8]}}",
                "tensor 'w': shape [2,-1] must hold sizes >= 0");
        cases.put("{\"w\": {\"dtype\": \"F32\", \"shape\": [2]}}", "tensor 'w' has no data_offsets");
        cases.put("{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}}",
                "tensor 'w' starts at data offset 4, but the tensors before it end at 0 (tensors must be contiguous)");
        cases.put("{\"__metadata__\": {\"step\": 3}}", "__metadata__.step must be a string, found 3");
        int i = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path file = write("entry-" + i++ + ".safetensors", handMade(c.getKey(), 8));
            assertEquals(file + ": " + c.getValue(), message(file));
        }
        Path trailing = write("trailing.safetensors",
                handMade("{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", 10));
        assertEquals(trailing + ": 6 bytes follow the last tensor, which ends at byte 73; the file has 79",
                message(trailing));
    }

    @Test
    void anAbsurdHeaderLengthIsNotASafetensorsFile() throws IOException {
        byte[] bytes = new byte[64];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40);
        Path file = write("absurd.safetensors", bytes);
        assertEquals(file + ": the header length at byte 0 is 1099511627776, but it must be between 2 and 100000000;"
                + " not a safetensors file?", message(file));
        assertEquals(dir.resolve("none") + ": no such file", message(dir.resolve("none")));
    }

    @Test
    void aFileWithoutLatentsChecksumStillReads() throws IOException {
        Path file = write("plain.safetensors", handMade(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"__metadata__\":{\"format\":\"pt\"}}", 4));
        SafetensorsFile read = Safetensors.read(file);
        assertArrayEquals(new float[] {0}, read.floats("w"));
        assertEquals(Map.of("format", "pt"), read.metadata());
    }
}
