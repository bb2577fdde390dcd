package dev.latent.launcher.train;

import java.util.SplittableRandom;

/** Seeded Fisher-Yates shuffles of sample indices: the same seed gives the same order everywhere. */
public final class SeededPermutation {

    private SeededPermutation() {
    }

    /** 0, 1, ..., n - 1 in a random order drawn from {@code random}. */
    public static int[] of(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        shuffle(a, random);
        return a;
    }

    /** Shuffles {@code a} in place (Fisher-Yates: each of the n! orders equally likely). */
    public static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
