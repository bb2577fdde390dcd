package dev.latent.launcher;

import static dev.latent.launcher.LatentProcess.assertLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import dev.latent.launcher.LatentProcess.Result;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the assembled distribution as the {@code latent} script does: a separate JVM with the
 * named modules on the module path and the engine in its own class loader.
 */
class DistributionIT {

    private static final Path DIST = Path.of(System.getProperty("latent.dist", "target/dist")).toAbsolutePath();
    private static final Pattern EPOCH = Pattern.compile("(?m)^epoch (\\d+)/(\\d+)  train loss ([0-9.]+)  test loss ([0-9.]+)");
    private static final String BAD = "dataset: mnist\nmodel: {name: nope}\nloss: mse\n"
            + "optimizer: {name: adam, beta2: 1.2}\ntraining: {epochs: five}\n";

    /** The parameters of the default profile's model, with their shapes. */
    private static final Map<String, List<Integer>> PARAMETERS = new TreeMap<>(Map.ofEntries(
            Map.entry("encoder.0.weight", List.of(784, 512)), Map.entry("encoder.0.bias", List.of(512)),
            Map.entry("encoder.2.weight", List.of(512, 128)), Map.entry("encoder.2.bias", List.of(128)),
            Map.entry("encoder.4.weight", List.of(128, 32)), Map.entry("encoder.4.bias", List.of(32)),
            Map.entry("decoder.0.weight", List.of(32, 128)), Map.entry("decoder.0.bias", List.of(128)),
            Map.entry("decoder.2.weight", List.of(128, 512)), Map.entry("decoder.2.bias", List.of(512)),
            Map.entry("decoder.4.weight", List.of(512, 784)), Map.entry("decoder.4.bias", List.of(784))));
    private static final Pattern VALIDATED_EPOCH = Pattern.compile(
            "(?m)^epoch (\\d+)/(\\d+)  train loss ([0-9.]+)  validation loss ([0-9.]+)  test loss ([0-9.]+)");

    @TempDir
    Path work;
    @TempDir
    Path logs;

    private Result latent(String... args) throws IOException, InterruptedException {
        return LatentProcess.run(DIST, work, logs, args);
    }

    private Path manifest(String name, String yaml) throws IOException {
        return Files.writeString(work.resolve(name), yaml);
    }

