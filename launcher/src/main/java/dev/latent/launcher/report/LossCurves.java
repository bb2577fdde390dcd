package dev.latent.launcher.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latent.launcher.output.Charts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The loss curves of a run, drawn from its {@code metrics.jsonl}: for the main training and for
 * each pretraining stage (lines with a {@code stage} key), one chart of the total loss per epoch
 * (train, validation, test, and for a denoising run the test loss from noisy inputs), then, when
 * the loss has more than one term (a VAE's {@code reconstruction} and {@code kl}), one chart per
 * term. Lines that do not parse (a line cut short by a crash) are skipped.
 */
final class LossCurves {

    /** The splits drawn, in order: the key of the total and of the terms in a metrics line. */
    private static final List<String[]> SPLITS = List.of(new String[] {"train", "train_loss", "train_terms"},
            new String[] {"validation", "validation_loss", "validation_terms"},
            new String[] {"test", "test_loss", "test_terms"},
            new String[] {"test, noisy inputs", "test_denoising_loss", "test_denoising_terms"});
    private static final String MAIN = "";

    private LossCurves() {
    }

    /** One chart: its title and PNG bytes. */
    record Chart(String title, byte[] png) {
    }

    /** The charts of {@code metrics} (a metrics.jsonl file); none when it is missing or holds no epoch. */
    static List<Chart> of(Path metrics) throws IOException {
        if (!Files.isRegularFile(metrics)) {
            return List.of();
        }
        ObjectMapper json = new ObjectMapper();
        Map<String, List<JsonNode>> stages = new LinkedHashMap<>();
        for (String line : Files.readAllLines(metrics)) {
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (IOException e) {
                continue;
            }
            if (node != null && node.has("epoch")) {
                String stage = node.has("stage") ? node.get("stage").asText() : MAIN;
                stages.computeIfAbsent(stage, k -> new ArrayList<>()).add(node);
            }
        }
        List<Chart> charts = new ArrayList<>();
        List<String> order = new ArrayList<>(stages.keySet());
        order.remove(MAIN);
        if (stages.containsKey(MAIN)) {
            order.add(MAIN);
        }
        for (String stage : order) {
            charts.addAll(charts(stage.isEmpty() ? "" : "pretraining stage " + stage + ": ", stages.get(stage)));
        }
        return charts;
    }

    private static List<Chart> charts(String prefix, List<JsonNode> lines) throws IOException {
        List<Chart> charts = new ArrayList<>();
        charts.add(chart(prefix + "loss per epoch", "loss", lines, split -> split[1], null));
        Set<String> terms = new LinkedHashSet<>();
        for (JsonNode line : lines) {
            JsonNode t = line.get("train_terms");
            if (t != null) {
                t.fieldNames().forEachRemaining(terms::add);
            }
        }
        if (terms.size() > 1) {
            for (String term : terms) {
                charts.add(chart(prefix + "loss term '" + term + "' per epoch", term, lines, split -> split[2], term));
            }
        }
        return charts;
    }

    /** A chart of one value per split: the total ({@code term} null) or a term. */
    private static Chart chart(String title, String yTitle, List<JsonNode> lines,
                               java.util.function.Function<String[], String> key, String term) throws IOException {
        List<Charts.Line> series = new ArrayList<>();
        for (String[] split : SPLITS) {
            List<double[]> points = new ArrayList<>();
            for (JsonNode line : lines) {
                JsonNode v = line.get(key.apply(split));
                if (v != null && term != null) {
                    v = v.get(term);
                }
                if (v != null && v.isNumber() && Double.isFinite(v.doubleValue())) {
                    points.add(new double[] {line.get("epoch").asDouble(), v.doubleValue()});
                }
            }
            if (!points.isEmpty()) {
                series.add(new Charts.Line(split[0], points.stream().mapToDouble(p -> p[0]).toArray(),
                        points.stream().mapToDouble(p -> p[1]).toArray()));
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        Charts.lines(title, "epoch", yTitle, series, png);
        return new Chart(title, png.toByteArray());
    }
}
