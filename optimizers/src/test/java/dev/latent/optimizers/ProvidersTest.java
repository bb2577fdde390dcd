package dev.latent.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.config.Setting;
import dev.latent.api.optim.OptimizerProvider;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Checks what the launcher relies on: discovery by name, documented settings, valid defaults. */
class ProvidersTest {

    private static List<OptimizerProvider<?>> discovered() {
        List<OptimizerProvider<?>> out = new java.util.ArrayList<>();
        ServiceLoader.load(OptimizerProvider.class).forEach(out::add);
        return out;
    }

    @Test
    void serviceLoaderFindsSgdAndAdam() {
        assertEquals(List.of("sgd", "adam"), discovered().stream().map(OptimizerProvider::name).toList());
    }

    @Test
    void everyProviderHasAStableNameAndADescription() {
        for (OptimizerProvider<?> p : discovered()) {
            assertTrue(p.name().matches("[a-z0-9-]+"), p.name());
            assertFalse(p.description().isBlank(), p.name());
        }
    }

    @Test
    void everySettingIsDocumentedAndHasADefault() {
        for (OptimizerProvider<?> p : discovered()) {
            for (RecordComponent c : p.configType().getRecordComponents()) {
                Setting s = c.getAnnotation(Setting.class);
                assertNotNull(s, p.name() + "." + c.getName());
                assertFalse(s.value().isBlank(), p.name() + "." + c.getName());
                assertFalse(Setting.REQUIRED.equals(s.defaultValue()), p.name() + "." + c.getName());
            }
        }
    }

    @Test
    void defaultsAreValidAndThePapers() {
        assertEquals(new SgdConfig(0.01, 0, false), SettingDefaults.of(SgdConfig.class));
        assertEquals(new AdamConfig(0.001, 0.9, 0.999, 1e-8), SettingDefaults.of(AdamConfig.class));
    }
}
