package dev.latent.launcher.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.latent.launcher.UserError;
import dev.latent.launcher.config.SearchRange;
import dev.latent.launcher.config.TuneConfig;
import dev.latent.launcher.config.TuneSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A search with a fake objective: recording, resuming, interrupted trials, pruning and failures. */
class StudyTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private static TuneConfig config(String sampler, String pruning) {
        Map<String, SearchRange> space = new LinkedHashMap<>();
        space.put("optimizer.learningRate", new SearchRange.LogUniform(1e-4, 1e-1));
        space.put("training.batchSize", new SearchRange.Choice(List.of(IntNode.valueOf(32), IntNode.valueOf(64))));
        return new TuneConfig(new TuneSettings("validation_loss", 20, sampler, 4, 0.25, 24, pruning, 3, 1), space);
    }

    /**
     * A fake training: 4 epochs whose metric falls from 2f to f * (1 + 1/4), f = (log10 lr + 2)^2 + 0.1
     * (+0.05 for batch 64); it fails for lr above 0.05 and records the trials it was called for.
     */
    private static final class Fake implements Objective {
        final List<Integer> called = new ArrayList<>();
        int killAt = -1;

        @Override
        public Outcome run(int number, Map<String, JsonNode> params, Path folder, Reporter reporter) throws IOException {
            assertFalse(Files.exists(folder), folder + " exists before its trial");
            Files.createDirectories(folder);
            called.add(number);
            double lr = params.get("optimizer.learningRate").doubleValue();
            double f = Math.pow(Math.log10(lr) + 2, 2) + 0.1 + (params.get("training.batchSize").intValue() == 64 ? 0.05 : 0);
            for (int epoch = 1; epoch <= 4; epoch++) {
                if (number == killAt && epoch == 2) {
                    throw new IllegalStateException("killed");
                }
                if (lr > 0.05 && epoch == 2) {
                    throw new TrialFailed("training diverged at step 40", null);
                }
                reporter.epochEnded(epoch, f * (1 + 1.0 / epoch), epoch == 4);
            }
            return new Outcome(4, f * 1.3);
        }
    }

    /** The records without their timings, which differ between runs. */
    private static List<String> untimed(List<TrialRecord> trials) {
        return trials.stream().map(t -> t.number() + " " + t.state() + " " + t.params() + " " + t.value() + " "
                + t.testLoss() + " " + t.curve() + " " + t.note()).toList();
    }

    @Test
    void recordsEveryTrialInTheLedgerAndTheTable() throws IOException {
        Fake fake = new Fake();
        List<TrialRecord> trials = new Study(dir, config("random", "none"), 42, fake, out).run(3);
        assertEquals(List.of(1, 2, 3), fake.called);
        assertEquals(trials, Study.recorded(dir));
        List<String> csv = Files.readAllLines(dir.resolve("trials.csv"));
        assertEquals("trial,state,validation_loss,test_loss,epochs,seconds,optimizer.learningRate,training.batchSize,note",
                csv.get(0));
        assertEquals(4, csv.size());
        for (TrialRecord t : trials) {
            String[] cells = csv.get(t.number()).split(",", -1);
            assertEquals(Integer.toString(t.number()), cells[0]);
            assertEquals(t.state().word(), cells[1]);
            if (t.state() == TrialState.COMPLETE) {
                assertEquals(t.value(), Double.parseDouble(cells[2]), 1e-5 * t.value());
            } else {
                assertEquals("", cells[2]);
            }
            assertEquals(t.params().get("optimizer.learningRate").doubleValue(), Double.parseDouble(cells[6]),
                    1e-5 * Double.parseDouble(cells[6]));
            assertEquals(t.params().get("training.batchSize").asText(), cells[7]);
            assertEquals(t.state() == TrialState.COMPLETE ? 4 : 1, t.epochs());
        }
        assertTrue(printed.toString().contains("trial 3/3 "), printed.toString());
    }

    @Test
    void aResumedSearchRunsOnlyTheTrialsNotRecordedAndDrawsWhatAnUninterruptedOneDraws() throws IOException {
        Path whole = dir.resolve("whole");
        Path parts = dir.resolve("parts");
        List<TrialRecord> uninterrupted = new Study(whole, config("tpe", "median"), 7, new Fake(), out).run(9);
        Fake first = new Fake();
        new Study(parts, config("tpe", "median"), 7, first, out).run(5);
        Fake second = new Fake();
        List<TrialRecord> resumed = new Study(parts, config("tpe", "median"), 7, second, out).run(9);
        assertEquals(List.of(1, 2, 3, 4, 5), first.called);
        assertEquals(List.of(6, 7, 8, 9), second.called);
        assertEquals(untimed(uninterrupted), untimed(resumed));
        Fake third = new Fake();
        assertEquals(untimed(resumed), untimed(new Study(parts, config("tpe", "median"), 7, third, out).run(9)));
        assertEquals(List.of(), third.called, "all 9 recorded: nothing to run");
        assertTrue(printed.toString().contains("5 of 9 trials recorded in " + parts + "; going on from trial 6"));
    }

    @Test
    void aTrialInterruptedMidwayIsTrainedAgain() throws IOException {
        Path whole = dir.resolve("whole");
        Path parts = dir.resolve("parts");
        List<TrialRecord> uninterrupted = new Study(whole, config("tpe", "median"), 3, new Fake(), out).run(7);
        Fake killed = new Fake();
        killed.killAt = 6;
        Study study = new Study(parts, config("tpe", "median"), 3, killed, out);
        assertThrows(IllegalStateException.class, () -> study.run(7));
        assertEquals(5, Study.recorded(parts).size());
        assertTrue(Files.isDirectory(study.trialFolder(6)));
        Fake again = new Fake();
        List<TrialRecord> resumed = new Study(parts, config("tpe", "median"), 3, again, out).run(7);
        assertEquals(List.of(6, 7), again.called);
        assertEquals(untimed(uninterrupted), untimed(resumed));
        assertTrue(printed.toString().contains("note: " + study.trialFolder(6)
                + " holds a trial that was interrupted; training it again"), printed.toString());
    }

    @Test
    void aSecondSearchInTheSameFolderIsRefusedWhileTheFirstRuns() throws IOException {
        Objective nested = (number, params, folder, reporter) -> {
            UserError e = assertThrows(UserError.class, () -> new Study(dir, config("random", "none"), 1, new Fake(), out).run(2));
            assertEquals("another latent tune is running in " + dir + "; wait for it to end or stop it (two searches in"
                    + " one folder would train the same trials)", e.getMessage());
            reporter.epochEnded(1, 0.5, true);
            return new Objective.Outcome(1, 0.5);
        };
        assertEquals(1, new Study(dir, config("random", "none"), 1, nested, out).run(1).size());
        assertEquals(2, new Study(dir, config("random", "none"), 1, new Fake(), out).run(2).size(), "released at the end");
    }

    @Test
    void laggingTrialsArePrunedAndFailingOnesRecordedWhileTheSearchGoesOn() throws IOException {
        List<TrialRecord> trials = new Study(dir, config("random", "median"), 11, new Fake(), out).run(20);
        List<TrialRecord> pruned = trials.stream().filter(t -> t.state() == TrialState.PRUNED).toList();
        List<TrialRecord> failed = trials.stream().filter(t -> t.state() == TrialState.FAILED).toList();
        List<TrialRecord> complete = trials.stream().filter(t -> t.state() == TrialState.COMPLETE).toList();
        assertFalse(pruned.isEmpty(), untimed(trials).toString());
        assertFalse(failed.isEmpty(), untimed(trials).toString());
        for (TrialRecord t : pruned) {
            assertTrue(t.epochs() >= 2 && t.epochs() < 4, "pruned after the warm-up epoch: " + t);
            assertEquals(t.curve().get(t.epochs() - 1), t.value());
            assertTrue(t.note().startsWith("pruned at epoch " + t.epochs() + ": best "), t.note());
        }
        for (TrialRecord t : failed) {
            assertTrue(t.params().get("optimizer.learningRate").doubleValue() > 0.05);
            assertEquals("training diverged at step 40", t.note());
            assertTrue(Double.isNaN(t.value()));
        }
        // the first three completed trials are never pruned (pruningStartupTrials: 3)
        assertTrue(trials.stream().filter(t -> t.state() != TrialState.FAILED).limit(3)
                .allMatch(t -> t.state() == TrialState.COMPLETE));
        for (TrialRecord t : complete) {
            assertEquals(4, t.epochs());
            assertEquals(t.curve().get(3), t.value());
        }
        TrialRecord best = Study.best(trials).orElseThrow();
        assertEquals(complete.stream().mapToDouble(TrialRecord::value).min().orElseThrow(), best.value());
        List<String> table = new Study(dir, config("random", "median"), 11, new Fake(), out).table(trials);
        assertEquals(" trial  state     validation_loss  test_loss  epochs  seconds  optimizer.learningRate  training.batchSize",
                table.get(0));
        assertTrue(table.get(best.number()).startsWith("*" + best.number() + " "), table.get(best.number()));
    }
}
