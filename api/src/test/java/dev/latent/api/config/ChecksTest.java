package dev.latent.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void numbersAreFormattedAsAUserWritesThem() {
        assertEquals("3", Checks.format(3.0));
        assertEquals("-2", Checks.format(-2));
        assertEquals("1.2", Checks.format(1.2));
        assertEquals("0.0001", Checks.format(1e-4));
        assertEquals("-0.0054", Checks.format(-0.0054));
        assertEquals("1.0E-9", Checks.format(1e-9));
        assertEquals("NaN", Checks.format(Double.NaN));
        assertEquals("Infinity", Checks.format(Double.POSITIVE_INFINITY));
    }

    @Test
    void everyFailedCheckIsReportedInOrder() {
        ConfigException e = assertThrows(ConfigException.class, () -> Checks.of()
                .positive("rate", -1e-4).inUnit("p", 1.5).nonNegative("ok", 0).done());
        assertEquals(List.of("rate must be > 0, found -0.0001", "p must be in [0, 1], found 1.5"),
                e.problems().stream().map(Object::toString).toList());
    }
}
