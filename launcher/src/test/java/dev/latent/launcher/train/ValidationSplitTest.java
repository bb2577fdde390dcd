package dev.latent.launcher.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.config.ConfigException;
import dev.latent.api.data.DataSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The validation split: seeded, disjoint, of the right sizes, with every label beside its sample. */
class ValidationSplitTest {

    /** n samples of shape [1, 3]; sample i is (i, -i, i + 0.5) and its label is 1000 + i. */
    private static DataSplit numbered(int n, boolean labelled) {
        float[] values = new float[n * 3];
        for (int i = 0; i < n; i++) {
            values[3 * i] = i;
            values[3 * i + 1] = -i;
            values[3 * i + 2] = i + 0.5f;
        }
        return new DataSplit(new int[] {1, 3}, values, labelled ? IntStream.range(1000, 1000 + n).toArray() : new int[0]);
    }

    /** The original indices of a side's samples, checking each sample's values and label against each other. */
    private static List<Integer> indices(DataSplit side) {
        float[] row = new float[3];
        List<Integer> out = new ArrayList<>();
        for (int s = 0; s < side.count(); s++) {
            side.copySamples(new int[] {s}, 0, 1, row);
            int i = (int) row[0];
            assertArrayEquals(new float[] {i, -i, i + 0.5f}, row, "sample " + s + " is whole");
            if (side.hasLabels()) {
                assertEquals(1000 + i, side.label(s), "the label follows its sample");
            }
            out.add(i);
        }
        return out;
    }

    @Test
    void sidesAreDisjointCoverTheSplitAndHaveTheRoundedSizes() {
        DataSplit split = numbered(2000, true);
        ValidationSplit v = ValidationSplit.of(split, 0.1, 42);
        assertEquals(1800, v.train().count());
        assertEquals(200, v.validation().orElseThrow().count());
        List<Integer> train = indices(v.train());
        List<Integer> validation = indices(v.validation().orElseThrow());
        TreeSet<Integer> all = new TreeSet<>(train);
        all.addAll(validation);
        assertEquals(2000, all.size(), "disjoint, and together every sample");
        assertEquals(0, all.first());
        assertEquals(1999, all.last());
        assertEquals(new TreeSet<>(train).stream().toList(), train, "each side keeps the dataset's order");
        assertEquals(new TreeSet<>(validation).stream().toList(), validation);
        assertArrayEquals(new int[] {1, 3}, v.train().sampleShape());
        assertArrayEquals(new int[] {1, 3}, v.validation().orElseThrow().sampleShape());

        assertEquals(2, ValidationSplit.of(numbered(7, true), 0.25, 1).validation().orElseThrow().count(),
                "round(0.25 * 7) = round(1.75) = 2");
        assertEquals(1, ValidationSplit.of(numbered(10, true), 0.149, 1).validation().orElseThrow().count());
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        DataSplit split = numbered(1000, true);
        List<Integer> first = indices(ValidationSplit.of(split, 0.2, 42).validation().orElseThrow());
        List<Integer> again = indices(ValidationSplit.of(split, 0.2, 42).validation().orElseThrow());
        List<Integer> other = indices(ValidationSplit.of(split, 0.2, 43).validation().orElseThrow());
        assertEquals(first, again);
        assertNotEquals(first, other);
        assertEquals(200, other.size());
        assertNotEquals(IntStream.range(0, 200).boxed().toList(), first, "a random draw, not the first samples");
    }

    @Test
    void theDrawIsSpreadOverTheSplit() {
        // 500 of 5000: each tenth of the dataset should hold about 50 (a binomial, sd ~ 6.7)
        List<Integer> drawn = indices(ValidationSplit.of(numbered(5000, false), 0.1, 7).validation().orElseThrow());
        int[] perTenth = new int[10];
        drawn.forEach(i -> perTenth[i / 500]++);
        for (int count : perTenth) {
            assertTrue(count > 20 && count < 80, java.util.Arrays.toString(perTenth));
        }
    }

    @Test
    void unlabelledSplitsStayUnlabelled() {
        ValidationSplit v = ValidationSplit.of(numbered(50, false), 0.5, 3);
        assertFalse(v.train().hasLabels());
        assertFalse(v.validation().orElseThrow().hasLabels());
        assertEquals(25, indices(v.train()).size());
    }

    @Test
    void fractionZeroTrainsOnTheWholeSplitWithoutCopying() {
        DataSplit split = numbered(10, true);
        ValidationSplit v = ValidationSplit.of(split, 0, 42);
        assertSame(split, v.train());
        assertTrue(v.validation().isEmpty());
    }

    @Test
    void aFractionThatLeavesASideEmptyIsAConfigurationProblem() {
        ConfigException tooSmall = assertThrows(ConfigException.class, () -> ValidationSplit.of(numbered(100, true), 0.001, 42));
        assertEquals("validationFraction is 0.001, which sets aside 0 of the 100 training samples; at least one must go"
                + " to validation and one to training", tooSmall.problems().get(0).toString());
        ConfigException tooLarge = assertThrows(ConfigException.class, () -> ValidationSplit.of(numbered(100, true), 0.999, 42));
        assertEquals("validationFraction is 0.999, which sets aside 100 of the 100 training samples; at least one must go"
                + " to validation and one to training", tooLarge.problems().get(0).toString());
        assertThrows(IllegalArgumentException.class, () -> ValidationSplit.of(numbered(10, true), 1, 42));
    }
}
