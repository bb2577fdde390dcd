package dev.latent.datasets;

import dev.latent.api.data.DataException;
import dev.latent.api.data.DataSplit;
import dev.latent.api.data.Dataset;
import dev.latent.api.data.DatasetContext;
import dev.latent.api.data.DatasetProvider;
import dev.latent.datasets.internal.IdxInput;
import dev.latent.datasets.internal.MnistFileSet;
import java.util.Arrays;

/**
 * The {@code mnist} dataset: MNIST, Fashion-MNIST or any set in their layout, read from the four
 * standard IDX files ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each raw or gzipped) with
 * {@link IdxReader}.
 *
 * <p>With an empty {@link MnistConfig#directory()} it loads the bundled subset
 * {@code mnist-subset}: 10,000 real MNIST digits (LeCun, Cortes, Burges; CC BY-SA 3.0), a
 * seeded, class-stratified split of 8,000 train and 2,000 test. Samples have the shape
 * {@code [1, rows, cols]} from the files ({@code [1, 28, 28]} for MNIST), values {@code v / 255}
 * in [0, 1], and carry their labels. The dataset is named after its folder.
 *
 * <p>Construction is free (no I/O); {@link #create} reads the files each time it is called and
 * may be called from any thread. Every fault is a {@link DataException} naming the file: a
 * missing file (with the full path and the expected names), a bad magic number, a truncated file,
 * a corrupt gzip stream (see {@link IdxReader}), a split without images, a label outside the
 * ten classes 0-9 (with its index and value), or an image file and label file that disagree on
 * their count.
 */
public final class MnistDatasetProvider implements DatasetProvider<MnistConfig> {

    /** The name manifests use. */
    public static final String NAME = "mnist";

    /** The bundled subset's name, also its resource folder next to this class. */
    public static final String BUNDLED_NAME = "mnist-subset";

    /** The number of classes: a label is a digit (MNIST) or a garment (Fashion-MNIST), 0-9. */
    public static final int CLASSES = 10;

    /** Creates the provider; it does nothing until {@link #create} is called. */
    public MnistDatasetProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "MNIST or Fashion-MNIST from the four IDX files (raw or gzipped); by default the"
                + " bundled 10,000-digit MNIST subset (LeCun, Cortes, Burges)";
    }

    @Override
    public Class<MnistConfig> configType() {
        return MnistConfig.class;
    }

    @Override
    public Dataset create(MnistConfig config, DatasetContext context) {
        MnistFileSet files = config.isBundled()
                ? MnistFileSet.bundled(MnistDatasetProvider.class, BUNDLED_NAME)
                : MnistFileSet.inFolder(context.resolve(config.directory()));
        DataSplit train = split(files.origin(), files.trainImages(), files.trainLabels(), config.trainLimit());
        DataSplit test = split(files.origin(), files.testImages(), files.testLabels(), config.testLimit());
        if (!Arrays.equals(train.sampleShape(), test.sampleShape())) {
            throw new DataException(files.origin(), files.trainImages().fileName() + " has images of shape "
                    + Arrays.toString(train.sampleShape()) + " but " + files.testImages().fileName()
                    + " has " + Arrays.toString(test.sampleShape()));
        }
        return new Dataset(files.datasetName(), train, test);
    }

    /** Reads one split; the labels first, as they are small and fail fast. */
    private static DataSplit split(String origin, IdxInput imageFile, IdxInput labelFile, int limit) {
        int[] labels = labelFile.read(IdxReader::readLabels);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= CLASSES) {
                throw new DataException(labelFile.name(), "label " + labels[i] + " at index " + i
                        + " is out of range; expected a class in 0-" + (CLASSES - 1));
            }
        }
        IdxImages images = imageFile.read((in, source) -> IdxReader.readImages(in, source, limit));
        if (images.fileCount() == 0) {
            throw new DataException(imageFile.name(), "header declares 0 images; expected at least one");
        }
        if (images.fileCount() != labels.length) {
            throw new DataException(origin, imageFile.fileName() + " has " + images.fileCount()
                    + " images but " + labelFile.fileName() + " has " + labels.length + " labels");
        }
        return new DataSplit(images.sampleShape(), images.pixels(), Arrays.copyOf(labels, images.count()));
    }
}
