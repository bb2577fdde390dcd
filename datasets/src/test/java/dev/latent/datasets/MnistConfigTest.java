package dev.latent.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.config.ConfigException;
import dev.latent.api.config.ConfigProblem;
import dev.latent.api.config.Setting;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MnistConfigTest {

    @Test
    void aNegativeLimitNamesTheKeyAndTheValue() {
        ConfigException e = assertThrows(ConfigException.class, () -> new MnistConfig("", -3, 0));
        assertEquals(List.of(new ConfigProblem("trainLimit", "must be >= 0, found -3")), e.problems());
        assertTrue(e.getMessage().contains("trainLimit must be >= 0, found -3"), e.getMessage());
    }

    @Test
    void everyBadLimitIsReportedAtOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> new MnistConfig("data", -1, -2));
        assertEquals(List.of("trainLimit", "testLimit"), e.problems().stream().map(ConfigProblem::path).toList());
        assertTrue(e.getMessage().contains("testLimit must be >= 0, found -2"), e.getMessage());
    }

    @Test
    void anEmptyOrMissingDirectoryMeansTheBundledSubset() {
        assertTrue(new MnistConfig(null, 0, 0).isBundled());
        assertTrue(new MnistConfig("  ", 0, 0).isBundled());
        assertTrue(MnistConfig.bundled().isBundled());
        assertEquals("data/mnist", new MnistConfig(" data/mnist ", 0, 0).directory());
    }

    @Test
    void everyKeyIsDocumentedWithItsDefault() {
        Map<String, String> defaults = Arrays.stream(MnistConfig.class.getRecordComponents())
                .collect(Collectors.toMap(RecordComponent::getName, c -> {
                    Setting setting = c.getAnnotation(Setting.class);
                    assertTrue(setting != null && !setting.value().isBlank(), c.getName() + " lacks a @Setting");
                    return setting.defaultValue();
                }));
        assertEquals(Map.of("directory", "", "trainLimit", "0", "testLimit", "0"), defaults);
    }
}
