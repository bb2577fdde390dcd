package dev.latent.datasets;

import static dev.latent.datasets.IdxReaderTest.assertFault;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.data.DataSplit;
import dev.latent.api.data.Dataset;
import dev.latent.api.data.DatasetContext;
import dev.latent.api.data.DatasetProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchesDatasetProviderTest {

    private static final PatchesDatasetProvider PROVIDER = new PatchesDatasetProvider();

    @TempDir
    Path dir;

    private Dataset load(PatchesConfig config, long seed) {
        return PROVIDER.create(config, new DatasetContext(dir, seed));
    }

    private static PatchesConfig config(String directory, int patchSize, int train, int test, double minStd) {
        return new PatchesConfig(directory, patchSize, 9, train, test, 1, minStd);
    }

    @Test
    @SuppressWarnings("rawtypes") // a class literal of the generic SPI; only the provider type is looked at
    void isFoundByServiceLoaderUnderItsName() {
        PatchesDatasetProviderTest.class.getModule().addUses(DatasetProvider.class);
        assertTrue(ServiceLoader.load(DatasetProvider.class).stream()
                .anyMatch(p -> p.type() == PatchesDatasetProvider.class && p.get().name().equals("patches")));
        assertEquals(PatchesConfig.class, PROVIDER.configType());
    }

    @Test
    void theShippedPhotographsLoadWithTheDefaultsAsOneChannelNineByNinePatches() {
        long start = System.nanoTime();
        Dataset patches = load(PatchesConfig.defaults(), 42);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("[datasets] natural-images (6 photographs): read, normalised and 110,000 patches cut in "
                + millis + " ms");
        assertEquals("natural-images", patches.name());
        assertEquals(100_000, patches.train().count());
        assertEquals(10_000, patches.test().count());
        assertArrayEquals(new int[] {1, 9, 9}, patches.train().sampleShape());
        assertArrayEquals(new int[] {1, 9, 9}, patches.test().sampleShape());
        assertFalse(patches.train().hasLabels());
        for (DataSplit split : new DataSplit[] {patches.train(), patches.test()}) {
            float[] v = values(split);
            double sum = 0;
            for (int i = 0; i < split.count(); i++) {
                assertTrue(std(v, i * 81, 81) >= 0.2, "patch " + i + " is flat");
                for (int j = 0; j < 81; j++) {
                    sum += v[i * 81 + j];
                }
            }
            // normalised photographs: values about zero, not in [0, 1]
            assertEquals(0, sum / v.length, 0.1, "mean value");
        }
    }

    @Test
    void theBundledFolderHoldsEveryListedPhotographAndItsAttributionUnder1point5Megabytes() throws IOException {
        long bytes = 0;
        String readme = resource("README.md");
        for (String file : PatchesDatasetProvider.BUNDLED_FILES) {
            try (InputStream in = PatchesDatasetProvider.class.getResourceAsStream("natural-images/" + file)) {
                assertTrue(in != null, file + " is not bundled");
                bytes += in.readAllBytes().length;
            }
            assertTrue(readme.contains("`" + file + "`"), "README.md does not name " + file);
        }
        assertTrue(bytes < 1_500_000, "the bundled photographs take " + bytes + " bytes");
        assertTrue(readme.contains("CC0") && readme.contains("public domain"));
    }

    @Test
    void theSameSeedGivesTheSamePatchesAndAnotherSeedOthers() {
        writeNoise(dir.resolve("set"), 3);
        PatchesConfig config = config("set", 9, 500, 100, 0.2);
        Dataset a = load(config, 7);
        Dataset b = load(config, 7);
        Dataset c = load(config, 8);
        assertArrayEquals(values(a.train()), values(b.train()));
        assertArrayEquals(values(a.test()), values(b.test()));
        assertFalse(Arrays.equals(values(a.train()), values(c.train())));
        assertFalse(Arrays.equals(values(a.test()), values(c.test())));
    }

    @Test
    void testPatchesComeOnlyFromTheHeldOutPhotographs() {
        // training photographs of horizontal stripes, a held-out one of vertical stripes: after
        // normalisation a training patch is constant along its rows, a test patch along its columns
        Path set = dir.resolve("stripes");
        PhotoFixtures.png(set.resolve("a.png"), PhotoFixtures.grey(64, 48, (x, y) -> (y * 37) % 200));
        PhotoFixtures.png(set.resolve("b.png"), PhotoFixtures.grey(50, 70, (x, y) -> (y * 53) % 230));
        PhotoFixtures.png(set.resolve("c.png"), PhotoFixtures.grey(60, 60, (x, y) -> (x * 41) % 210));
        Dataset d = load(config("stripes", 5, 300, 200, 0.2), 1);
        float[] train = values(d.train());
        float[] test = values(d.test());
        for (int i = 0; i < train.length; i++) {
            assertEquals(train[i - i % 5], train[i], 1e-5f, "training value " + i);
        }
        for (int i = 0; i < test.length; i++) {
            int patchStart = i - i % 25;
            assertEquals(test[patchStart + i % 5], test[i], 1e-5f, "test value " + i);
        }
    }

    @Test
    void flatPatchesAreSkipped() {
        // textured on the left third, flat elsewhere: most positions are flat
        Path set = dir.resolve("half");
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (String name : new String[] {"a.png", "b.png"}) {
            PhotoFixtures.png(set.resolve(name), PhotoFixtures.grey(90, 40, (x, y) -> x < 30 ? random.nextInt(256) : 90));
        }
        float[] kept = values(load(config("half", 9, 2000, 100, 0.2), 3).train());
        for (int i = 0; i < 2000; i++) {
            assertTrue(std(kept, i * 81, 81) >= 0.2, "patch " + i);
        }
        float[] all = values(load(config("half", 9, 2000, 100, 0), 3).train());
        int zero = 0;
        for (int i = 0; i < 2000; i++) {
            zero += std(all, i * 81, 81) < 1e-6 ? 1 : 0;
        }
        // the normalised image is 82 wide, so a patch has 74 left edges; from 30 on it is all zeros
        assertEquals(2000 * 44.0 / 74, zero, 70, "all-zero patches kept with minStd 0");
    }

    @Test
    void photographsThatAreAllFlatAreRefused() {
        Path set = dir.resolve("flat");
        PhotoFixtures.png(set.resolve("a.png"), PhotoFixtures.grey(30, 30, (x, y) -> 120));
        PhotoFixtures.png(set.resolve("b.png"), PhotoFixtures.grey(30, 30, (x, y) -> 7));
        PhotoFixtures.png(set.resolve("c.png"), PhotoFixtures.noise(30, 30, 1));
        assertFault(() -> load(config("flat", 9, 10, 10, 0.2), 0), set.toString(),
                "every one of the 1000000 9x9 training patches drawn from a.png, b.png was flat: its standard"
                        + " deviation after local contrast normalisation was below minStd 0.2; lower minStd or use"
                        + " photographs with more texture");
    }

    @Test
    void aPhotographTooSmallForOnePatchIsNamedWithItsSize() {
        Path set = dir.resolve("small");
        PhotoFixtures.png(set.resolve("a.png"), PhotoFixtures.noise(40, 40, 1));
        PhotoFixtures.png(set.resolve("tiny.png"), PhotoFixtures.noise(20, 16, 2));
        PhotoFixtures.png(set.resolve("z.png"), PhotoFixtures.noise(40, 40, 3));
        assertFault(() -> load(config("small", 9, 10, 10, 0.2), 0), set.resolve("tiny.png") + ": is 20x16 pixels,"
                + " too small for patchSize 9 with kernelSize 9: local contrast normalisation keeps only the pixels"
                + " whose whole 9x9 window is inside the photograph, so it needs at least 17x17 pixels");
    }

    @Test
    void foldersWithoutPhotographsOrWithTooFewAreRefused() throws IOException {
        Path text = Files.createDirectories(dir.resolve("text"));
        Files.writeString(text.resolve("notes.txt"), "no pictures here");
        Files.createDirectories(text.resolve("sub"));
        assertFault(() -> load(config("text", 9, 10, 10, 0.2), 0), text + ": holds no PNG or JPEG photographs"
                + " (*.png, *.jpg, *.jpeg); found 1 other file: notes.txt");
        assertFault(() -> load(config("missing", 9, 10, 10, 0.2), 0),
                dir.resolve("missing") + ": folder not found; expected a folder of PNG or JPEG photographs");
        Path one = dir.resolve("one");
        PhotoFixtures.png(one.resolve("only.png"), PhotoFixtures.noise(40, 40, 1));
        assertFault(() -> load(config("one", 9, 10, 10, 0.2), 0), one + ": holds 1 photograph, but testImages 1"
                + " holds out the last 1 for the test patches and at least one more is needed for training");
    }

    private void writeNoise(Path folder, int n) {
        for (int i = 0; i < n; i++) {
            PhotoFixtures.png(folder.resolve("noise-" + i + ".png"), PhotoFixtures.noise(48, 40, i));
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PatchesDatasetProvider.class.getResourceAsStream("natural-images/" + name)) {
            assertTrue(in != null, name + " is not bundled");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static float[] values(DataSplit split) {
        int[] order = new int[split.count()];
        Arrays.setAll(order, i -> i);
        float[] v = new float[split.count() * split.sampleSize()];
        split.copySamples(order, 0, split.count(), v);
        return v;
    }

    /** The unbiased standard deviation, computed here independently of the sampler. */
    static double std(float[] v, int from, int n) {
        double mean = 0;
        for (int i = from; i < from + n; i++) {
            mean += v[i] / (double) n;
        }
        double squares = 0;
        for (int i = from; i < from + n; i++) {
            squares += (v[i] - mean) * (v[i] - mean);
        }
        return Math.sqrt(squares / (n - 1));
    }
}
