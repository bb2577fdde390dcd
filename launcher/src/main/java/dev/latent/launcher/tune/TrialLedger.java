package dev.latent.launcher.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latent.launcher.UserError;
import dev.latent.launcher.output.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record of a search's finished trials in its folder, rewritten whole ({@link AtomicFiles})
 * each time a trial finishes, so that an interrupted search loses at most the trial it was
 * training: {@code trials.jsonl}, one JSON object per trial with exact values (what a resumed
 * search reads: {@code trial}, {@code state}, {@code value}, {@code test_loss}, {@code seconds},
 * {@code params}, {@code curve}, {@code note}; NaN as null), and {@code trials.csv}, the same as
 * a table ({@link TrialTable}).
 */
final class TrialLedger {

    static final String JSONL = "trials.jsonl";
    static final String CSV = "trials.csv";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrialLedger() {
    }

    /** The trials recorded in {@code folder}, in order; none when it has no record. */
    static List<TrialRecord> read(Path folder) throws IOException {
        Path file = folder.resolve(JSONL);
        List<TrialRecord> trials = new ArrayList<>();
        if (!Files.exists(file)) {
            return trials;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                TrialRecord t = record(JSON.readTree(lines.get(i)));
                if (t.number() != trials.size() + 1) {
                    throw new IllegalArgumentException("trial " + t.number() + " where trial " + (trials.size() + 1)
                            + " was expected");
                }
                trials.add(t);
            } catch (IOException | RuntimeException e) {
                throw new UserError(file + " line " + (i + 1) + " is not a trial record (" + e.getMessage()
                        + "); it was changed by hand or damaged: restore it, or start the search in a new folder", e);
            }
        }
        return trials;
    }

    /** Rewrites trials.jsonl and trials.csv with {@code trials}. */
    static void write(Path folder, List<TrialRecord> trials, TrialTable table) throws IOException {
        StringBuilder jsonl = new StringBuilder();
        for (TrialRecord t : trials) {
            jsonl.append(JSON.writeValueAsString(json(t))).append('\n');
        }
        byte[] lines = jsonl.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(folder.resolve(JSONL), out -> out.write(lines));
        byte[] csv = table.csv(trials).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(folder.resolve(CSV), out -> out.write(csv));
    }

    private static ObjectNode json(TrialRecord t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("trial", t.number());
        o.put("state", t.state().word());
        number(o, "value", t.value());
        number(o, "test_loss", t.testLoss());
        o.put("seconds", t.seconds());
        ObjectNode params = o.putObject("params");
        t.params().forEach(params::set);
        ArrayNode curve = o.putArray("curve");
        t.curve().forEach(v -> {
            if (Double.isNaN(v)) {
                curve.addNull();
            } else {
                curve.add(v);
            }
        });
        o.put("note", t.note());
        return o;
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

    private static TrialRecord record(JsonNode o) {
        Map<String, JsonNode> params = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.required("params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            params.put(e.getKey(), e.getValue());
        }
        List<Double> curve = new ArrayList<>();
        o.required("curve").forEach(v -> curve.add(v.isNull() ? Double.NaN : v.doubleValue()));
        return new TrialRecord(o.required("trial").intValue(), TrialState.of(o.required("state").asText()), params,
                number(o.get("value")), number(o.get("test_loss")), curve, o.required("seconds").doubleValue(),
                o.path("note").asText(""));
    }

    private static double number(JsonNode v) {
        return v == null || v.isNull() ? Double.NaN : v.doubleValue();
    }
}
