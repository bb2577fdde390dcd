package dev.latent.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.launcher.LatentProcess.Result;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PSD profiles from the assembled distribution, shrunk: {@code psd-patches.yaml} trains on
 * the bundled photographs with the diagonal-Hessian SGD and writes its filter grids,
 * {@code latent bench-psd} times its encoder against FISTA and compares its curve with a plain
 * SGD run's, and {@code conv-psd.yaml} trains and writes its filters.
 */
class PsdIT {

    private static final Path DIST = Path.of(System.getProperty("latent.dist", "target/dist")).toAbsolutePath();
    private static final String SMALL = "--set dataset.trainPatches=1000 --set dataset.testPatches=200"
            + " --set training.filterSnapshots=[0,1000]";
    private static final Pattern RATIO = Pattern.compile("(?m)^speed ratio FISTA / encoder: (\\d+)x \\(median of 1 rounds each\\)$");
    private static final Pattern ERROR = Pattern.compile(
            "(?m)^relative code error \\|\\|z~ - z\\*\\|\\| / \\|\\|z\\*\\|\\|: ([0-9.]+); z\\* has ([0-9.]+) % zeros$");

    @TempDir
    Path work;
    @TempDir
    Path logs;

    private Result latent(String... args) throws Exception {
        return LatentProcess.run(DIST, work, logs, args);
    }

    private Result train(String profile, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("train", DIST.resolve("profiles").resolve(profile).toString(),
                "--no-progress"));
        args.addAll(List.of(SMALL.trim().split(" ")));
        args.addAll(List.of(extra));
        Result r = latent(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.out() + r.err());
        return r;
    }

    private Path newestRun() throws Exception {
        try (Stream<Path> s = Files.list(work.resolve("runs"))) {
            return s.max(java.util.Comparator.comparing(Path::toString)).orElseThrow();
        }
    }

    private static void assertGrid(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " is a readable image");
        assertTrue(image.getWidth() > 20 && image.getHeight() > 20, png + ": " + image.getWidth() + "x" + image.getHeight());
    }

    @Test
    void linearPsdTrainsWritesFiltersAndBenchPsdComparesCodersAndCurves() throws Exception {
        Result hessian = train("psd-patches.yaml");
        assertTrue(hessian.out().contains("curvature: a diagonal-Hessian estimate over 500 training samples"), hessian.out());
        Path run = newestRun();
        for (String grid : List.of("encoder-0", "encoder-1000", "dictionary-0", "dictionary-1000")) {
            assertGrid(run.resolve("filters").resolve(grid + ".png"));
        }

        Result bench = latent("bench-psd", run.toString(), "--rounds", "1", "--batch", "100");
        assertEquals(0, bench.exit(), bench.out() + bench.err());
        assertTrue(bench.out().contains("inference on 200 test samples of " + run + ", batch 100, engine cpu"), bench.out());
        assertTrue(bench.out().matches("(?s).*FISTA z\\* from zero: [0-9.]+ s \\(\\d+ samples/s\\), [0-9.]+ iterations per"
                + " batch.*"), bench.out());
        Matcher ratio = RATIO.matcher(bench.out());
        assertTrue(ratio.find() && Integer.parseInt(ratio.group(1)) >= 1, bench.out());
        Matcher error = ERROR.matcher(bench.out());
        assertTrue(error.find(), bench.out());
        double relative = Double.parseDouble(error.group(1));
        assertTrue(relative > 0 && relative < 1, "the encoder predicts the codes better than z~ = 0 would: " + relative);

        Result zero = latent("bench-psd", run.toString(), "--batch", "0");
        assertEquals(2, zero.exit(), zero.out() + zero.err());
        assertEquals("error: --batch must be >= 1, found 0\n", zero.err());

        // plain SGD as the baseline: the same data, the curvature estimates off
        train("psd-patches.yaml", "--set", "optimizer.curvature={}", "--set", "optimizer.learningRate=0.032");
        Path plain = newestRun();
        Result curves = latent("bench-psd", run.toString(), "--baseline", plain.toString(), "--no-inference");
        assertEquals(0, curves.exit(), curves.out() + curves.err());
        assertTrue(curves.out().matches("(?s).*samples   test loss RUN  test loss RUN2\\n\\s+1000\\s+[0-9.]+\\s+[0-9.]+\\n.*"),
                curves.out());
        assertTrue(curves.out().contains("RUN2's loss after 1000 samples"), curves.out());
    }

    @Test
    void convPsdTrainsAndWritesItsFilters() throws Exception {
        train("conv-psd.yaml");
        Path run = newestRun();
        for (String grid : List.of("encoder-0", "encoder-1000", "dictionary-0", "dictionary-1000")) {
            assertGrid(run.resolve("filters").resolve(grid + ".png"));
        }
    }
}
