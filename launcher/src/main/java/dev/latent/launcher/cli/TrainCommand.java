package dev.latent.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.latent.api.engine.Engine;
import dev.latent.launcher.UserError;
import dev.latent.launcher.checkpoint.CheckpointFolder;
import dev.latent.launcher.checkpoint.SafetensorsFile;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.output.RunFolder;
import dev.latent.launcher.report.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code latent train [MANIFEST]}: trains and writes a run folder; {@code latent train --resume RUN}
 * continues a run from its last good checkpoint.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains the model a manifest describes and writes a run folder.")
final class TrainCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "MANIFEST",
            description = "the YAML manifest; default: the shipped profile profiles/default.yaml")
    Path manifestFile;

    @Option(names = "--epochs", paramLabel = "N", description = "shorthand for --set training.epochs=N --set training.samples=0 (N epochs, whatever"
            + " training.samples says)")
    Integer epochs;

    @Option(names = "--resume", paramLabel = "RUN",
            description = "continue the run in folder RUN from its last good checkpoint, with the manifest it saved"
                    + " (no MANIFEST; --set and --epochs change it, and the result then differs from an"
                    + " uninterrupted run)")
    Path resume;

    @Mixin
    ManifestOptions options;

    @Mixin
    PluginFolderOptions folders;

    @Option(names = "--no-progress", description = "no progress bar (it is shown only on a terminal anyway)")
    boolean noProgress;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() throws Exception {
        List<String> moreSets = epochs == null ? List.of() : List.of("training.epochs=" + epochs, "training.samples=0");
        if (resume != null) {
            return resume(moreSets);
        }
        Session session = Session.manifest(manifestFile, "default.yaml", options, folders, moreSets);
        Manifest manifest = session.manifest;
        System.out.println(manifest.engineReport());
        if (manifest.tune().isPresent()) {
            System.out.println("note: training ignores the manifest's tune section; latent tune searches it");
        }
        Wiring wiring = Wiring.of(session.injector());    // a bad data file or model fails before the run folder exists
        RunFolder run = RunFolder.create(manifest.output(), manifest.choice("model").name());
        run.writeManifest(manifest.resolved());
        run.writeEnvironment(environment(manifest, wiring.engine()));
        return train(manifest, wiring, run, Optional.empty());
    }

    /** Continues the run in {@link #resume} from its newest checkpoint that reads back whole. */
    private Integer resume(List<String> moreSets) throws IOException {
        if (manifestFile != null) {
            throw new UserError("--resume continues with the manifest saved in " + resume + "; give no MANIFEST"
                    + " (found " + manifestFile + "), and change settings with --set");
        }
        RunFolder run = RunFolder.open(resume);
        CheckpointFolder checkpoints = run.checkpoints(1);
        for (Path unfinished : checkpoints.removeTemporaries()) {
            System.err.println("note: removed " + unfinished + ", a checkpoint whose writing was interrupted");
        }
        Optional<SafetensorsFile> checkpoint = checkpoints.newestGood(w -> System.err.println("warning: " + w));
        if (checkpoint.isEmpty() && !checkpoints.list().isEmpty()) {
            throw new UserError("no checkpoint in " + checkpoints.path() + " reads back whole (see the warnings above);"
                    + " to train " + run.path() + " again from the start, delete that folder and resume");
        }
        Path runManifest = run.path().resolve("manifest.yaml");
        Session session = Session.resumed(runManifest, run.sourceManifest(), options, folders, moreSets);
        Manifest manifest = session.manifest;
        String saved = checkpoint.map(c -> c.metadata().get("latent.manifest")).orElse(Files.readString(runManifest));
        List<String> changes = changes(saved, manifest.resolved());
        if (!changes.isEmpty()) {
            System.out.println("note: the manifest differs from the checkpoint's, so the run will not repeat an"
                    + " uninterrupted one: " + String.join(", ", changes));
            run.writeManifest(manifest.resolved());
        }
        System.out.println(manifest.engineReport());
        Wiring wiring = Wiring.of(session.injector());
        System.out.println(checkpoint.map(c -> "resuming " + run.path() + " from " + c.path())
                .orElse("no checkpoint in " + checkpoints.path() + ": training " + run.path() + " from the start"));
        if (checkpoint.isEmpty()) {
            run.keepMetricsLines(0);
        }
        return train(manifest, wiring, run, checkpoint);
    }

    /** Trains the wired plugins into {@code run}, from {@code checkpoint} when given. */
    private Integer train(Manifest manifest, Wiring w, RunFolder run, Optional<SafetensorsFile> checkpoint) {
        System.out.println(w.describe(manifest, run));
        boolean bar = !noProgress && System.console() != null;
        try {
            w.train(manifest, run, checkpoint, System.out, bar, metrics -> { });
        } catch (IOException e) {
            throw new UserError("cannot write in the run folder " + run.path() + ": " + e.getMessage()
                    + "; the last good checkpoint stays in " + run.path().resolve("checkpoints"), e);
        }
        System.out.println("wrote " + run.path());
        try {
            System.out.println("wrote " + RunReport.write(run.path()));
        } catch (IOException | RuntimeException e) {       // the run is whole; only its page is missing
            System.err.println("warning: no report.html (" + e + "); try again with: latent report " + run.path());
        }
        return 0;
    }

    static Map<String, Object> environment(Manifest manifest, Engine engine) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("engine", engine.properties());
        env.put("seed", manifest.seed());
        env.put("manifest", manifest.source().toAbsolutePath().normalize().toString());
        env.put("java.version", System.getProperty("java.version"));
        env.put("java.vendor", System.getProperty("java.vendor"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("processors", Runtime.getRuntime().availableProcessors());
        env.put("latent.version", "0.1.0");
        return env;
    }

    /** The keys whose values differ between a saved manifest (YAML) and a resolved one: {@code key: old -> new}. */
    static List<String> changes(String savedYaml, Map<String, Object> resolved) throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        Map<String, String> before = flatten(yaml.readTree(savedYaml));
        Map<String, String> after = flatten(yaml.valueToTree(resolved));
        List<String> changes = new ArrayList<>();
        Map<String, String> keys = new TreeMap<>(before);
        after.forEach(keys::putIfAbsent);
        for (String key : keys.keySet()) {
            String a = before.getOrDefault(key, "(none)");
            String b = after.getOrDefault(key, "(none)");
            if (!a.equals(b)) {
                changes.add(key + ": " + a + " -> " + b);
            }
        }
        return changes;
    }

    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        flatten("", node, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node != null && node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
            }
        } else if (node != null) {
            out.put(prefix, node.isValueNode() ? node.asText() : node.toString());
        }
    }
}
