package dev.latent.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.data.DataException;
import dev.latent.api.data.Dataset;
import dev.latent.api.data.DatasetContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes the IDX reader and the {@code mnist} provider with mutations of small valid files: bit
 * flips, bytes set, inserted and deleted, truncations, header fields set to edge values, random
 * tails, gzip wrapping and corruption of the compressed bytes. Every case either loads (and then
 * what it loads is consistent with its header) or fails with a {@link DataException} whose
 * message starts with the file's name; anything else (an unchecked exception from inside, an
 * {@link OutOfMemoryError} from a declared count) fails the property with the input that caused
 * it. The seeds are fixed, so a run is reproducible; each case reads at most a few hundred bytes,
 * so the run time is bounded by the number of tries.
 */
class IdxFuzzTest {

    private static final byte[] IMAGES = IdxFixtures.images(3, 4, 4);
    private static final byte[] LABELS = IdxFixtures.labels(1, 7, 3);
    private static final String IMAGES_SOURCE = "fuzz/train-images-idx3-ubyte";
    private static final String LABELS_SOURCE = "fuzz/train-labels-idx1-ubyte";
    /** Header values that sit on the edges of what the reader checks. */
    private static final int[] EDGE_INTS = {0, 1, 2, 3, 4, 16, 255, 256, 65536, 1 << 24, 100_000_000, 0x7FFFFFF7,
        Integer.MAX_VALUE, Integer.MIN_VALUE, -1, IdxReader.IMAGES_MAGIC, IdxReader.LABELS_MAGIC, 0x1F8B0800};

    private static Path folder;

    @BeforeContainer
    static void makeFolder() throws IOException {
        folder = Files.createTempDirectory("latent-idx-fuzz");
    }

    @AfterContainer
    static void removeFolder() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Property(tries = 4000, seed = "1010", generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.BOUNDED)
    void mutatedImageFilesLoadOrFailWithADataException(@ForAll("images") Mutated file,
                                                       @ForAll @IntRange(max = 4) int limit) {
        IdxImages images;
        try {
            images = IdxReader.readImages(new ByteArrayInputStream(file.bytes()), IMAGES_SOURCE, limit);
        } catch (DataException e) {
            assertNamesTheSource(e, IMAGES_SOURCE);
            return;
        }
        int size = images.rows() * images.cols();
        assertEquals(limit == 0 ? images.fileCount() : Math.min(limit, images.fileCount()), images.count());
        assertEquals((long) images.count() * size, images.pixels().length);
        for (float v : images.pixels()) {
            assertTrue(v >= 0 && v <= 1, "pixel " + v);
        }
    }

    @Property(tries = 3000, seed = "2020", generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.BOUNDED)
    void mutatedLabelFilesLoadOrFailWithADataException(@ForAll("labels") Mutated file) {
        int[] labels;
        try {
            labels = IdxReader.readLabels(new ByteArrayInputStream(file.bytes()), LABELS_SOURCE);
        } catch (DataException e) {
            assertNamesTheSource(e, LABELS_SOURCE);
            return;
        }
        for (int label : labels) {
            assertTrue(label >= 0 && label <= 255, "label " + label);
        }
    }

    /** One of the four files of an MNIST-layout folder mutated, read from disk through the provider. */
    @Property(tries = 1000, seed = "3030", generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.BOUNDED)
    void aFolderWithOneMutatedFileLoadsOrFailsWithADataException(@ForAll @IntRange(max = 3) int role,
            @ForAll("anyFile") Mutated file, @ForAll @IntRange(max = 5) int trainLimit,
            @ForAll @IntRange(max = 3) int testLimit) throws IOException {
        Path mnist = folder.resolve("mnist");
        MalformedIdxTest.writeValidSet(mnist);
        Files.write(mnist.resolve(IdxFixtures.BASE_NAMES[role]), file.bytes());
        Dataset dataset;
        try {
            dataset = new MnistDatasetProvider().create(new MnistConfig(mnist.toString(), trainLimit, testLimit),
                    new DatasetContext(folder, 0));
        } catch (DataException e) {
            assertNamesTheSource(e, mnist.toString());
            return;
        }
        assertTrue(dataset.train().count() > 0 && dataset.test().count() > 0);
        for (int i = 0; i < dataset.train().count(); i++) {
            assertTrue(dataset.train().label(i) >= 0 && dataset.train().label(i) < MnistDatasetProvider.CLASSES);
        }
    }

    /** Every truncation of a valid file, raw and gzipped: none of them loads. */
    @Example
    void everyTruncationFailsWithADataException() {
        for (boolean images : new boolean[] {true, false}) {
            byte[] valid = images ? IMAGES : LABELS;
            String source = images ? IMAGES_SOURCE : LABELS_SOURCE;
            for (byte[] full : List.of(valid, IdxFixtures.gzip(valid))) {
                for (int length = 0; length < full.length; length++) {
                    ByteArrayInputStream in = new ByteArrayInputStream(Arrays.copyOf(full, length));
                    DataException e = assertThrows(DataException.class, () -> {
                        if (images) {
                            IdxReader.readImages(in, source, 0);
                        } else {
                            IdxReader.readLabels(in, source);
                        }
                    }, "a file cut to " + length + " of " + full.length + " bytes loaded");
                    assertNamesTheSource(e, source);
                }
            }
        }
    }

