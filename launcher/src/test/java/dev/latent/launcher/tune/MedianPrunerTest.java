package dev.latent.launcher.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The median stopping rule on hand-made histories. */
class MedianPrunerTest {

    private static final List<List<Double>> COMPLETED = List.of(
            List.of(0.5, 0.25, 0.125, 0.0625),         // binary fractions, so that the medians are exact
            List.of(0.75, 0.5, 0.375, 0.25),
            List.of(0.625, 0.375, 0.25),               // stopped early after 3 epochs
            List.of(0.875, 0.625, 0.5, 0.375));

    private final MedianPruner pruner = new MedianPruner(3, 1);

    @Test
    void stopsATrialWhoseBestIsWorseThanTheMedianAtItsEpoch() {
        // epoch 2: the median of 0.25, 0.5, 0.375, 0.625 is 0.4375
        assertEquals(Optional.of("best 0.45 by epoch 2, worse than the median 0.4375 of 4 completed trials at"
                + " that epoch"), pruner.decide(List.of(0.9, 0.45), COMPLETED));
        assertEquals(Optional.empty(), pruner.decide(List.of(0.9, 0.43), COMPLETED));
        assertEquals(Optional.empty(), pruner.decide(List.of(0.9, 0.4375), COMPLETED), "equal to the median goes on");
        // epoch 4: only three completed trials reached it (0.0625, 0.25, 0.375); their median is 0.25
        assertEquals(Optional.of("best 0.26 by epoch 4, worse than the median 0.25 of 3 completed trials at"
                + " that epoch"), pruner.decide(List.of(0.9, 0.5, 0.4, 0.26), COMPLETED));
    }

    @Test
    void comparesTheBestValueSoFarNotTheLast() {
        // the last value 0.45 is worse than the median 0.3125 at epoch 3, but the trial reached 0.3 at epoch 2
        assertEquals(Optional.empty(), pruner.decide(List.of(0.9, 0.3, 0.45), COMPLETED));
        assertEquals(Optional.of("best 0.32 by epoch 3, worse than the median 0.3125 of 4 completed trials at"
                + " that epoch"), pruner.decide(List.of(0.9, 0.32, 0.45), COMPLETED));
    }

    @Test
    void waitsForTheWarmUpAndTheStartupTrials() {
        assertEquals(Optional.empty(), pruner.decide(List.of(5.0), COMPLETED), "epoch 1 is the warm-up");
        assertEquals(Optional.empty(), pruner.decide(List.of(5.0, 5.0), COMPLETED.subList(0, 2)), "2 of 3 trials");
        assertEquals(Optional.empty(), pruner.decide(List.of(5.0, 5.0, 5.0, 5.0, 5.0), COMPLETED), "none reached 5");
        assertEquals(Optional.of("its metric is NaN at every epoch up to 2"),
                pruner.decide(List.of(Double.NaN, Double.NaN), COMPLETED));
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, MedianPruner.median(new double[] {1, 2, 3, 4}));
        assertEquals(2.0, MedianPruner.median(new double[] {1, 2, 3}));
    }
}
