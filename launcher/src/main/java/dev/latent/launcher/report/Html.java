package dev.latent.launcher.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pieces of a self-contained HTML page: escaped text, images as {@code data:} URIs, and
 * tables of JSON documents. Every string from a file goes through {@link #escape}.
 */
final class Html {

    private final StringBuilder out = new StringBuilder();

    /** Text with {@code & < > " '} replaced by entities: safe in element content and in quoted attributes. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Appends markup as it is (only for literals of this package). */
    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** Appends {@code <tag>text</tag>} with the text escaped. */
    Html element(String tag, String text) {
        out.append('<').append(tag).append('>').append(escape(text)).append("</").append(tag).append(">\n");
        return this;
    }

    /** Appends a figure: the PNG as a {@code data:} URI with its caption. */
    Html figure(byte[] png, String caption) {
        out.append("<figure><img src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
                .append("\" alt=\"").append(escape(caption)).append("\"><figcaption>").append(escape(caption))
                .append("</figcaption></figure>\n");
        return this;
    }

    /** Appends a two-column table of a JSON document, nested keys joined with dots. */
    Html table(JsonNode document) {
        Map<String, String> rows = new LinkedHashMap<>();
        flatten("", document, rows);
        out.append("<table>\n");
        rows.forEach((k, v) -> out.append("<tr><th>").append(escape(k)).append("</th><td>").append(escape(v))
                .append("</td></tr>\n"));
        out.append("</table>\n");
        return this;
    }

    /** Appends preformatted text, escaped. */
    Html pre(String text) {
        out.append("<pre>").append(escape(text)).append("</pre>\n");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> rows) {
        if (node.isObject() && node.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), rows);
            }
        } else {
            rows.put(prefix.isEmpty() ? "(value)" : prefix, node.isValueNode() ? node.asText() : node.toString());
        }
    }
}
