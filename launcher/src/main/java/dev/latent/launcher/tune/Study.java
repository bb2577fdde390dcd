package dev.latent.launcher.tune;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latent.launcher.config.TuneConfig;
import dev.latent.launcher.config.TuneSettings;
import dev.latent.launcher.UserError;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A hyperparameter search in its folder: trials drawn one after another by the manifest's
 * sampler, each trained by the {@link Objective} into {@code trial-NNN/}, stopped early by the
 * median pruner when it lags, and recorded in {@code trials.jsonl} and {@code trials.csv} as it
 * finishes ({@link TrialLedger}).
 *
 * <p>Resuming: the recorded trials are read back and the search goes on from the next number;
 * since the sampler is a function of the seed, the number and the recorded trials, a resumed
 * search draws exactly what an uninterrupted one would have. A {@code trial-NNN} folder with no
 * record is a trial that was interrupted: it is deleted and trained again. A running search
 * holds a lock on {@code tune.lock}, so that a second one in the same folder is refused.
 */
public final class Study {

    /** The file a running search holds a lock on. */
    static final String LOCK = "tune.lock";
    private static final Pattern TRIAL_FOLDER = Pattern.compile("trial-(\\d{1,9})");

    private final Path folder;
    private final TuneConfig config;
    private final Sampler sampler;
    private final Optional<MedianPruner> pruner;
    private final Objective objective;
    private final PrintStream out;
    private final TrialTable table;

    /** A study in {@code folder} (created if absent) with the sampler and pruner {@code config} names, seeded. */
    public Study(Path folder, TuneConfig config, long seed, Objective objective, PrintStream out) {
        this.folder = folder;
        this.config = config;
        TuneSettings s = config.settings();
        this.sampler = s.sampler().equals(TuneSettings.RANDOM) ? new RandomSampler(config.space(), seed)
                : new TpeSampler(config.space(), seed, s.startupTrials(), s.gamma(), s.candidates());
        this.pruner = s.pruning().equals(TuneSettings.MEDIAN)
                ? Optional.of(new MedianPruner(s.pruningStartupTrials(), s.pruningWarmupEpochs())) : Optional.empty();
        this.objective = objective;
        this.out = out;
        this.table = new TrialTable(s.metric(), List.copyOf(config.space().keySet()));
    }

    /** The trials recorded so far in {@code folder}. */
    public static List<TrialRecord> recorded(Path folder) throws IOException {
        return TrialLedger.read(folder);
    }

    /** The completed trial with the lowest value (the first on a tie), if any completed. */
    public static Optional<TrialRecord> best(List<TrialRecord> trials) {
        return TrialTable.best(trials);
    }

    /** The folder of trial {@code number}: {@code trial-001}. */
    public Path trialFolder(int number) {
        return folder.resolve(String.format(Locale.ROOT, "trial-%03d", number));
    }

    /**
     * Runs trials until {@code trials} are recorded (none when that many already are) and
     * returns every recorded trial.
     */
    public List<TrialRecord> run(int trials) throws IOException {
        Files.createDirectories(folder);
        try (FileChannel lock = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (!locked(lock)) {
                throw new UserError("another latent tune is running in " + folder + "; wait for it to end or stop it"
                        + " (two searches in one folder would train the same trials)");
            }
            return runLocked(trials);
        }
    }

    /** Takes the search's lock, which the operating system releases when the process ends however it ends. */
    private static boolean locked(FileChannel channel) throws IOException {
        try {
            return channel.tryLock() != null;
        } catch (OverlappingFileLockException e) {
            return false;                                     // held by this process
        }
    }

    private List<TrialRecord> runLocked(int trials) throws IOException {
        List<TrialRecord> history = new ArrayList<>(TrialLedger.read(folder));
        if (!history.isEmpty()) {
            out.printf("%d of %d trials recorded in %s%s%n", history.size(), trials, folder,
                    history.size() < trials ? "; going on from trial " + (history.size() + 1) : "");
        }
        removeUnrecorded(history.size());
        while (history.size() < trials) {
            TrialRecord t = trial(history.size() + 1, history);
            history.add(t);
            TrialLedger.write(folder, history, table);
            out.println(line(t, trials));
        }
        TrialLedger.write(folder, history, table);
        return history;
    }

    /** The printed table of {@code trials}, the best marked. */
    public List<String> table(List<TrialRecord> trials) {
        return table.lines(trials);
    }

    private TrialRecord trial(int number, List<TrialRecord> history) throws IOException {
        Map<String, JsonNode> params = sampler.sample(number, List.copyOf(history));
        List<List<Double>> completed = history.stream().filter(t -> t.state() == TrialState.COMPLETE)
                .map(TrialRecord::curve).toList();
        List<Double> curve = new ArrayList<>();
        long start = System.nanoTime();
        Objective.Reporter reporter = (epoch, value, last) -> {
            if (epoch != curve.size() + 1) {
                throw new IllegalStateException("epoch " + epoch + " reported after " + curve.size() + " epochs");
            }
            curve.add(value);
            Optional<String> stop = last ? Optional.empty() : pruner.flatMap(p -> p.decide(curve, completed));
            if (stop.isPresent()) {
                throw new TrialPruned(stop.get());
            }
        };
        try {
            Objective.Outcome o = objective.run(number, params, trialFolder(number), reporter);
            if (o.savedEpoch() < 1 || o.savedEpoch() > curve.size()) {
                throw new IllegalStateException("trial " + number + " saved epoch " + o.savedEpoch() + " of "
                        + curve.size() + " reported");
            }
            return new TrialRecord(number, TrialState.COMPLETE, params, curve.get(o.savedEpoch() - 1), o.testLoss(),
                    curve, seconds(start), "");
        } catch (TrialPruned p) {
            return new TrialRecord(number, TrialState.PRUNED, params, curve.get(curve.size() - 1), Double.NaN, curve,
                    seconds(start), "pruned at epoch " + curve.size() + ": " + p.getMessage());
        } catch (TrialFailed f) {
            return new TrialRecord(number, TrialState.FAILED, params, Double.NaN, Double.NaN, curve, seconds(start),
                    f.getMessage());
        }
    }

    private String line(TrialRecord t, int trials) {
        String settings = String.join(", ", t.params().entrySet().stream()
                .map(e -> e.getKey() + "=" + TrialTable.value(e.getValue())).toList());
        String result = switch (t.state()) {
            case COMPLETE -> config.settings().metric() + " " + TrialTable.number(t.value());
            case PRUNED, FAILED -> t.note();
        };
        return String.format(Locale.ROOT, "trial %d/%d %s (%.1f s): %s; %s", t.number(), trials, t.state().word(),
                t.seconds(), result, settings);
    }

    /** Deletes the folders of trials numbered above {@code recorded}: trials that were interrupted. */
    private void removeUnrecorded(int recorded) throws IOException {
        List<Path> stale;
        try (Stream<Path> entries = Files.list(folder)) {
            stale = entries.filter(p -> {
                var m = TRIAL_FOLDER.matcher(p.getFileName().toString());
                return Files.isDirectory(p) && m.matches() && Integer.parseInt(m.group(1)) > recorded;
            }).sorted().toList();
        }
        for (Path p : stale) {
            out.println("note: " + p + " holds a trial that was interrupted; training it again");
            try (Stream<Path> all = Files.walk(p)) {
                for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
