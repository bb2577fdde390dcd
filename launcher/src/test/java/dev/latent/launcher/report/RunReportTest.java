package dev.latent.launcher.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.plugin.LatentHome;
import dev.latent.launcher.run.TinyRuns;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run report: every section of a trained run's files, images embedded as PNG data URIs
 * that decode, text from the files escaped, nothing fetched from a network; loss charts for
 * each term and each pretraining stage.
 */
class RunReportTest {

    static final String AE = "seed: 5\n"
            + "engine: {name: cpu, threads: 1}\n"
            + "dataset: {name: mnist, trainLimit: 240, testLimit: 60}\n"
            + "model: {name: ae, hidden: [16], code: 4, activation: relu, outputActivation: sigmoid}\n"
            + "loss: mse\n"
            + "optimizer: {name: adam, learningRate: 0.01}\n"
            + "training: {epochs: 3, batchSize: 32, validationFraction: 0.1, pictures: 4}\n";

    @TempDir
    Path dir;

    @Test
    void showsEverySectionWithEmbeddedImagesAndEscapedText() throws Exception {
        LatentHome home = TinyRuns.home(dir);
        Manifest manifest = TinyRuns.manifest(home, dir, AE + "output: " + dir.resolve("runs") + "\n");
        Path run = TinyRuns.train(home, manifest).run().path();
        Files.createDirectories(run.resolve("filters"));
        Files.copy(run.resolve("reconstructions.png"), run.resolve("filters/encoder.0.png"));
        Files.createDirectories(run.resolve("embed"));
        Files.copy(run.resolve("reconstructions.png"), run.resolve("embed/tsne.png"));
        Files.writeString(run.resolve("eval.json"), "{\"test\": {\"mse\": 0.0123}, \"<script>alert(1)</script>\": \"a & b\"}");

        Path file = RunReport.write(run);
        assertEquals(run.resolve("report.html"), file);
        String html = Files.readString(file);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 40));
        assertTrue(html.contains("<title>Latent run: ae on mnist</title>"), "title with model and dataset");
        List<String> sections = new ArrayList<>();
        Matcher h2 = Pattern.compile("<h2>([^<]*)</h2>").matcher(html);
        while (h2.find()) {
            sections.add(h2.group(1));
        }
        assertEquals(List.of("Summary", "Loss curves", "Reconstructions and samples", "Filters and atoms", "Latent space",
                "Evaluation (eval.json)", "Manifest (resolved)", "Environment"), sections);

        Matcher images = Pattern.compile("<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\" alt=\"([^\"]*)\"").matcher(html);
        List<String> captions = new ArrayList<>();
        while (images.find()) {
            byte[] png = Base64.getDecoder().decode(images.group(1));
            assertNotNull(ImageIO.read(new ByteArrayInputStream(png)), images.group(2));
            captions.add(images.group(2));
        }
        assertEquals(List.of("loss per epoch", "reconstructions.png: test images (top) and their reconstructions",
                "filters/encoder.0.png", "embed/tsne.png"), captions);

        assertTrue(html.contains("<tr><th>test.mse</th><td>0.0123</td></tr>"), "eval.json as a table");
        assertTrue(html.contains("<tr><th>&lt;script&gt;alert(1)&lt;/script&gt;</th><td>a &amp; b</td></tr>"), "escaped");
        assertFalse(html.contains("<script"), "no script from a file");
        assertTrue(html.contains("<tr><th>epochs_run</th><td>3</td></tr>"), "summary.json");
        assertTrue(html.contains("learningRate: 0.01"), "the manifest");
        assertTrue(html.contains("<tr><th>seed</th>") || html.contains("<tr><th>manifest</th>"), "environment.json");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "nothing from a network");
        assertFalse(html.contains("transfer"), "no transfer.json, no section");
    }

    @Test
    void drawsEachTermAndEachPretrainingStageAndSkipsACutLine() throws Exception {
        Path metrics = dir.resolve("metrics.jsonl");
        Files.writeString(metrics, ""
                + "{\"stage\":\"0\",\"epoch\":1,\"train_loss\":0.5,\"test_loss\":0.6,\"train_terms\":{\"mse\":0.5}}\n"
                + "{\"epoch\":1,\"train_loss\":3.0,\"validation_loss\":2.5,\"test_loss\":2.6,"
                + "\"train_terms\":{\"reconstruction\":2.0,\"kl\":1.0},\"test_terms\":{\"reconstruction\":1.8,\"kl\":0.8}}\n"
                + "{\"epoch\":2,\"train_loss\":2.0,\"validation_loss\":1.5,\"test_loss\":1.6,"
                + "\"train_terms\":{\"reconstruction\":1.2,\"kl\":0.8},\"test_terms\":{\"reconstruction\":1.0,\"kl\":0.6}}\n"
                + "{\"epoch\":3,\"train_lo");
        List<String> titles = LossCurves.of(metrics).stream().map(LossCurves.Chart::title).toList();
        assertEquals(List.of("pretraining stage 0: loss per epoch", "loss per epoch", "loss term 'reconstruction' per epoch",
                "loss term 'kl' per epoch"), titles);
        for (LossCurves.Chart c : LossCurves.of(metrics)) {
            assertNotNull(ImageIO.read(new ByteArrayInputStream(c.png())), c.title());
        }
        assertEquals(List.of(), LossCurves.of(dir.resolve("none.jsonl")));
    }
}