    private List<Path> runFolders() throws IOException {
        if (!Files.isDirectory(work.resolve("runs"))) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(work.resolve("runs"))) {
            return s.toList();
        }
    }

    @Test
    void nd4jIsOnlyInTheEngineFolders() throws Exception {
        try (var mods = Files.list(DIST.resolve("mods"))) {
            List<String> nd4j = mods.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("nd4j") || n.startsWith("javacpp") || n.startsWith("openblas")).toList();
            assertEquals(List.of(), nd4j, "native libraries on the module path");
        }
        try (var cpu = Files.list(DIST.resolve("engines/cpu"))) {
            assertTrue(cpu.anyMatch(p -> p.getFileName().toString().startsWith("nd4j-native")), "the CPU engine has ND4J");
        }
    }

    @Test
    void pluginsListsEveryProviderWithItsModule() throws Exception {
        Result r = latent("plugins");
        assertEquals(0, r.exit(), r.err());
        assertLine(r.out(), "SPI +NAME +MODULE +VERSION +FROM +DESCRIPTION");
        assertLine(r.out(), "engine +cpu +- +\\S+ +engines/cpu +.*\\[available\\]");
        boolean cudaBuilt;
        try (Stream<Path> jars = Files.list(DIST.resolve("engines/gpu"))) {
            cudaBuilt = jars.anyMatch(j -> j.getFileName().toString().startsWith("nd4j-cuda"));
        }
        assertLine(r.out(), "engine +gpu +- +\\S+ +engines/gpu +.*\\[" + (cudaBuilt ? "(available|unavailable: .+)" : "unavailable: .+") + "\\]");
        assertLine(r.out(), "dataset +mnist +dev\\.latent\\.datasets +0\\.1\\.0-SNAPSHOT +datasets-0\\.1\\.0-SNAPSHOT\\.jar +.+");
        assertLine(r.out(), "model +ae +dev\\.latent\\.models +\\S+ +models-\\S+\\.jar +.+");
        assertLine(r.out(), "loss +mse +dev\\.latent\\.models +\\S+ +models-\\S+\\.jar +.+");
        assertLine(r.out(), "loss +bce +dev\\.latent\\.models +\\S+ +models-\\S+\\.jar +.+");
        assertLine(r.out(), "optimizer +adam +dev\\.latent\\.optimizers +\\S+ +optimizers-\\S+\\.jar +.+");
        assertLine(r.out(), "optimizer +sgd +dev\\.latent\\.optimizers +\\S+ +optimizers-\\S+\\.jar +.+");
    }

    @Test
    void trainsASmallManifestAndWritesTheRunFolder() throws Exception {
        String profile = Files.readString(DIST.resolve("profiles/default.yaml"));
        String small = profile.replaceFirst("(?m)^dataset:\\n  name: mnist.*$",
                "dataset: {name: mnist, trainLimit: 2000, testLimit: 500}").replaceFirst("(?m)^  epochs: \\d+$", "  epochs: 3");
        assertTrue(small.contains("trainLimit: 2000") && small.contains("epochs: 3"), small);
        Result r = latent("train", manifest("small.yaml", small).toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("(2000 train, 500 test)"), r.out());
        List<Path> runs = runFolders();
        assertEquals(1, runs.size(), runs::toString);
        Path run = runs.get(0);

        Matcher m = EPOCH.matcher(r.out());
        List<Double> printed = new ArrayList<>();
        for (int i = 1; m.find(); i++) {
            assertEquals(List.of(Integer.toString(i), "3"), List.of(m.group(1), m.group(2)));
            printed.add(Double.parseDouble(m.group(4)));
        }
        assertEquals(3, printed.size(), r.out());

        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(3, lines.size(), lines::toString);
        double[] test = new double[3];
        for (int i = 0; i < 3; i++) {
            JsonNode line = json.readTree(lines.get(i));
            for (String key : List.of("epoch", "train_loss", "test_loss", "seconds", "samples_per_second")) {
                assertTrue(line.get(key).isNumber(), key + " in " + line);
            }
            assertEquals(i + 1, line.get("epoch").intValue());
            test[i] = line.get("test_loss").doubleValue();
            assertEquals(printed.get(i), test[i], 5e-6, "printed and saved test loss agree");
            assertTrue(line.get("samples_per_second").doubleValue() > 0, line::toString);
        }
        // Measured: 0.0795, 0.0748, 0.0718 (deterministic: seed 42, one thread). Predicting the
        // mean image scores 0.0667 here, so 48 steps show learning, not a good model.
        assertTrue(test[2] < test[1] && test[1] < test[0], "test loss falls every epoch: " + printed);
        assertTrue(test[2] < 0.075, "test loss after 3 epochs: " + test[2]);

        JsonNode saved = new YAMLMapper().readTree(run.resolve("manifest.yaml").toFile());
        assertEquals(3, saved.at("/training/epochs").intValue());
        assertEquals(2000, saved.at("/dataset/trainLimit").intValue());
        assertEquals(0.9, saved.at("/optimizer/beta1").doubleValue());
        JsonNode env = json.readTree(run.resolve("environment.json").toFile());
        assertEquals(42, env.get("seed").intValue());
        assertEquals("cpu", env.at("/engine/engine").asText());

        Map<String, List<Integer>> expected = PARAMETERS;
        Map<String, List<Integer>> found = new TreeMap<>();
        try (Stream<Path> s = Files.list(run.resolve("parameters"))) {
            for (Path npy : s.toList()) {
                found.put(npy.getFileName().toString().replaceFirst("\\.npy$", ""), npyShape(npy));
            }
        }
        assertEquals(expected, found);

        BufferedImage png = ImageIO.read(run.resolve("reconstructions.png").toFile());
        assertNotNull(png, "reconstructions.png is a readable image");
        assertEquals(16 * (28 * 3 + 2) + 2, png.getWidth());
        assertEquals(2 * (28 * 3 + 2) + 2, png.getHeight());

        assertTrue(Files.readString(run.resolve("report.html")).contains("<h2>Loss curves</h2>"), "train writes the report");
        Result embed = latent("embed", run.toString(), "--samples", "200");
        assertEquals(0, embed.exit(), embed.out() + embed.err());
        assertNotNull(ImageIO.read(run.resolve("embed/tsne.png").toFile()), "XChart draws from the module path");
        assertEquals(201, Files.readAllLines(run.resolve("embed/codes.csv")).size(), "a header and 200 codes");
        assertTrue(Files.readString(run.resolve("report.html")).contains("alt=\"embed/tsne.png\""), "embed rewrites the report");
    }

    @Test
    void trainsWithAValidationSplitAndEarlyStoppingAndSavesTheOptimizerState() throws Exception {
        String profile = Files.readString(DIST.resolve("profiles/default.yaml"));
        String small = profile.replaceFirst("(?m)^dataset:\\n  name: mnist.*$",
                "dataset: {name: mnist, trainLimit: 2000, testLimit: 500}").replaceFirst("(?m)^  epochs: \\d+$",
                "  epochs: 3\n  validationFraction: 0.1\n  earlyStopping: {patience: 1}");
        assertTrue(small.contains("validationFraction: 0.1") && small.contains("epochs: 3"), small);
        Result r = latent("train", manifest("validated.yaml", small).toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("(1800 train, 200 validation, 500 test)"), r.out());
        List<Path> runs = runFolders();
        assertEquals(1, runs.size(), runs::toString);
        Path run = runs.get(0);

        ObjectMapper json = new ObjectMapper();
        JsonNode summary = json.readTree(run.resolve("summary.json").toFile());
        int epochs = summary.get("epochs_run").intValue();
        assertTrue(epochs >= 2 && epochs <= 3, "patience 1 runs at least two of the three epochs: " + summary);
        assertEquals(15L * epochs, summary.get("steps").longValue(), "1800 samples in batches of 128: 15 steps an epoch");
        assertEquals("validation_loss", summary.get("monitor").asText());
        assertTrue(summary.get("stopped_early").isBoolean(), summary::toString);
        assertEquals(summary.get("stopped_early").booleanValue(), r.out().contains("early stopping after epoch " + epochs + ": "),
                r.out());

        Matcher m = VALIDATED_EPOCH.matcher(r.out());
        List<Double> printed = new ArrayList<>();
        for (int i = 1; m.find(); i++) {
            assertEquals(List.of(Integer.toString(i), "3"), List.of(m.group(1), m.group(2)));
            printed.add(Double.parseDouble(m.group(4)));
        }
        assertEquals(epochs, printed.size(), r.out());
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(epochs, lines.size(), lines::toString);
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        for (int i = 0; i < epochs; i++) {
            JsonNode line = json.readTree(lines.get(i));
            assertTrue(line.get("validation_loss").isNumber(), line::toString);
            assertTrue(line.get("validation_terms").isObject(), line::toString);
            double validation = line.get("validation_loss").doubleValue();
            assertEquals(printed.get(i), validation, 5e-6, "printed and saved validation loss agree");
            if (validation < best) {
                best = validation;
                bestEpoch = i + 1;
            }
        }
        assertEquals(bestEpoch, summary.get("best_epoch").intValue(), summary::toString);
        assertEquals(best, summary.get("best_value").doubleValue(), 0.0, summary::toString);
        assertEquals(bestEpoch, summary.get("saved_epoch").intValue(), "restoreBest is on by default: " + summary);

        // Adam: chain(scale_by_adam, scale_by_learning_rate), so m and v for each of the 12 parameters
        Path optimizer = run.resolve("optimizer");
        JsonNode index = json.readTree(optimizer.resolve("index.json").toFile());
        assertEquals(2 * PARAMETERS.size(), index.size(), index::toString);
        Map<String, List<Integer>> moments = new TreeMap<>();
        for (var it = index.fields(); it.hasNext(); ) {
            var entry = it.next();
            Path file = optimizer.resolve(entry.getKey());
            assertTrue(Files.isRegularFile(file), file::toString);
            Matcher slot = Pattern.compile(".*/([mv])/([^/]+)").matcher(entry.getValue().asText());
            assertTrue(slot.matches(), entry.getValue().asText());
            assertEquals(PARAMETERS.get(slot.group(2)), npyShape(file), entry.toString());
            moments.put(slot.group(1) + "/" + slot.group(2), npyShape(file));
        }
        assertEquals(2 * PARAMETERS.size(), moments.size(), "one m and one v per parameter: " + moments.keySet());
        try (Stream<Path> s = Files.list(optimizer)) {
            assertEquals(2 * PARAMETERS.size() + 1, s.count(), "the .npy files and index.json, nothing else");
        }
    }

    /** The shape of a float32 .npy file, checking that its size matches its header. */
    private static List<Integer> npyShape(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertEquals("\u0093NUMPY", new String(bytes, 0, 6, StandardCharsets.ISO_8859_1), file.toString());
        int headerLength = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        Matcher m = Pattern.compile("\\{'descr': '<f4', 'fortran_order': False, 'shape': \\(([0-9, ]+)\\), \\} *\\n").matcher(header);
        assertTrue(m.matches(), header);
        List<Integer> shape = Stream.of(m.group(1).split(",")).map(String::strip).filter(x -> !x.isEmpty())
                .map(Integer::valueOf).toList();
        assertEquals(10 + headerLength + 4L * shape.stream().reduce(1, (a, b) -> a * b), bytes.length, file.toString());
        return shape;
    }

    @Test
    void manifestProblemsAreReportedTogetherWithoutAStackTrace() throws Exception {
        Result r = latent("train", manifest("bad.yaml", BAD).toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("bad.yaml has 3 problems:"), r.err());
        assertTrue(r.err().matches("(?s).*\n  - \\[latent/UnknownPlugin] model.name is 'nope', but no model has that name;"
                + " available: ae, [a-z, -]*conv-ae, [a-z, -]*sparse-ae[a-z, -]*\n.*"), r.err());
        assertTrue(r.err().contains("  - [latent/OutOfRange] optimizer.beta2 must be in [0, 1), found 1.2\n"), r.err());
        assertTrue(r.err().contains("  - [latent/WrongType] training.epochs expected an integer, found 'five'\n"), r.err());
        r.assertNoStackTrace();
        assertEquals(List.of(), runFolders());
    }

    @Test
    void badModelShapesAndAMissingNoiseFailBeforeTraining() throws Exception {
        Map<String, String> cases = Map.of(
                "conv-ae.yaml", "model.kernel is 40, larger than the 30x30 padded input of convolution 0",
                "conv-vae.yaml", "model.latent must be > 0, found 0",
                "dae.yaml", "noise.probability must be in [0, 1], found -0.2");
        Map<String, List<String>> sets = Map.of(
                "conv-ae.yaml", List.of("model.kernel=40"),
                "conv-vae.yaml", List.of("model.latent=0"),
                "dae.yaml", List.of("noise={name: masking, probability: -0.2}"));
        for (var c : cases.entrySet()) {
            List<String> args = new java.util.ArrayList<>(List.of("train", DIST.resolve("profiles/" + c.getKey()).toString()));
            sets.get(c.getKey()).forEach(set -> args.addAll(List.of("--set", set)));
            Result r = latent(args.toArray(String[]::new));
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains(c.getValue()), c.getKey() + ": " + r.err());
            r.assertNoStackTrace();
        }
        Result dae = latent("train", manifest("dae.yaml", "extends: default\nmodel: {name: dae}\n").toString());
        assertEquals(2, dae.exit(), dae.err());
        assertTrue(dae.err().contains("[latent/MissingKey] noise is required by model 'dae', which trains on corrupted"
                + " inputs against clean targets; available: gaussian, masking, salt-and-pepper, speckle"), dae.err());
        assertEquals(List.of(), runFolders());
    }

    @Test
    void runningOutOfMemoryNamesTheSettingsToChange() throws Exception {
        // a 20 MB heap caps JavaCPP's native memory at 80 MB, less than the run needs
        Result r = LatentProcess.start(DIST, work, logs, List.of("-Xmx20m"), "train", "--epochs", "1").await();
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("error: out of memory ("), r.err());
        assertTrue(r.err().contains("lower training.batchSize or training.evalBatchSize, or give the run more memory"
                + " with LATENT_JAVA_OPTS: -Xmx"), r.err());
        r.assertNoStackTrace();
    }

    @Test
    void corruptDataFileIsNamedWithItsFault() throws Exception {
        Path data = Files.createDirectory(work.resolve("data"));
        Files.write(data.resolve("train-images-idx3-ubyte"), new byte[] {0, 0, 8, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4});
        byte[] labels = {0, 0, 8, 1, 0, 0, 0, 1, 7};
        Files.write(data.resolve("train-labels-idx1-ubyte"), labels);
        Files.write(data.resolve("t10k-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4});
        Files.write(data.resolve("t10k-labels-idx1-ubyte"), labels);
        Result r = latent("train", manifest("corrupt.yaml", "dataset: {name: mnist, directory: data}\nmodel: ae\n"
                + "loss: mse\noptimizer: adam\n").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(data.resolve("train-images-idx3-ubyte")
                + ": bad magic number 0x00000802, expected 0x00000803 (IDX images)"), r.err());
        r.assertNoStackTrace();
        assertEquals(List.of(), runFolders());
    }

    @Test
    void helpListsTheCommandsAndDebugPrintsTheStackTrace() throws Exception {
        Result help = latent("--help");
        assertEquals(0, help.exit(), help.err());
        for (String command : List.of("train", "embed", "report", "plugins", "bench", "explain")) {
            assertLine(help.out(), " +" + command + " +.+");
        }
        Result debug = latent("train", "--debug", manifest("bad.yaml", BAD).toString());
        assertEquals(2, debug.exit(), debug.err());
        assertTrue(debug.err().contains("dev.latent.launcher.config.ManifestException: "), debug.err());
        assertTrue(debug.err().contains("\tat dev.latent.launcher"), debug.err());
    }

    @Test
    void defaultJobTrainsOneEpochOnTheBundledSubset() throws Exception {
        Result r = latent("train", "--epochs", "1");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("ae on mnist-subset (8000 train, 2000 test), engine cpu"), r.out());
        Matcher m = EPOCH.matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals("1/1", m.group(1) + "/" + m.group(2));
        assertTrue(Double.parseDouble(m.group(4)) < 0.07, "test loss after one epoch: " + m.group(4));
        assertFalse(m.find(), "one epoch only");
        assertEquals(1, runFolders().size());
    }

    @Test
    void explainPrintsTheResolvedManifestAndTheWiringWithoutTraining() throws Exception {
        Path broken = Files.createDirectory(work.resolve("broken-plugins"));
        Files.writeString(broken.resolve("not-a-jar.jar"), "not a zip file");
        Path mine = manifest("mine.yaml", "extends: default\nengine: [gpu, cpu]\nmodel: {code: 16}\n");
        Result r = latent("explain", mine.toString(), "--set", "training.epochs=3", "--set", "optimizer.name=sgd",
                "--plugins", broken.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("# " + mine + ", extends " + DIST.resolve("profiles/default.yaml")), r.out());
        JsonNode yaml = new YAMLMapper().readTree(r.out().substring(0, r.out().indexOf("\n# wiring")));
        assertEquals(3, yaml.at("/training/epochs").intValue(), r.out());
        assertEquals(16, yaml.at("/model/code").intValue(), r.out());
        assertEquals(List.of(512, 128), List.of(yaml.at("/model/hidden/0").intValue(), yaml.at("/model/hidden/1").intValue()));
        assertEquals("sgd", yaml.at("/optimizer/name").asText());
        assertTrue(yaml.at("/optimizer/nesterov").isBoolean(), "a default filled in: " + r.out());
        assertLine(r.out(), "optimizer +sgd +dev\\.latent\\.optimizers +\\S+ +optimizers-\\S+\\.jar");
        assertLine(r.out(), "engine: using (cpu; gpu is unavailable: .+|gpu)");
        assertLine(r.out(), "  " + Pattern.quote(broken.toString()) + " \\(1 jar\\)");
        assertTrue(r.err().contains("warning: [latent/BrokenPlugin] not-a-jar.jar: "), r.err());
        assertEquals(List.of(), runFolders(), "explain trains nothing");
    }

    @Test
    void engineFallbackListPrintsTheChoiceAndTrains() throws Exception {
        Path m = manifest("fallback.yaml", "extends: default\nengine: [gpu, {name: cpu, threads: 1}]\n"
                + "dataset: {trainLimit: 500, testLimit: 100}\n");
        Result r = latent("train", m.toString(), "--epochs", "1");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertLine(r.out(), "engine: using (cpu; gpu is unavailable: .+|gpu)");
        assertTrue(r.out().contains("(500 train, 100 test)"), r.out());
        assertEquals(1, runFolders().size());
        Result none = latent("train", m.toString(), "--engine", "tpu");
        assertEquals(2, none.exit(), none.err());
        assertTrue(none.err().contains("[latent/UnknownPlugin] engine.name is 'tpu', but no engine has that name;"
                + " available: cpu, gpu; did you mean 'cpu'?"), none.err());
        none.assertNoStackTrace();
    }
}
