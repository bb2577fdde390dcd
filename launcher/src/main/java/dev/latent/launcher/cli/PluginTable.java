package dev.latent.launcher.cli;

import dev.latent.launcher.plugin.PluginCatalog;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table of providers: SPI, name, module, version and jar (or engine folder),
 * each column as wide as its longest cell, then an optional free-text last column.
 */
final class PluginTable {

    private static final List<String> HEADER = List.of("SPI", "NAME", "MODULE", "VERSION", "FROM");

    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> last = new ArrayList<>();
    private final String lastHeader;

    PluginTable(String lastHeader) {
        this.lastHeader = lastHeader;
    }

    /** Adds a provider's row with {@code text} in the last column (may be empty). */
    void add(PluginCatalog.Entry e, String text) {
        rows.add(List.of(e.section(), e.name(), e.origin().module(), e.origin().version(), e.origin().location()));
        last.add(text);
    }

    /** The table's lines, the header first; each line is indented by {@code indent}. */
    List<String> lines(String indent) {
        int[] widths = new int[HEADER.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = HEADER.get(i).length();
            for (List<String> r : rows) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        List<String> out = new ArrayList<>();
        out.add(line(indent, HEADER, lastHeader, widths));
        for (int r = 0; r < rows.size(); r++) {
            out.add(line(indent, rows.get(r), last.get(r), widths));
        }
        return out;
    }

    private static String line(String indent, List<String> cells, String text, int[] widths) {
        StringBuilder s = new StringBuilder(indent);
        for (int i = 0; i < cells.size(); i++) {
            s.append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length() + 2));
        }
        return (s + text).stripTrailing();
    }
}
