package dev.latent.datasets;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;

/**
 * The configuration of the {@code patches} dataset: where the photographs are, how they are
 * normalised and how many patches of which size are cut from them.
 *
 * <p>Validated when constructed; every bad value is reported at once as a
 * {@link dev.latent.api.config.ConfigException} naming the key, the value and what is allowed. A
 * {@code null} directory (an empty YAML value) means the bundled photographs, as the empty string
 * does.
 *
 * @param directory    a folder of PNG and JPEG photographs, relative to the manifest's folder;
 *                     empty for the bundled set
 * @param patchSize    the side of the square patches, in pixels
 * @param kernelSize   the side of the Gaussian window of the local contrast normalisation, odd
 * @param trainPatches how many training patches to draw
 * @param testPatches  how many test patches to draw
 * @param testImages   how many photographs, the last in file-name order, are held out: test
 *                     patches come only from them and training patches never do
 * @param minStd       patches whose standard deviation after normalisation is below this are
 *                     skipped as flat; 0 keeps every patch
 */
public record PatchesConfig(
        @Setting(value = "folder of PNG and JPEG photographs (its top level), relative to the manifest;"
                + " empty for the bundled natural-image set", defaultValue = "")
        String directory,
        @Setting(value = "side of the square patches, in pixels (>= 2)", defaultValue = "9")
        int patchSize,
        @Setting(value = "side of the Gaussian window of the local contrast normalisation, odd (>= 3);"
                + " sigma = 1.591 * kernelSize / 9", defaultValue = "9")
        int kernelSize,
        @Setting(value = "number of training patches drawn (>= 1)", defaultValue = "100000")
        int trainPatches,
        @Setting(value = "number of test patches drawn (>= 1)", defaultValue = "10000")
        int testPatches,
        @Setting(value = "number of photographs, the last in file-name order, held out for the test"
                + " patches (>= 1); the others give the training patches", defaultValue = "1")
        int testImages,
        @Setting(value = "skip patches whose standard deviation after normalisation is below this"
                + " (>= 0; 0 keeps all)", defaultValue = "0.2")
        double minStd) {

    /** The most values a split may hold: the length of a Java array. */
    static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    public PatchesConfig {
        directory = directory == null ? "" : directory.strip();
        Checks.of()
                .that(MnistConfig.pathFault(directory) == null, "directory", "cannot be a folder name: " + MnistConfig.pathFault(directory))
                .atLeast("patchSize", patchSize, 2)
                .that(kernelSize >= 3 && kernelSize % 2 == 1, "kernelSize",
                        "must be an odd number >= 3, found " + kernelSize)
                .atLeast("trainPatches", trainPatches, 1)
                .atLeast("testPatches", testPatches, 1)
                .atLeast("testImages", testImages, 1)
                .that(Double.isFinite(minStd) && minStd >= 0, "minStd", "must be >= 0, found " + Checks.format(minStd))
                .that(fits(trainPatches, patchSize), "trainPatches", tooMany(trainPatches, patchSize))
                .that(fits(testPatches, patchSize), "testPatches", tooMany(testPatches, patchSize))
                .done();
    }

    /** The bundled photographs with every default. */
    public static PatchesConfig defaults() {
        return new PatchesConfig("", 9, 9, 100_000, 10_000, 1, 0.2);
    }

    /** Whether this configuration names the bundled photographs rather than a folder. */
    public boolean isBundled() {
        return directory.isEmpty();
    }

    private static boolean fits(int patches, int size) {
        return patches < 1 || size < 2 || (long) patches * size * size <= MAX_VALUES;
    }

    private static String tooMany(int patches, int size) {
        return "is " + patches + ", but " + patches + " patches of " + size + "x" + size + " pixels exceed the "
                + MAX_VALUES + " values a split can hold";
    }
}
