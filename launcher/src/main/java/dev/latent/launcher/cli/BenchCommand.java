package dev.latent.launcher.cli;

import dev.latent.api.engine.Engine;
import dev.latent.launcher.UserError;
import dev.latent.launcher.bench.BenchReport;
import dev.latent.launcher.bench.FlopCounter;
import dev.latent.launcher.bench.MachineInfo;
import dev.latent.launcher.bench.ModelBench;
import dev.latent.launcher.bench.ModelFigures;
import dev.latent.launcher.bench.ReferenceSuite;
import dev.latent.launcher.bench.SgemmPeak;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code latent bench [MANIFEST]} and {@code latent bench --suite}: times training steps of a
 * manifest's model (default: the reference dense AE of DESIGN.md), or of every model of
 * {@link ReferenceSuite}, after a warm-up, in rounds; reports samples per second (the median
 * round), the step split into forward, backward and optimizer, the peak resident memory, the
 * FLOPs and GFLOP/s against the engine's sgemm peak measured in the same run, and PyTorch's
 * figure beside the suite's models. Runs exactly the training step that {@code latent train}
 * runs. {@code --json FILE} writes the report for the docs.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Times training steps (samples/s after warm-up); default: the reference dense AE.")
final class BenchCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "MANIFEST", description = "default: profiles/bench-dense-ae.yaml")
    Path manifestFile;

    @Option(names = "--suite", description = "run the reference suite: dense AE, conv AE, conv DAE, conv VAE")
    boolean suite;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the report as JSON to FILE")
    Path json;

    @Option(names = "--warmup", defaultValue = "50", description = "untimed steps first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--steps", defaultValue = "100", description = "steps per timed round (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--rounds", defaultValue = "5", description = "timed rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--ops", paramLabel = "STEPS", defaultValue = "0",
            description = "also time each engine op over STEPS steps and print the profile (default: none)")
    int opSteps;

    @Mixin
    ManifestOptions options;

    @Mixin
    PluginFolderOptions folders;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() {
        if (warmup < 0 || steps < 1 || rounds < 1 || opSteps < 0) {
            throw new UserError("--warmup and --ops must be >= 0, --steps and --rounds >= 1; found " + warmup + ", " + opSteps
                    + ", " + steps + ", " + rounds);
        }
        if (suite && manifestFile != null) {
            throw new UserError("--suite runs the shipped reference profiles; drop the manifest " + manifestFile
                    + " or --suite");
        }
        Map<String, String> machine = MachineInfo.describe();
        List<String> profiles = suite ? ReferenceSuite.MODELS.stream().map(ReferenceSuite.Entry::profile).toList()
                : List.of("bench-dense-ae.yaml");
        Session first = Session.manifest(suite ? null : manifestFile, profiles.get(0), options, folders, List.of());
        System.out.println(first.manifest.engineReport());
        try (Engine engine = first.injector().getInstance(Engine.class)) {
            return run(first, engine, profiles, machine);
        }
    }

    private int run(Session first, Engine engine, List<String> profiles, Map<String, String> machine) {
        ModelBench.Settings settings = new ModelBench.Settings(warmup, steps, rounds, opSteps);
        double sgemm = SgemmPeak.measure(engine, rounds, 100);
        System.out.printf(Locale.ROOT, "bench: engine %s %s; sgemm 128x784 by 784x512 float32: %.1f GFLOP/s%n",
                engine.name(), engine.properties(), sgemm);
        List<ModelFigures> figures = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            Session session = i == 0 ? first : first.another(first.home.profiles().resolve(profiles.get(i)), options);
            FlopCounter counter = new FlopCounter(engine);
            figures.add(ModelBench.run(session.manifest, session.injector(engine), session.injector(counter.engine()),
                    counter, settings, sgemm, pytorch(session), System.out));
        }
        BenchReport report = new BenchReport(machine, new LinkedHashMap<>(engine.properties()),
                settingsMap(), sgemm, figures);
        System.out.println();
        report.print(System.out);
        if (json != null) {
            try {
                report.writeJson(json);
            } catch (IOException e) {
                throw new UserError("--json: cannot write " + json.toAbsolutePath() + ": " + e);
            }
            System.out.println("wrote " + json);
        }
        return 0;
    }

    /** PyTorch's figure for a profile of the suite, 0 for any other manifest. */
    private double pytorch(Session session) {
        if (!suite && manifestFile != null) {
            return 0;
        }
        String name = session.manifest.source().getFileName().toString();
        return ReferenceSuite.MODELS.stream().filter(e -> e.profile().equals(name))
                .mapToDouble(ReferenceSuite.Entry::pytorchSamplesPerSecond).findFirst().orElse(0);
    }

    private Map<String, Integer> settingsMap() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("warmup", warmup);
        m.put("steps", steps);
        m.put("rounds", rounds);
        return m;
    }
}
