package dev.latent.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.datasets.internal.GreyImage;
import dev.latent.datasets.internal.PatchSampler;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PatchSamplerTest {

    /** Two normalised images, flat (zero) but for a textured block in one corner. */
    private static final List<GreyImage> IMAGES = List.of(image("a", 40, 30, 11), image("b", 25, 50, 12));

    @Test
    void keptPatchesAreExactlyTheNonFlatDrawsOfTheSameStreamAndTheRestAreCountedAsRejected() {
        int size = 6;
        int n = size * size;
        PatchSampler.Result every = PatchSampler.sample(IMAGES, size, 4000, 0, new SplittableRandom(9), "training", "set");
        assertEquals(4000, every.drawn());
        assertEquals(0, every.rejected());
        float[] expected = new float[4000 * n];
        int k = 0;
        int lastUsed = -1;
        for (int i = 0; i < 4000 && k < 500; i++) {
            if (PatchesDatasetProviderTest.std(every.values(), i * n, n) >= 0.3) {
                System.arraycopy(every.values(), i * n, expected, k * n, n);
                k++;
                lastUsed = i;
            }
        }
        assertEquals(500, k, "the unfiltered stream has 500 patches above 0.3");
        PatchSampler.Result kept = PatchSampler.sample(IMAGES, size, 500, 0.3, new SplittableRandom(9), "training", "set");
        assertArrayEquals(Arrays.copyOf(expected, 500 * n), kept.values());
        assertEquals(lastUsed + 1, kept.drawn(), "draws");
        assertEquals(lastUsed + 1 - 500, kept.rejected(), "rejected draws");
        assertTrue(kept.rejected() > 500, "most positions are flat: " + kept.rejected());
    }

    @Test
    void everyPositionOfEveryImageCanBeDrawn() {
        // each image's values encode their position, so a patch's first value says where it was cut
        GreyImage a = positions("a", 7, 5, 0);
        GreyImage b = positions("b", 4, 6, 1000);
        PatchSampler.Result r = PatchSampler.sample(List.of(a, b), 3, 20_000, 0, new SplittableRandom(1), "test", "set");
        boolean[] seen = new boolean[2000];
        for (int i = 0; i < r.count(); i++) {
            seen[(int) r.values()[i * 9]] = true;
        }
        int count = 0;
        for (boolean s : seen) {
            count += s ? 1 : 0;
        }
        // (7 - 2) (5 - 2) = 15 positions in a, (4 - 2) (6 - 2) = 8 in b, and no others
        assertEquals(23, count);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 5; x++) {
                assertTrue(seen[y * 7 + x], "a at " + x + "," + y);
            }
        }
    }

    private static GreyImage image(String name, int w, int h, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[w * h];
        for (int y = 0; y < h / 2; y++) {
            for (int x = 0; x < w / 2; x++) {
                v[y * w + x] = (float) random.nextGaussian();
            }
        }
        return new GreyImage(name, name + ".png", w, h, v);
    }

    private static GreyImage positions(String name, int w, int h, int offset) {
        float[] v = new float[w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = offset + i;
        }
        return new GreyImage(name, name + ".png", w, h, v);
    }
}
