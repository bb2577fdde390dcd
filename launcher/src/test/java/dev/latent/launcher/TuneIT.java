package dev.latent.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.launcher.LatentProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code latent tune} from the assembled distribution: a small search, its files, and resuming it. */
class TuneIT {

    private static final Path DIST = Path.of(System.getProperty("latent.dist", "target/dist")).toAbsolutePath();
    private static final String SMALL = "extends: default\n"
            + "dataset: {name: mnist, trainLimit: 500, testLimit: 100}\n"
            + "model: {hidden: [32], code: 8}\n"
            + "training: {epochs: 2, validationFraction: 0.2, keepCheckpoints: 0, pictures: 0}\n"
            + "tune:\n  sampler: random\n  pruning: none\n  space:\n"
            + "    optimizer.learningRate: {logUniform: [1e-4, 1e-2]}\n"
            + "    model.activation: {choice: [relu, tanh]}\n";

    @TempDir
    Path work;
    @TempDir
    Path logs;

    private Result latent(String... args) throws Exception {
        return LatentProcess.run(DIST, work, logs, args);
    }

    @Test
    void searchesWritesTheTableAndTheBestManifestAndResumesWithoutRepeatingTrials() throws Exception {
        Path manifest = Files.writeString(work.resolve("small.yaml"), SMALL);
        Result first = latent("tune", manifest.toString(), "--trials", "2");
        assertEquals(0, first.exit(), first.out() + first.err());
        Path folder = work.resolve("runs/tune-small");
        assertTrue(first.out().contains("search runs/tune-small: 2 trials, random sampler, pruning none, minimising"
                + " validation_loss"), first.out());
        List<String> csv = Files.readAllLines(folder.resolve("trials.csv"));
        assertEquals("trial,state,validation_loss,test_loss,epochs,seconds,optimizer.learningRate,model.activation,note",
                csv.get(0));
        assertEquals(3, csv.size(), csv::toString);
        assertTrue(csv.get(1).startsWith("1,complete,") && csv.get(2).startsWith("2,complete,"), csv::toString);
        for (String trial : List.of("trial-001", "trial-002")) {
            assertTrue(Files.isRegularFile(folder.resolve(trial).resolve("summary.json")), trial);
            assertEquals(2, Files.readAllLines(folder.resolve(trial).resolve("metrics.jsonl")).size(), trial);
        }
        String best = Files.readString(folder.resolve("best.yaml"));
        assertTrue(!best.contains("tune") && best.contains("learningRate"), best);
        assertTrue(first.out().contains("2 complete; wrote runs/tune-small/trials.csv"), first.out());

        // an interrupted third trial left its folder; resuming trains it again and keeps trials 1 and 2
        Files.createDirectories(folder.resolve("trial-003"));
        Files.writeString(folder.resolve("trial-003/metrics.jsonl"), "{\"epoch\": 1}\n");
        Result resumed = latent("tune", "--resume", folder.toString(), "--trials", "3");
        assertEquals(0, resumed.exit(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("2 of 3 trials recorded in " + folder + "; going on from trial 3"), resumed.out());
        assertTrue(resumed.out().contains("note: " + folder.resolve("trial-003") + " holds a trial that was interrupted;"
                + " training it again"), resumed.out());
        assertTrue(!resumed.out().contains("trial 1/3") && resumed.out().contains("trial 3/3 complete"), resumed.out());
        List<String> after = Files.readAllLines(folder.resolve("trials.csv"));
        assertEquals(csv.subList(0, 3), after.subList(0, 3));
        assertEquals(4, after.size());
        assertEquals(2, Files.readAllLines(folder.resolve("trial-003/metrics.jsonl")).size());

        // the same command again finds the search done; a changed manifest is another search
        Result again = latent("tune", manifest.toString(), "--trials", "3");
        assertEquals(0, again.exit(), again.out() + again.err());
        assertTrue(again.out().contains("3 of 3 trials recorded in runs/tune-small\n"), again.out());
        Result changed = latent("tune", manifest.toString(), "--set", "training.epochs=3");
        assertEquals(2, changed.exit(), changed.out() + changed.err());
        assertEquals("error: runs/tune-small holds a search of another manifest (training.epochs: 2 -> 3); continue"
                + " that one with --resume runs/tune-small, or start another with --name\n", changed.err());

        // training ignores the section
        Result train = latent("train", manifest.toString(), "--epochs", "1");
        assertEquals(0, train.exit(), train.out() + train.err());
        assertTrue(train.out().contains("note: training ignores the manifest's tune section; latent tune searches it"),
                train.out());
    }
}
