package dev.latent.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {

    @Test
    void suggestsTheClosestNameWithinTwoEdits() {
        List<String> names = List.of("adagrad", "adam", "adamw", "lbfgs", "rmsprop", "sgd");
        assertEquals(Optional.of("adam"), DidYouMean.closest("adamx", names));
        assertEquals(Optional.of("sgd"), DidYouMean.closest("sdg", names));
        assertEquals(Optional.empty(), DidYouMean.closest("newton", names));
        assertEquals("; did you mean 'training'?", DidYouMean.hint("trainng", List.of("seed", "training")));
        assertEquals("", DidYouMean.hint("x", List.of()));
    }

    @Test
    void distanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, DidYouMean.distance("adam", "adam"));
        assertEquals(1, DidYouMean.distance("adam", "adamw"));
        assertEquals(2, DidYouMean.distance("sdg", "sgd"));
        assertEquals(3, DidYouMean.distance("kitten", "sitting"));
    }
}
