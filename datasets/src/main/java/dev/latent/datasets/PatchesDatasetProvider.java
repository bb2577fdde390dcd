package dev.latent.datasets;

import dev.latent.api.config.Checks;
import dev.latent.api.data.DataException;
import dev.latent.api.data.DataSplit;
import dev.latent.api.data.Dataset;
import dev.latent.api.data.DatasetContext;
import dev.latent.api.data.DatasetProvider;
import dev.latent.datasets.internal.GreyImage;
import dev.latent.datasets.internal.PatchSampler;
import dev.latent.datasets.internal.PhotoReader;
import dev.latent.datasets.internal.PhotoSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The {@code patches} dataset: random square patches of locally contrast-normalised grey
 * photographs, the training data of predictive sparse decomposition in Torch's {@code unsup}
 * tutorial (Kavukcuoglu, Ranzato and LeCun 2008).
 *
 * <p>{@link #create} reads every PNG and JPEG photograph of {@link PatchesConfig#directory()} (or
 * the bundled set {@code natural-images}: six CC0 and public-domain photographs, see its
 * {@code README.md}) in file-name order, turns each into grey levels in [0, 1] (ITU-R BT.601 luma,
 * see {@link dev.latent.datasets.internal.PhotoReader}), normalises each with
 * {@link LocalContrastNormalization} ({@code kernelSize}), and draws patches of
 * {@code patchSize x patchSize} from the normalised images, skipping those whose standard
 * deviation is below {@code minStd}. The last {@code testImages} photographs are held out: the
 * test patches come from them only and the training patches from the others only, so no test
 * patch overlaps a training patch. Samples have the shape {@code [1, patchSize, patchSize]} (one
 * channel, as the {@code mnist} dataset's {@code [1, 28, 28]}), carry no labels, and are not in
 * [0, 1]: after normalisation they have mean about 0 and standard deviation about 1.
 *
 * <p>The patches are drawn with {@link SplittableRandom}s derived from the run's seed
 * ({@link DatasetContext#seed()}): the same photographs, settings and seed give the same patches.
 * How many draws were rejected as flat is logged at INFO through {@link System.Logger}.
 *
 * <p>Construction is free (no I/O); {@link #create} reads the files each time it is called and
 * may be called from any thread. Every fault is a {@link DataException} naming the file or folder:
 * a missing folder, a folder with no PNG or JPEG, an unreadable, empty, truncated or corrupt image,
 * a photograph too small for one patch (with its size), too few photographs to hold some out, or
 * patches that are all (or nearly all) flat.
 */
public final class PatchesDatasetProvider implements DatasetProvider<PatchesConfig> {

    /** The name manifests use. */
    public static final String NAME = "patches";

    /** The bundled set's name, also its resource folder next to this class. */
    public static final String BUNDLED_NAME = "natural-images";

    /** The bundled photographs, in file-name order; the last is the held-out test photograph. */
    public static final List<String> BUNDLED_FILES = List.of(
            "astronaut.jpg", "brick.png", "camera.png", "coffee.png", "grass.png", "gravel.png");

    /**
     * Mixed into the run's seed so that the patch draws and the trainer's shuffles, which start
     * from the same seed, are independent streams.
     */
    private static final long SALT = 0x6A09E667F3BCC909L;

    private static final System.Logger LOG = System.getLogger(PatchesDatasetProvider.class.getName());

    /** Creates the provider; it does nothing until {@link #create} is called. */
    public PatchesDatasetProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "random patches of locally contrast-normalised grey PNG/JPEG photographs, flat ones skipped;"
                + " by default the bundled natural-image set (CC0 and public domain)";
    }

    @Override
    public Class<PatchesConfig> configType() {
        return PatchesConfig.class;
    }

    @Override
    public Dataset create(PatchesConfig config, DatasetContext context) {
        PhotoSet photos = config.isBundled()
                ? PhotoSet.bundled(PatchesDatasetProvider.class, BUNDLED_NAME, BUNDLED_FILES)
                : PhotoSet.inFolder(context.resolve(config.directory()));
        int n = photos.photos().size();
        if (n <= config.testImages()) {
            throw new DataException(photos.origin(), "holds " + n + " photograph" + (n == 1 ? "" : "s")
                    + ", but testImages " + config.testImages() + " holds out the last " + config.testImages()
                    + " for the test patches and at least one more is needed for training");
        }
        LocalContrastNormalization lcn = new LocalContrastNormalization(config.kernelSize());
        List<GreyImage> normalised = photos.photos().stream()
                .map(PhotoReader::read)
                .map(image -> normalise(image, lcn, config.patchSize()))
                .toList();
        List<GreyImage> trainImages = normalised.subList(0, n - config.testImages());
        List<GreyImage> testImages = normalised.subList(n - config.testImages(), n);
        SplittableRandom root = new SplittableRandom(context.seed() ^ SALT);
        SplittableRandom trainRandom = root.split();
        SplittableRandom testRandom = root.split();
        PatchSampler.Result train = PatchSampler.sample(trainImages, config.patchSize(), config.trainPatches(),
                config.minStd(), trainRandom, "training", photos.origin());
        PatchSampler.Result test = PatchSampler.sample(testImages, config.patchSize(), config.testPatches(),
                config.minStd(), testRandom, "test", photos.origin());
        LOG.log(System.Logger.Level.INFO, () -> String.format(Locale.ROOT,
                "%s: %d training patches of %dx%d from %s, %s; %d test patches from %s, %s",
                photos.origin(), train.count(), config.patchSize(), config.patchSize(), names(trainImages),
                rejections(train, config.minStd()), test.count(), names(testImages), rejections(test, config.minStd())));
        int[] shape = {1, config.patchSize(), config.patchSize()};
        return new Dataset(photos.datasetName(), new DataSplit(shape, train.values(), new int[0]),
                new DataSplit(shape, test.values(), new int[0]));
    }

    /**
     * The image's local contrast normalisation.
     *
     * @throws DataException naming the photograph when no patch fits into the normalised image
     */
    private static GreyImage normalise(GreyImage image, LocalContrastNormalization lcn, int patchSize) {
        int k = lcn.kernelSize();
        int least = patchSize + k - 1;
        if (image.width() < least || image.height() < least) {
            throw new DataException(image.name(), "is " + image.width() + "x" + image.height() + " pixels, too small for"
                    + " patchSize " + patchSize + " with kernelSize " + k + ": local contrast normalisation keeps"
                    + " only the pixels whose whole " + k + "x" + k + " window is inside the photograph, so it needs"
                    + " at least " + least + "x" + least + " pixels");
        }
        return image.withPixels(image.width() - k + 1, image.height() - k + 1,
                lcn.apply(image.pixels(), image.width(), image.height()));
    }

    private static String names(List<GreyImage> images) {
        return String.join(", ", images.stream().map(GreyImage::fileName).toList());
    }

    private static String rejections(PatchSampler.Result r, double minStd) {
        return String.format(Locale.ROOT, "%d of %d draws rejected as flat (std < %s, %.1f %%)",
                r.rejected(), r.drawn(), Checks.format(minStd), 100.0 * r.rejected() / r.drawn());
    }
}