    /** Every single-bit flip of the raw image file either loads or fails with a DataException. */
    @Example
    void everyBitFlipOfTheImageFileLoadsOrFails() {
        for (int bit = 0; bit < IMAGES.length * 8; bit++) {
            byte[] flipped = IMAGES.clone();
            flipped[bit / 8] ^= (byte) (1 << bit % 8);
            try {
                IdxImages read = IdxReader.readImages(new ByteArrayInputStream(flipped), IMAGES_SOURCE, 0);
                assertFalse(bit < 32, "a file with a flipped magic number loaded");
                assertEquals(read.count() * read.rows() * read.cols(), read.pixels().length);
            } catch (DataException e) {
                assertNamesTheSource(e, IMAGES_SOURCE);
            }
        }
    }

    private static void assertNamesTheSource(DataException e, String source) {
        assertTrue(e.getMessage().startsWith(source) && e.getMessage().length() > source.length() + 2,
                "the message does not start with " + source + ": " + e.getMessage());
    }

    /** A file's bytes with how they were made, which is what a failing property reports. */
    record Mutated(String how, byte[] bytes) {
        @Override
        public String toString() {
            return how + " -> " + bytes.length + " bytes " + Arrays.toString(Arrays.copyOf(bytes, Math.min(bytes.length, 96)));
        }
    }

    /** One change to a file's bytes, named for the report. */
    record Mutation(String name, UnaryOperator<byte[]> change) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Provide
    Arbitrary<Mutated> images() {
        return mutated(IMAGES);
    }

    @Provide
    Arbitrary<Mutated> labels() {
        return mutated(LABELS);
    }

    @Provide
    Arbitrary<Mutated> anyFile() {
        return Arbitraries.oneOf(mutated(IMAGES), mutated(LABELS), mutated(IdxFixtures.images(2, 3, 3)),
                mutated(IdxFixtures.labels(8, 9)));
    }

    /** {@code valid}, raw or gzipped, then up to four mutations, then possibly gzipped (again). */
    private static Arbitrary<Mutated> mutated(byte[] valid) {
        Arbitrary<byte[]> start = Arbitraries.of(valid, IdxFixtures.gzip(valid));
        return Combinators.combine(start, mutation().list().ofMaxSize(4), Arbitraries.integers().between(0, 9))
                .as((bytes, mutations, wrap) -> {
                    byte[] b = bytes;
                    StringBuilder how = new StringBuilder(bytes == valid ? "raw" : "gzipped");
                    for (Mutation m : mutations) {
                        b = m.change().apply(b);
                        how.append(", ").append(m);
                    }
                    if (wrap == 0) {
                        b = IdxFixtures.gzip(b);
                        how.append(", gzipped");
                    }
                    return new Mutated(how.toString(), b);
                });
    }

    private static Arbitrary<Mutation> mutation() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 1 << 16);
        Arbitrary<Integer> anyInt = Arbitraries.oneOf(Arbitraries.of(Arrays.stream(EDGE_INTS).boxed().toList()),
                Arbitraries.integers());
        Arbitrary<byte[]> junk = Arbitraries.bytes().array(byte[].class).ofMaxSize(48);
        return Arbitraries.oneOf(
                Combinators.combine(at, Arbitraries.integers().between(0, 7)).as((i, bit) -> new Mutation(
                        "flip bit " + bit + " of byte " + i, b -> edit(b, c -> c[i % c.length] ^= (byte) (1 << bit)))),
                Combinators.combine(at, Arbitraries.bytes()).as((i, v) -> new Mutation(
                        "set byte " + i + " to " + v, b -> edit(b, c -> c[i % c.length] = v))),
                at.map(i -> new Mutation("truncate at " + i, b -> Arrays.copyOf(b, i % (b.length + 1)))),
                Combinators.combine(at, junk).as((i, j) -> new Mutation(
                        "insert " + Arrays.toString(j) + " at " + i, b -> splice(b, i % (b.length + 1), 0, j))),
                Combinators.combine(at, Arbitraries.integers().between(1, 32)).as((i, n) -> new Mutation(
                        "delete " + n + " bytes at " + i, b -> splice(b, i % (b.length + 1), n, new byte[0]))),
                Combinators.combine(Arbitraries.integers().between(0, 3), anyInt).as((field, v) -> new Mutation(
                        "header field " + field + " = " + v, b -> setInt(b, 4 * field, v))),
                junk.map(j -> new Mutation("append " + Arrays.toString(j), b -> splice(b, b.length, 0, j))),
                junk.map(j -> new Mutation("replace by " + Arrays.toString(j), b -> j.clone())),
                Arbitraries.just(new Mutation("gzip", IdxFixtures::gzip)));
    }

    /** A copy of {@code b} changed by {@code change}; an empty file stays empty. */
    private static byte[] edit(byte[] b, Consumer<byte[]> change) {
        byte[] c = b.clone();
        if (c.length > 0) {
            change.accept(c);
        }
        return c;
    }

    /** {@code b} with {@code delete} bytes at {@code at} replaced by {@code insert}. */
    private static byte[] splice(byte[] b, int at, int delete, byte[] insert) {
        int end = Math.min(b.length, at + delete);
        byte[] out = new byte[at + insert.length + b.length - end];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, end, out, at + insert.length, b.length - end);
        return out;
    }

    /** {@code b} with the big-endian int at {@code at} set to {@code v}, grown to hold it. */
    private static byte[] setInt(byte[] b, int at, int v) {
        byte[] c = Arrays.copyOf(b, Math.max(b.length, at + 4));
        ByteBuffer.wrap(c).putInt(at, v);
        return c;
    }

}
