package dev.latent.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.latent.launcher.UserError;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.config.TuneConfig;
import dev.latent.launcher.output.AtomicFiles;
import dev.latent.launcher.tune.Study;
import dev.latent.launcher.tune.TrialManifest;
import dev.latent.launcher.tune.TrialRecord;
import dev.latent.launcher.tune.TrialState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code latent tune [MANIFEST] --trials N}: a hyperparameter search over the manifest's
 * {@code tune} section into {@code <output>/tune-<name>/}; {@code latent tune --resume FOLDER}
 * (or the same command again) goes on without repeating the trials recorded there.
 *
 * <p>The search folder holds {@code tune.yaml} (the manifest after {@code extends} and
 * {@code --set}, which a resumed search reads), {@code study.json} (the manifest file it came
 * from), {@code trial-NNN/} (one run folder per trial), {@code trials.jsonl},
 * {@code trials.csv} and {@code best.yaml}.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = "Searches the settings a manifest's tune section declares (random or TPE sampling, median"
                + " pruning) and writes trials.csv and best.yaml.")
final class TuneCommand implements Callable<Integer> {

    static final String SEARCH_MANIFEST = "tune.yaml";
    private static final String STUDY = "study.json";

    @Parameters(arity = "0..1", paramLabel = "MANIFEST",
            description = "a manifest with a tune section; default: the shipped profile profiles/tune-dense-ae.yaml")
    Path manifestFile;

    @Option(names = "--trials", paramLabel = "N", description = "trials to have recorded when done (default: tune.trials)")
    Integer trials;

    @Option(names = "--resume", paramLabel = "FOLDER",
            description = "go on with the search in FOLDER (no MANIFEST, no --set): recorded trials are kept, an"
                    + " interrupted one is trained again")
    Path resume;

    @Option(names = "--name", paramLabel = "NAME",
            description = "the search folder is <output>/tune-NAME (default: the manifest's file name, less .yaml"
                    + " and a leading tune-)")
    String name;

    @Option(names = "--epochs", paramLabel = "N", description = "shorthand for --set training.epochs=N")
    Integer epochs;

    @Mixin
    ManifestOptions options;

    @Mixin
    PluginFolderOptions folders;

    @Option(names = "--verbose", description = "print every epoch of every trial")
    boolean verbose;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() throws IOException {
        if (trials != null && trials < 1) {
            throw new UserError("--trials must be >= 1, found " + trials);
        }
        Session session;
        Path folder;
        if (resume != null) {
            if (manifestFile != null || !options.sets.isEmpty() || epochs != null) {
                throw new UserError("--resume goes on with the search saved in " + resume + " as it was; give no"
                        + " MANIFEST, --set or --epochs (to search other settings, start a search with --name)");
            }
            folder = resume;
            session = resumed(folder);
        } else {
            List<String> moreSets = epochs == null ? List.of() : List.of("training.epochs=" + epochs);
            session = Session.manifest(manifestFile, "tune-dense-ae.yaml", options, folders, moreSets);
            folder = session.manifest.output().resolve("tune-" + (name != null ? name : name(session.tree.file())));
            if (session.manifest.tune().isEmpty()) {
                throw new UserError(session.tree.file() + " has no tune section; add one, such as\n"
                        + "tune:\n  space:\n    optimizer.learningRate: {logUniform: [1e-4, 1e-1]}\n"
                        + "(see docs/tuning.md)");
            }
            start(session, folder);
        }
        Manifest manifest = session.manifest;
        TuneConfig tune = manifest.tune().orElseThrow();
        int n = trials != null ? trials : tune.settings().trials();
        System.out.println(manifest.engineReport());
        System.out.printf("search %s: %d trials, %s sampler, pruning %s, minimising %s%n", folder, n,
                tune.settings().sampler(), tune.settings().pruning(), tune.settings().metric());
        Study study = new Study(folder, tune, manifest.seed(), new TrialTraining(session, options.engine, verbose),
                System.out);
        List<TrialRecord> recorded = study.run(n);
        System.out.println();
        study.table(recorded).forEach(System.out::println);
        report(session, folder, recorded);
        return 0;
    }

    /** Prints how many trials ended how and the best; writes best.yaml. */
    private static void report(Session session, Path folder, List<TrialRecord> recorded) throws IOException {
        Map<TrialState, Long> counts = new LinkedHashMap<>();
        recorded.forEach(t -> counts.merge(t.state(), 1L, Long::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((s, c) -> parts.add(c + " " + s.word()));
        System.out.println();
        System.out.println(String.join(", ", parts) + "; wrote " + folder.resolve("trials.csv"));
        Optional<TrialRecord> best = Study.best(recorded);
        if (best.isEmpty()) {
            System.out.println("no trial completed, so there is no best.yaml");
            return;
        }
        TrialRecord b = best.get();
        Path file = TrialManifest.writeBest(folder, session.tree.root(), b.params());
        System.out.printf("best: trial %d, %s %.6g (test loss %.6g); wrote %s%n", b.number(),
                session.manifest.tune().orElseThrow().settings().metric(), b.value(), b.testLoss(), file);
    }

    /** Creates the search folder, or checks that the one there is this manifest's search. */
    private static void start(Session session, Path folder) throws IOException {
        Path saved = folder.resolve(SEARCH_MANIFEST);
        if (Files.isRegularFile(saved)) {
            Map<String, Object> now = new YAMLMapper().convertValue(session.tree.root(),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
            List<String> changes = TrainCommand.changes(Files.readString(saved), now);
            if (!changes.isEmpty()) {
                throw new UserError(folder + " holds a search of another manifest (" + String.join(", ", changes)
                        + "); continue that one with --resume " + folder + ", or start another with --name");
            }
            return;
        }
        Files.createDirectories(folder);
        AtomicFiles.write(saved, out -> new YAMLMapper().writeValue(out, session.tree.root()));
        Map<String, Object> study = new LinkedHashMap<>();
        study.put("manifest", session.tree.file().toAbsolutePath().normalize().toString());
        AtomicFiles.write(folder.resolve(STUDY),
                out -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, study));
    }

    /** The session of the search saved in {@code folder}. */
    private Session resumed(Path folder) throws IOException {
        Path saved = folder.resolve(SEARCH_MANIFEST);
        if (!Files.isRegularFile(saved)) {
            throw new UserError(folder.toAbsolutePath() + " is not a search folder: it has no " + SEARCH_MANIFEST);
        }
        Path source = saved;
        Path study = folder.resolve(STUDY);
        if (Files.isRegularFile(study)) {
            JsonNode m = new ObjectMapper().readTree(study.toFile()).get("manifest");
            if (m != null && m.isTextual()) {
                source = Path.of(m.asText());
            }
        }
        return Session.resumed(saved, source, options, folders, List.of());
    }

    /** {@code tune-dense-ae.yaml} -> {@code dense-ae}. */
    static String name(Path manifest) {
        String file = manifest.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String stripped = file.startsWith("tune-") ? file.substring("tune-".length()) : file;
        return stripped.isEmpty() ? file : stripped;
    }
}
