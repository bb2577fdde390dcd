package dev.latent.launcher.checkpoint;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Tensor;
import dev.latent.launcher.output.NpyWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The safetensors format (Hugging Face's, readable by PyTorch, NumPy and JAX tools): an 8-byte
 * little-endian header length N, N bytes of UTF-8 JSON, then the tensors' raw little-endian
 * bytes, row-major, one after another. The JSON maps each tensor's name to
 * {@code {"dtype": "F32"|"F64", "shape": [...], "data_offsets": [begin, end]}} (offsets into the
 * data that follows the header), and {@code "__metadata__"} to a map of strings.
 *
 * <p>Latent pads the header with spaces to a multiple of 8 bytes (so the data is 8-byte
 * aligned, as the reference writer does) and adds one metadata entry of its own, always last:
 * {@value #CHECKSUM_KEY}, {@code "crc32:xxxxxxxx"}, the CRC-32 (ISO-HDLC, as {@code zlib.crc32})
 * of the whole file as written with those eight hex digits replaced by {@code 0} characters. A
 * reader that does not know the key ignores it.
 *
 * <p>{@link #read} checks the file's structure before trusting any of it, and reports the first
 * fault as a {@link CheckpointException} naming the file, the byte offset or tensor, and what
 * was expected.
 */
public final class Safetensors {

    /** The metadata key of the file's checksum. */
    public static final String CHECKSUM_KEY = "latent.checksum";
    /** The largest header accepted, as the reference implementation (100 MB). */
    static final long MAX_HEADER = 100_000_000;
    private static final String CHECKSUM_PREFIX = "crc32:";
    /** The checksum entry exactly as the writer puts it in the header, up to its hex digits. */
    private static final byte[] CHECKSUM_FIELD = ("\"" + CHECKSUM_KEY + "\":\"" + CHECKSUM_PREFIX)
            .getBytes(StandardCharsets.UTF_8);
    private static final int HEX_DIGITS = 8;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** Test hook: a pause (ms) in the middle of writing the data, so a test can kill the writer there. */
    private static final long PAUSE_MILLIS = Long.getLong("latent.test.checkpointPauseMillis", 0);

    /** One tensor as the header describes it; offsets are into the data section. */
    public record Entry(String name, DType dtype, int[] shape, long begin, long end) {

        /** {@code F32} or {@code F64}. */
        public String dtypeName() {
            return Safetensors.name(dtype);
        }
    }

    private Safetensors() {
    }

    /**
     * Writes {@code tensors} (in their order) and {@code metadata} with the checksum added, from
     * the channel's position 0. The channel must be a new, empty file.
     */
    public static void write(FileChannel channel, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        if (metadata.containsKey(CHECKSUM_KEY)) {
            throw new IllegalArgumentException("the metadata key " + CHECKSUM_KEY + " is the writer's own");
        }
        Map<String, Object> header = new LinkedHashMap<>();
        long offset = 0;
        for (Map.Entry<String, Tensor> t : tensors.entrySet()) {
            if (t.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("a tensor cannot be named __metadata__");
            }
            Tensor v = t.getValue();
            long length = v.size() * bytes(v.dtype());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", name(v.dtype()));
            entry.put("shape", v.shape());
            entry.put("data_offsets", new long[] {offset, offset + length});
            header.put(t.getKey(), entry);
            offset += length;
        }
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put(CHECKSUM_KEY, CHECKSUM_PREFIX + "0".repeat(HEX_DIGITS));
        header.put("__metadata__", meta);
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();
        int checksumAt = 8 + checksumDigits(json, Path.of("(being written)"));
        CRC32 crc = new CRC32();
        crc.update(head.duplicate());
        writeFully(channel, head);
        int pauseAt = tensors.size() / 2;
        int i = 0;
        for (Tensor t : tensors.values()) {
            if (i++ == pauseAt && PAUSE_MILLIS > 0) {
                pause();
            }
            ByteBuffer data = NpyWriter.littleEndian(t);
            crc.update(data.duplicate());
            writeFully(channel, data);
        }
        ByteBuffer digits = ByteBuffer.wrap(String.format(Locale.ROOT, "%08x", crc.getValue())
                .getBytes(StandardCharsets.US_ASCII));
        while (digits.hasRemaining()) {
            channel.write(digits, checksumAt + digits.position());
        }
    }

    /** Reads and checks {@code file}: its structure, every tensor's extent and, when present, its checksum. */
    public static SafetensorsFile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": no such file");
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot be read: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new CheckpointException(file + ": too large to read (" + file.toFile().length() + " bytes)");
        }
        return parse(file, bytes);
    }

    /** Checks and indexes the bytes of a whole file; {@code file} names it in messages. */
    static SafetensorsFile parse(Path file, byte[] bytes) {
        if (bytes.length < 8) {
            throw new CheckpointException(file + ": truncated: the file has " + bytes.length
                    + " bytes, but a safetensors file starts with an 8-byte header length");
        }
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 2 || n > MAX_HEADER) {
            throw new CheckpointException(file + ": the header length at byte 0 is " + Long.toUnsignedString(n)
                    + ", but it must be between 2 and " + MAX_HEADER + "; not a safetensors file?");
        }
        if (n > bytes.length - 8) {
            throw new CheckpointException(file + ": truncated: the header length at byte 0 is " + n
                    + ", but only " + (bytes.length - 8) + " bytes follow it");
        }
        int headerEnd = 8 + (int) n;
        JsonNode root;
        try {
            root = JSON.readTree(bytes, 8, (int) n);
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
            throw new CheckpointException(file + ": the header (bytes 8 to " + headerEnd + ") is not valid JSON"
                    + (at >= 0 ? " near byte " + (8 + at) : "") + ": " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new CheckpointException(file + ": the header cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(file + ": the header (bytes 8 to " + headerEnd
                    + ") must be a JSON object of tensors, found " + (root == null ? "nothing" : root.getNodeType()));
        }
        long dataLength = bytes.length - headerEnd;
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> byOffset = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("__metadata__")) {
                metadata(file, f.getValue(), metadata);
                continue;
            }
            Entry e = entry(file, f.getKey(), f.getValue());
            if (e.end() > dataLength) {
                throw new CheckpointException(file + ": truncated: tensor '" + e.name() + "' needs bytes "
                        + (headerEnd + e.begin()) + " to " + (headerEnd + e.end()) + ", but the file ends at byte "
                        + bytes.length);
            }
            entries.put(e.name(), e);
            byOffset.add(e);
        }
        byOffset.sort((a, b) -> Long.compare(a.begin(), b.begin()));
        long expected = 0;
        for (Entry e : byOffset) {
            if (e.begin() != expected) {
                throw new CheckpointException(file + ": tensor '" + e.name() + "' starts at data offset " + e.begin()
                        + ", but the tensors before it end at " + expected + " (tensors must be contiguous)");
            }
            expected = e.end();
        }
        if (expected != dataLength) {
            throw new CheckpointException(file + ": " + (dataLength - expected) + " bytes follow the last tensor,"
                    + " which ends at byte " + (headerEnd + expected) + "; the file has " + bytes.length);
        }
        String checksum = metadata.get(CHECKSUM_KEY);
        if (checksum != null) {
            verifyChecksum(file, bytes, headerEnd, checksum);
        }
        return new SafetensorsFile(file, entries, metadata,
                ByteBuffer.wrap(bytes, headerEnd, (int) dataLength).slice().order(ByteOrder.LITTLE_ENDIAN));
    }

    private static void verifyChecksum(Path file, byte[] bytes, int headerEnd, String checksum) {
        if (!checksum.matches(CHECKSUM_PREFIX + "[0-9a-f]{" + HEX_DIGITS + "}")) {
            throw new CheckpointException(file + ": the header's " + CHECKSUM_KEY + " is '" + checksum
                    + "', expected crc32: and 8 hex digits");
        }
        int at = 8 + checksumDigits(java.util.Arrays.copyOfRange(bytes, 8, headerEnd), file);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, at);
        crc.update("0".repeat(HEX_DIGITS).getBytes(StandardCharsets.US_ASCII));
        crc.update(bytes, at + HEX_DIGITS, bytes.length - at - HEX_DIGITS);
        String actual = String.format(Locale.ROOT, "%08x", crc.getValue());
        if (!checksum.endsWith(actual)) {
            throw new CheckpointException(file + ": checksum mismatch: the header says " + checksum + ", but the file's "
                    + bytes.length + " bytes give " + CHECKSUM_PREFIX + actual + "; the file is damaged");
        }
    }

    /** The offset in {@code header} of the checksum's hex digits; the entry must occur exactly once. */
    private static int checksumDigits(byte[] header, Path file) {
        int found = -1;
        for (int i = 0; i + CHECKSUM_FIELD.length <= header.length; i++) {
            if (matchesAt(header, i)) {
                if (found >= 0) {
                    throw new CheckpointException(file + ": the header holds " + CHECKSUM_KEY + " twice");
                }
                found = i + CHECKSUM_FIELD.length;
            }
        }
        if (found < 0) {
            throw new CheckpointException(file + ": the header's " + CHECKSUM_KEY + " is not written as \""
                    + CHECKSUM_KEY + "\":\"" + CHECKSUM_PREFIX + "...\"");
        }
        return found;
    }

    private static boolean matchesAt(byte[] header, int i) {
        for (int j = 0; j < CHECKSUM_FIELD.length; j++) {
            if (header[i + j] != CHECKSUM_FIELD[j]) {
                return false;
            }
        }
        return true;
    }

    private static void metadata(Path file, JsonNode node, Map<String, String> out) {
        if (!node.isObject()) {
            throw new CheckpointException(file + ": __metadata__ must be a JSON object of strings, found "
                    + node.getNodeType());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            if (!m.getValue().isTextual()) {
                throw new CheckpointException(file + ": __metadata__." + m.getKey() + " must be a string, found "
                        + m.getValue());
            }
            out.put(m.getKey(), m.getValue().asText());
        }
    }

    private static Entry entry(Path file, String name, JsonNode node) {
        String where = file + ": tensor '" + name + "'";
        if (!node.isObject()) {
            throw new CheckpointException(where + " must be a JSON object with dtype, shape and data_offsets, found "
                    + node);
        }
        JsonNode dtype = node.get("dtype");
        JsonNode shape = node.get("shape");
        JsonNode offsets = node.get("data_offsets");
        if (dtype == null || shape == null || offsets == null) {
            throw new CheckpointException(where + " has no " + (dtype == null ? "dtype" : shape == null ? "shape"
                    : "data_offsets"));
        }
        DType type = switch (dtype.asText()) {
            case "F32" -> DType.FLOAT32;
            case "F64" -> DType.FLOAT64;
            default -> throw new CheckpointException(where + " has dtype " + dtype + "; Latent reads F32 and F64");
        };
        if (!shape.isArray()) {
            throw new CheckpointException(where + ": shape must be a list of sizes, found " + shape);
        }
        int[] dims = new int[shape.size()];
        long elements = 1;
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = shape.get(i);
            if (!d.canConvertToInt() || !d.isIntegralNumber() || d.intValue() < 0) {
                throw new CheckpointException(where + ": shape " + shape + " must hold sizes >= 0");
            }
            dims[i] = d.intValue();
            elements *= dims[i];
        }
        if (!offsets.isArray() || offsets.size() != 2 || !offsets.get(0).canConvertToLong()
                || !offsets.get(1).canConvertToLong() || !offsets.get(0).isIntegralNumber()
                || !offsets.get(1).isIntegralNumber()) {
            throw new CheckpointException(where + ": data_offsets must be [begin, end], found " + offsets);
        }
        long begin = offsets.get(0).longValue();
        long end = offsets.get(1).longValue();
        long needed = elements * bytes(type);
        if (begin < 0 || end < begin || end - begin != needed) {
            throw new CheckpointException(where + ": data_offsets " + offsets + " hold " + (end - begin)
                    + " bytes, but shape " + shape + " of " + dtype.asText() + " needs " + needed);
        }
        if (end > Integer.MAX_VALUE) {
            throw new CheckpointException(where + " ends at data offset " + end + ", beyond the 2 GB Latent reads");
        }
        return new Entry(name, type, dims, begin, end);
    }

    private static void writeFully(FileChannel channel, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The bytes of one element: 4 for float32, 8 for float64. */
    public static int bytes(DType dtype) {
        return dtype == DType.FLOAT64 ? 8 : 4;
    }

    static String name(DType dtype) {
        return dtype == DType.FLOAT64 ? "F64" : "F32";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
