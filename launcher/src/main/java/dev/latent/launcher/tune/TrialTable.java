package dev.latent.launcher.tune;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A search's trials as a table: the rows of {@code trials.csv} (RFC 4180: a field with a comma,
 * quote or line break is quoted, quotes doubled) and the aligned table printed at the end, with
 * the best trial marked. Columns: trial, state, the metric, test_loss, epochs, seconds, one
 * column per setting searched (by its manifest path), note. Numbers are shown to 6 significant
 * digits; trials.jsonl keeps them exact.
 */
final class TrialTable {

    private final String metric;
    private final List<String> paths;

    TrialTable(String metric, List<String> paths) {
        this.metric = metric;
        this.paths = List.copyOf(paths);
    }

    /** The completed trial with the lowest value (the first on a tie), if any completed. */
    static Optional<TrialRecord> best(List<TrialRecord> trials) {
        TrialRecord best = null;
        for (TrialRecord t : trials) {
            if (t.counts() && (best == null || t.value() < best.value())) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    /** trials.csv: the header and one line per trial, each ending in a line break. */
    String csv(List<TrialRecord> trials) {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", header().stream().map(TrialTable::field).toList())).append('\n');
        for (TrialRecord t : trials) {
            out.append(String.join(",", cells(t).stream().map(TrialTable::field).toList())).append('\n');
        }
        return out.toString();
    }

    /** The printed table: a header, one line per trial, the best marked with {@code *}. */
    List<String> lines(List<TrialRecord> trials) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(header());
        Optional<TrialRecord> best = best(trials);
        for (TrialRecord t : trials) {
            List<String> cells = new ArrayList<>(cells(t));
            cells.set(0, (best.isPresent() && best.get() == t ? "*" : " ") + cells.get(0));
            cells.remove(cells.size() - 1);                   // the note is in trials.csv, not the terminal table
            rows.add(cells);
        }
        rows.get(0).set(0, " " + rows.get(0).get(0));
        rows.set(0, rows.get(0).subList(0, rows.get(0).size() - 1));
        int[] widths = new int[rows.get(0).size()];
        for (List<String> r : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", r.get(i))).append(i + 1 < widths.length ? "  " : "");
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private List<String> header() {
        List<String> h = new ArrayList<>(List.of("trial", "state", metric, "test_loss", "epochs", "seconds"));
        h.addAll(paths);
        h.add("note");
        return h;
    }

    private List<String> cells(TrialRecord t) {
        List<String> c = new ArrayList<>(List.of(Integer.toString(t.number()), t.state().word(), number(t.value()),
                number(t.testLoss()), Integer.toString(t.epochs()), String.format(Locale.ROOT, "%.1f", t.seconds())));
        for (String p : paths) {
            c.add(value(t.params().get(p)));
        }
        c.add(t.note());
        return c;
    }

    /** A number to 6 significant digits; empty for NaN. */
    static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2")
                .replaceFirst("\\.(e|$)", "$1");
    }

    /** A setting's value: numbers to 6 significant digits, words as they are, lists and mappings as JSON. */
    static String value(JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        if (v.isFloatingPointNumber()) {
            return number(v.doubleValue());
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static String field(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
