package dev.latent.datasets;

import static dev.latent.datasets.IdxReaderTest.assertFault;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.List;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDatasetProviderTest {

    private static final MnistDatasetProvider PROVIDER = new MnistDatasetProvider();

    @TempDir
    Path dir;

    private DatasetContext context() {
        return new DatasetContext(dir, 0);
    }

    @Test
    @SuppressWarnings("rawtypes") // a class literal of the generic SPI; only the provider type is looked at
    void isFoundByServiceLoaderUnderItsName() {
        // On the module path the test classes are patched into dev.latent.datasets, which
        // declares no 'uses' of its own; a module may add that to itself at run time.
        MnistDatasetProviderTest.class.getModule().addUses(DatasetProvider.class);
        assertTrue(ServiceLoader.load(DatasetProvider.class).stream()
                .anyMatch(p -> p.type() == MnistDatasetProvider.class && p.get().name().equals("mnist")));
        assertTrue(PROVIDER.description().contains("MNIST") && PROVIDER.description().contains("IDX"));
        assertEquals(MnistConfig.class, PROVIDER.configType());
    }

    @Test
    void theServicesFileListsTheProviderForClassPathUsers() throws IOException {
        try (InputStream in = MnistDatasetProvider.class.getResourceAsStream(
                "/META-INF/services/dev.latent.api.data.DatasetProvider")) {
            assertTrue(in != null, "META-INF/services file missing");
            assertEquals(List.of(MnistDatasetProvider.class.getName(), PatchesDatasetProvider.class.getName()),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().lines().toList());
        }
    }

    @Test
    void theBundledSubsetHas8000TrainAnd2000TestDigitsInTheRecordedClassCounts() throws IOException {
        Dataset mnist = PROVIDER.create(MnistConfig.bundled(), context());
        assertEquals("mnist-subset", mnist.name());
        assertEquals(8000, mnist.train().count());
        assertEquals(2000, mnist.test().count());
        assertArrayEquals(new int[] {1, 28, 28}, mnist.train().sampleShape());
        assertArrayEquals(new int[] {1, 28, 28}, mnist.test().sampleShape());
        assertValuesInUnitInterval(mnist.train());
        assertValuesInUnitInterval(mnist.test());
        String split = bundledSplitJson();
        assertArrayEquals(jsonIntArray(split, "per_class_train"), classCounts(mnist.train()));
        assertArrayEquals(jsonIntArray(split, "per_class_test"), classCounts(mnist.test()));
    }

    @Test
    void limitsKeepTheFirstSamplesOfEachSplit() {
        Dataset all = PROVIDER.create(MnistConfig.bundled(), context());
        Dataset few = PROVIDER.create(new MnistConfig("", 100, 7), context());
        assertEquals(100, few.train().count());
        assertEquals(7, few.test().count());
        assertArrayEquals(samples(all.train(), 100), samples(few.train(), 100));
        for (int i = 0; i < 7; i++) {
            assertEquals(all.test().label(i), few.test().label(i));
        }
    }

    @Test
    void rawFilesInAFolderResolvedAgainstTheManifestReadLikeTheBundledOnes() throws IOException {
        IdxFixtures.writeBundledRaw(dir.resolve("raw-mnist"));
        Dataset raw = PROVIDER.create(new MnistConfig("raw-mnist", 0, 0), context());
        Dataset bundled = PROVIDER.create(MnistConfig.bundled(), context());
        assertEquals("raw-mnist", raw.name());
        assertEquals(8000, raw.train().count());
        assertArrayEquals(samples(bundled.train(), 8000), samples(raw.train(), 8000));
        assertArrayEquals(classCounts(bundled.test()), classCounts(raw.test()));
    }

    @Test
    void fashionMnistReadsIfPresent() {
        Path folder = Path.of("/work/shared/data/fashion-mnist");
        assumeTrue(Files.isDirectory(folder), "no Fashion-MNIST at " + folder);
        long start = System.nanoTime();
        Dataset fashion = PROVIDER.create(new MnistConfig(folder.toString(), 0, 0), context());
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("[datasets] Fashion-MNIST, 70,000 gzipped images, read in " + millis + " ms");
        assertEquals("fashion-mnist", fashion.name());
        assertEquals(60000, fashion.train().count());
        assertEquals(10000, fashion.test().count());
        assertArrayEquals(new int[] {1, 28, 28}, fashion.train().sampleShape());
        assertArrayEquals(new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000},
                classCounts(fashion.train()));
        assertValuesInUnitInterval(fashion.test());
    }

    @Test
    void anImageAndLabelCountMismatchNamesBothFiles() throws IOException {
        Path folder = dir.resolve("mismatch");
        IdxFixtures.writeBundledRaw(folder);
        byte[] labels = Files.readAllBytes(folder.resolve("train-labels-idx1-ubyte"));
        int[] fewer = new int[7999];
        for (int i = 0; i < fewer.length; i++) {
            fewer[i] = labels[8 + i];
        }
        Files.write(folder.resolve("train-labels-idx1-ubyte"), IdxFixtures.labels(fewer));
        assertFault(() -> PROVIDER.create(new MnistConfig(folder.toString(), 10, 0), context()),
                folder.toString(),
                "train-images-idx3-ubyte has 8000 images but train-labels-idx1-ubyte has 7999 labels");
    }

    @Test
    void missingFilesAreListedWithTheirFullPathsAndTheExpectedNames() throws IOException {
        Path folder = dir.resolve("partial");
        IdxFixtures.writeBundledRaw(folder);
        Files.delete(folder.resolve("t10k-images-idx3-ubyte"));
        Files.delete(folder.resolve("train-labels-idx1-ubyte"));
        assertFault(() -> PROVIDER.create(new MnistConfig("partial", 0, 0), context()),
                folder.resolve("t10k-images-idx3-ubyte").toString(),
                folder.resolve("train-labels-idx1-ubyte").toString(),
                "train-images-idx3-ubyte[.gz]", "train-labels-idx1-ubyte[.gz]",
                "t10k-images-idx3-ubyte[.gz]", "t10k-labels-idx1-ubyte[.gz]");
    }

    @Test
    void aMissingFolderIsNamed() {
        assertFault(() -> PROVIDER.create(new MnistConfig("no-such-folder", 0, 0), context()),
                dir.resolve("no-such-folder").toString(), "folder not found", "train-images-idx3-ubyte[.gz]");
    }

    @Test
    void aBadFileInAFolderIsNamedByItsFullPath() throws IOException {
        Path folder = dir.resolve("bad");
        IdxFixtures.writeBundledRaw(folder);
        Files.write(folder.resolve("t10k-labels-idx1-ubyte"), IdxFixtures.images(2, 2, 2));
        assertFault(() -> PROVIDER.create(new MnistConfig("bad", 0, 0), context()),
                folder.resolve("t10k-labels-idx1-ubyte").toString(), "bad magic number 0x00000803");
    }

    @Test
    void splitsOfDifferentImageSizesAreRejected() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("sizes"));
        Files.write(folder.resolve("train-images-idx3-ubyte"), IdxFixtures.images(2, 28, 28));
        Files.write(folder.resolve("train-labels-idx1-ubyte.gz"), IdxFixtures.gzip(IdxFixtures.labels(1, 2)));
        Files.write(folder.resolve("t10k-images-idx3-ubyte"), IdxFixtures.images(1, 32, 32));
        Files.write(folder.resolve("t10k-labels-idx1-ubyte"), IdxFixtures.labels(3));
        assertFault(() -> PROVIDER.create(new MnistConfig("sizes", 0, 0), context()),
                "train-images-idx3-ubyte has images of shape [1, 28, 28] but t10k-images-idx3-ubyte has [1, 32, 32]");
    }

    private static void assertValuesInUnitInterval(DataSplit split) {
        float[] values = samples(split, split.count());
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min, "darkest pixel");
        assertEquals(1f, max, "brightest pixel");
    }

    private static float[] samples(DataSplit split, int n) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        float[] values = new float[n * split.sampleSize()];
        split.copySamples(order, 0, n, values);
        return values;
    }

    private static int[] classCounts(DataSplit split) {
        int[] counts = new int[10];
        for (int i = 0; i < split.count(); i++) {
            counts[split.label(i)]++;
        }
        return counts;
    }

    private static String bundledSplitJson() throws IOException {
        try (InputStream in = MnistDatasetProvider.class.getResourceAsStream("mnist-subset/SPLIT.json")) {
            assertTrue(in != null, "SPLIT.json is not bundled");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int[] jsonIntArray(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\\[([^\\]]*)]").matcher(json);
        assertTrue(m.find(), key + " not in SPLIT.json");
        return Arrays.stream(m.group(1).split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
    }
}
