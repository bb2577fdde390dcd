package dev.latent.launcher.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.latent.launcher.output.AtomicFiles;
import dev.latent.launcher.output.RunFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code <run>/report.html}: one self-contained page about a run (no network; images are
 * {@code data:} URIs), written by {@code latent report RUN}, at the end of {@code latent train}
 * and after {@code latent embed}. It shows, from the files the run folder holds (a missing one
 * leaves its section out, or says which command writes it): the title (model, dataset, date),
 * {@code summary.json}, the loss curves of {@code metrics.jsonl} ({@link LossCurves}),
 * {@code reconstructions.png} and {@code samples.png}, the PNGs under {@code filters/}, the
 * latent-space pictures under {@code embed/} with {@code embed.json}, {@code eval.json} and
 * {@code transfer.json} as tables, the resolved {@code manifest.yaml} and
 * {@code environment.json}. Writing it computes nothing but the loss charts.
 */
public final class RunReport {

    public static final String FILE = "report.html";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** The embed pictures first in this order, then any other PNG there by name. */
    private static final List<String> EMBED_ORDER = List.of("latent.png", "pca.png", "tsne.png", "interpolation.png",
            "prior-samples.png");
    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
            h1{margin-bottom:.2em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
            .meta{color:#666}figure{display:inline-block;margin:.5em 1em .5em 0;vertical-align:top}
            img{max-width:100%;border:1px solid #eee}
            figcaption{color:#666;font-size:.9em}table{border-collapse:collapse;margin:.5em 0}
            th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left;font-size:.92em}
            th{background:#f6f6f6;font-weight:600}pre{background:#f6f6f6;padding:1em;overflow-x:auto;font-size:.88em}
            .missing{color:#888;font-style:italic}
            """;

    private RunReport() {
    }

    /** Writes {@code report.html} into the run folder {@code run}; returns its path. */
    public static Path write(Path run) throws IOException {
        RunFolder.open(run);
        Path file = run.resolve(FILE);
        String page = page(run);
        AtomicFiles.write(file, out -> out.write(page.getBytes(StandardCharsets.UTF_8)));
        return file;
    }

    static String page(Path run) throws IOException {
        JsonNode manifest = new YAMLMapper().readTree(run.resolve("manifest.yaml").toFile());
        String model = name(manifest, "model");
        String dataset = name(manifest, "dataset");
        String title = model + " on " + dataset;
        Html h = new Html();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        h.element("title", "Latent run: " + title).raw("<style>").raw(STYLE).raw("</style></head><body>\n");
        h.element("h1", title);
        h.raw("<p class=\"meta\">").raw(Html.escape("run " + run.toAbsolutePath().normalize() + ", started "
                + started(run) + "; report written " + LocalDateTime.now().format(SHOWN))).raw("</p>\n");

        h.element("h2", "Summary");
        json(h, run.resolve("summary.json"), "no summary.json: the run has not finished");

        h.element("h2", "Loss curves");
        List<LossCurves.Chart> charts = LossCurves.of(run.resolve("metrics.jsonl"));
        if (charts.isEmpty()) {
            missing(h, "no epoch in metrics.jsonl yet");
        }
        for (LossCurves.Chart c : charts) {
            h.figure(c.png(), c.title());
        }

        h.element("h2", "Reconstructions and samples");
        boolean any = picture(h, run.resolve("reconstructions.png"), "reconstructions.png: test images (top) and their reconstructions");
        any |= picture(h, run.resolve("samples.png"), "samples.png: draws from the prior");
        if (!any) {
            missing(h, "no pictures (training.pictures: 0, or the samples are not images)");
        }

        List<Path> filters = pngs(run.resolve("filters"));
        if (!filters.isEmpty()) {
            h.element("h2", "Filters and atoms");
            for (Path p : filters) {
                picture(h, p, run.relativize(p).toString());
            }
        }

        h.element("h2", "Latent space");
        Path embed = run.resolve("embed");
        List<Path> latent = pngs(embed);
        latent.sort(Comparator.comparingInt((Path p) -> {
            int i = EMBED_ORDER.indexOf(p.getFileName().toString());
            return i < 0 ? EMBED_ORDER.size() : i;
        }).thenComparing(Path::toString));
        if (latent.isEmpty()) {
            missing(h, "no latent-space plots yet: latent embed " + run + " writes them");
        }
        for (Path p : latent) {
            picture(h, p, run.relativize(p).toString());
        }
        if (Files.isRegularFile(embed.resolve("embed.json"))) {
            json(h, embed.resolve("embed.json"), "");
        }

        optionalJson(h, run.resolve("eval.json"), "Evaluation");
        optionalJson(h, run.resolve("transfer.json"), "Transfer learning");

        h.element("h2", "Manifest (resolved)");
        h.pre(Files.readString(run.resolve("manifest.yaml")));

        h.element("h2", "Environment");
        json(h, run.resolve("environment.json"), "no environment.json");
        h.raw("</body></html>\n");
        return h.toString();
    }

    /** The {@code name} of the manifest's choice {@code key} ({@code model: {name: ae}}), or "?". */
    private static String name(JsonNode manifest, String key) {
        JsonNode choice = manifest.path(key);
        if (choice.isTextual()) {
            return choice.asText();
        }
        return choice.path("name").asText("?");
    }

    /** The start time in the folder's name ({@code yyyyMMdd-HHmmss-label}), else manifest.yaml's time. */
    private static String started(Path run) throws IOException {
        String name = run.toAbsolutePath().normalize().getFileName().toString();
        if (name.length() >= 15) {
            try {
                return LocalDateTime.parse(name.substring(0, 15), STAMP).format(SHOWN);
            } catch (DateTimeParseException e) {
                // a folder renamed by the user: fall back to the file time
            }
        }
        return LocalDateTime.ofInstant(Files.getLastModifiedTime(run.resolve("manifest.yaml")).toInstant(),
                ZoneId.systemDefault()).format(SHOWN);
    }

    private static void json(Html h, Path file, String whenMissing) throws IOException {
        if (!Files.isRegularFile(file)) {
            missing(h, whenMissing);
            return;
        }
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            missing(h, file.getFileName() + " does not read as JSON: " + e.getMessage());
            return;
        }
        if (node == null) {
            missing(h, file.getFileName() + " is empty");
            return;
        }
        h.table(node);
    }

    private static void optionalJson(Html h, Path file, String title) throws IOException {
        if (Files.isRegularFile(file)) {
            h.element("h2", title + " (" + file.getFileName() + ")");
            json(h, file, "");
        }
    }

    private static boolean picture(Html h, Path png, String caption) throws IOException {
        if (!Files.isRegularFile(png)) {
            return false;
        }
        h.figure(Files.readAllBytes(png), caption);
        return true;
    }

    private static void missing(Html h, String text) {
        h.raw("<p class=\"missing\">").raw(Html.escape(text)).raw("</p>\n");
    }

    /** The PNG files under {@code folder} (any depth), by path; none when it does not exist. */
    private static List<Path> pngs(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return new ArrayList<>();
        }
        try (Stream<Path> all = Files.walk(folder)) {
            return new ArrayList<>(all.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".png"))
                    .sorted().toList());
        }
    }
}
