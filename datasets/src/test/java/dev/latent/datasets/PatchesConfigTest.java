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

class PatchesConfigTest {

    @Test
    void everyBadSettingIsReportedAtOnceWithItsKeyAndValue() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new PatchesConfig("photos", 1, 8, 0, -5, 0, -0.1));
        assertEquals(List.of(
                new ConfigProblem("patchSize", "must be >= 2, found 1"),
                new ConfigProblem("kernelSize", "must be an odd number >= 3, found 8"),
                new ConfigProblem("trainPatches", "must be >= 1, found 0"),
                new ConfigProblem("testPatches", "must be >= 1, found -5"),
                new ConfigProblem("testImages", "must be >= 1, found 0"),
                new ConfigProblem("minStd", "must be >= 0, found -0.1")), e.problems());
    }

    @Test
    void aNanMinStdAndAPathWithANulAreRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new PatchesConfig("a\u0000b", 9, 9, 10, 10, 1, Double.NaN));
        assertEquals(List.of("directory", "minStd"), e.problems().stream().map(ConfigProblem::path).toList());
        assertTrue(e.getMessage().contains("minStd must be >= 0, found NaN"), e.getMessage());
    }

    @Test
    void morePatchValuesThanAnArrayHoldsAreRefusedBeforeAnythingIsRead() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new PatchesConfig("", 100, 9, 300_000, 10, 1, 0.2));
        assertEquals(List.of(new ConfigProblem("trainPatches", "is 300000, but 300000 patches of 100x100 pixels"
                + " exceed the 2147483639 values a split can hold")), e.problems());
    }

    @Test
    void anEmptyOrMissingDirectoryMeansTheBundledSet() {
        assertTrue(new PatchesConfig(null, 9, 9, 1, 1, 1, 0).isBundled());
        assertTrue(new PatchesConfig("  ", 9, 9, 1, 1, 1, 0).isBundled());
        assertTrue(PatchesConfig.defaults().isBundled());
        assertEquals("photos", new PatchesConfig(" photos ", 9, 9, 1, 1, 1, 0).directory());
    }

    @Test
    void everyKeyIsDocumentedAndItsDefaultIsTheDefaultsRecord() {
        Map<String, String> defaults = Arrays.stream(PatchesConfig.class.getRecordComponents())
                .collect(Collectors.toMap(RecordComponent::getName, c -> {
                    Setting setting = c.getAnnotation(Setting.class);
                    assertTrue(setting != null && !setting.value().isBlank(), c.getName() + " lacks a @Setting");
                    return setting.defaultValue();
                }));
        assertEquals(Map.of("directory", "", "patchSize", "9", "kernelSize", "9", "trainPatches", "100000",
                "testPatches", "10000", "testImages", "1", "minStd", "0.2"), defaults);
        assertEquals(new PatchesConfig("", 9, 9, 100_000, 10_000, 1, 0.2), PatchesConfig.defaults());
    }
}
