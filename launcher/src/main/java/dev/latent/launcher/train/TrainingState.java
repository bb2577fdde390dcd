package dev.latent.launcher.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latent.api.model.LossReport;
import dev.latent.launcher.checkpoint.CheckpointException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where training stands, beside the tensors of a checkpoint: everything else an exact resume
 * needs. Saved as the JSON string {@code latent.state} of the checkpoint's metadata.
 *
 * @param epoch         the epoch in progress, 1-based ({@code epochs + 1} once every epoch ran)
 * @param sums          that epoch's running sums; {@code sums.batches()} of its batches are done
 * @param tests         the test loss after each finished epoch, for the summary
 * @param metricsLines  the lines of {@code metrics.jsonl} written so far (pretraining's included);
 *                      a resumed run keeps those and drops any line after them
 * @param earlyStopping early stopping's counters and best value
 * @param step          the updates made, the divergence policy's counters and the noise stream
 * @param modelStreams  the position of each random stream the engine made before training (the
 *                      model's), in the order made
 */
record TrainingState(int epoch, EpochSums sums, List<LossReport> tests, int metricsLines,
                     EarlyStopping.State earlyStopping, TrainingStep.State step, List<long[]> modelStreams) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    TrainingState {
        tests = List.copyOf(tests);
        modelStreams = List.copyOf(modelStreams);
    }

    /** The JSON text of {@code latent.state}. Doubles are written exactly (shortest round-trip form). */
    String toJson() {
        ObjectNode root = NODES.objectNode();
        root.put("epoch", epoch);
        ObjectNode s = root.putObject("epoch_sums");
        s.put("batches", sums.batches());
        s.put("samples", sums.samples());
        s.set("loss", number(sums.loss()));
        s.set("terms", numbers(sums.terms()));
        s.set("seconds", number(sums.seconds()));
        ArrayNode t = root.putArray("tests");
        for (LossReport r : tests) {
            ObjectNode o = t.addObject();
            o.set("total", number(r.total()));
            o.set("terms", numbers(r.terms()));
        }
        root.put("metrics_lines", metricsLines);
        ObjectNode e = root.putObject("early_stopping");
        e.put("best_epoch", earlyStopping.bestEpoch());
        e.set("best", number(earlyStopping.best()));
        e.put("last_epoch", earlyStopping.lastEpoch());
        e.put("epochs_without_improvement", earlyStopping.epochsWithoutImprovement());
        e.put("stopped", earlyStopping.stopped());
        ObjectNode st = root.putObject("step");
        st.put("updates", step.updates());
        st.put("skipped", step.skipped());
        st.put("bad_in_a_row", step.badInARow());
        st.set("update_scale", number(step.updateScale()));
        st.set("noise_stream", longs(step.noise()));
        ArrayNode streams = root.putArray("model_streams");
        modelStreams.forEach(m -> streams.add(longs(m)));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Reads {@code latent.state}; {@code file} names the checkpoint in messages. */
    static TrainingState fromJson(String text, String file) {
        Reader r = new Reader(file);
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException ex) {
            throw new CheckpointException(file + ": latent.state is not valid JSON: " + ex.getOriginalMessage(), ex);
        }
        JsonNode s = r.field(root, "epoch_sums");
        EpochSums sums = new EpochSums(r.integer(s, "batches"), r.integer(s, "samples"), r.number(s, "loss"),
                r.numbers(r.field(s, "terms")), r.number(s, "seconds"));
        List<LossReport> tests = new ArrayList<>();
        for (JsonNode o : r.field(root, "tests")) {
            tests.add(new LossReport(r.number(o, "total"), r.numbers(r.field(o, "terms"))));
        }
        JsonNode e = r.field(root, "early_stopping");
        EarlyStopping.State early = new EarlyStopping.State(r.integer(e, "best_epoch"), r.number(e, "best"),
                r.integer(e, "last_epoch"), r.integer(e, "epochs_without_improvement"), r.field(e, "stopped").asBoolean());
        JsonNode st = r.field(root, "step");
        TrainingStep.State step = new TrainingStep.State(r.field(st, "updates").asLong(), r.field(st, "skipped").asLong(),
                r.integer(st, "bad_in_a_row"), r.number(st, "update_scale"), r.longs(r.field(st, "noise_stream")));
        List<long[]> streams = new ArrayList<>();
        for (JsonNode m : r.field(root, "model_streams")) {
            streams.add(r.longs(m));
        }
        return new TrainingState(r.integer(root, "epoch"), sums, tests, r.integer(root, "metrics_lines"), early, step,
                streams);
    }

    /** A double as JSON: a number when finite, else the text NaN, Infinity or -Infinity. */
    private static JsonNode number(double v) {
        return Double.isFinite(v) ? NODES.numberNode(v) : NODES.textNode(Double.toString(v));
    }

    private static ObjectNode numbers(Map<String, Double> values) {
        ObjectNode o = NODES.objectNode();
        values.forEach((k, v) -> o.set(k, number(v)));
        return o;
    }

    private static ArrayNode longs(long[] values) {
        ArrayNode a = NODES.arrayNode();
        for (long v : values) {
            a.add(v);
        }
        return a;
    }

    /** Reads fields, naming the checkpoint and the field when one is missing or of the wrong kind. */
    private record Reader(String file) {

        JsonNode field(JsonNode node, String key) {
            JsonNode v = node == null ? null : node.get(key);
            if (v == null || v.isNull()) {
                throw new CheckpointException(file + ": latent.state has no '" + key + "'");
            }
            return v;
        }

        int integer(JsonNode node, String key) {
            JsonNode v = field(node, key);
            if (!v.canConvertToInt() || !v.isIntegralNumber()) {
                throw new CheckpointException(file + ": latent.state's '" + key + "' must be an integer, found " + v);
            }
            return v.intValue();
        }

        double number(JsonNode node, String key) {
            return value(field(node, key), key);
        }

        double value(JsonNode v, String key) {
            if (v.isNumber()) {
                return v.doubleValue();
            }
            try {
                return Double.parseDouble(v.asText());
            } catch (NumberFormatException ex) {
                throw new CheckpointException(file + ": latent.state's '" + key + "' must be a number, found " + v);
            }
        }

        Map<String, Double> numbers(JsonNode node) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                out.put(f.getKey(), value(f.getValue(), f.getKey()));
            }
            return out;
        }

        long[] longs(JsonNode node) {
            if (!node.isArray()) {
                throw new CheckpointException(file + ": latent.state holds " + node + " where a random stream's"
                        + " position (a list of integers) belongs");
            }
            long[] out = new long[node.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = node.get(i).asLong();
            }
            return out;
        }
    }
}
