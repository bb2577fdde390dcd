package dev.latent.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.config.Setting;
import dev.latent.api.optim.OptimizerProvider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Checks what the launcher relies on: discovery by name, documented settings, valid defaults. */
class ProvidersTest {

    private static final List<String> NAMES = List.of("sgd", "adagrad", "rmsprop", "adam", "adamw", "lbfgs");

    private static List<OptimizerProvider<?>> discovered() {
        List<OptimizerProvider<?>> out = new ArrayList<>();
        ServiceLoader.load(OptimizerProvider.class).forEach(out::add);
        return out;
    }

    @Test
    void serviceLoaderFindsEveryOptimizer() {
        assertEquals(NAMES, discovered().stream().map(OptimizerProvider::name).toList());
    }

    @Test
    void moduleInfoProvidesWhatTheServicesFileLists() throws IOException, URISyntaxException {
        Path classes = Path.of(SgdProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        List<String> provided = descriptor.provides().stream()
                .filter(p -> p.service().equals(OptimizerProvider.class.getName()))
                .flatMap(p -> p.providers().stream()).toList();
        List<String> listed = Files.readAllLines(classes.resolve("META-INF/services/" + OptimizerProvider.class.getName()))
                .stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        assertEquals(listed, provided);
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
            assertDocumented(p.name(), p.configType());
        }
    }

    private static void assertDocumented(String path, Class<?> type) {
        for (RecordComponent c : type.getRecordComponents()) {
            String key = path + "." + c.getName();
            Setting s = c.getAnnotation(Setting.class);
            assertNotNull(s, key);
            assertFalse(s.value().isBlank(), key);
            assertFalse(Setting.REQUIRED.equals(s.defaultValue()), key);
            if (c.getType().isRecord()) {
                assertDocumented(key, c.getType());
            }
        }
    }

    @Test
    void defaultsAreValidAndThePapers() {
        ScheduleConfig constant = ScheduleConfig.constant();
        assertEquals(new ScheduleConfig("constant", 0, 1000, 0.1, 1000, 0.96, 0, 0),
                SettingDefaults.of(ScheduleConfig.class));
        assertEquals(new SgdConfig(0.01, 0, false), SettingDefaults.of(SgdConfig.class));
        assertEquals(new AdagradConfig(0.01, 1e-10, 0), SettingDefaults.of(AdagradConfig.class));
        assertEquals(new RmspropConfig(0.001, 0.9, 1e-8, 0), SettingDefaults.of(RmspropConfig.class));
        assertEquals(new AdamConfig(0.001, 0.9, 0.999, 1e-8), SettingDefaults.of(AdamConfig.class));
        assertEquals(new AdamWConfig(0.001, 0.9, 0.999, 1e-8, 0.01, constant, 0, 0), SettingDefaults.of(AdamWConfig.class));
        assertEquals(new LbfgsConfig(1, 10, 20, 1e-7), SettingDefaults.of(LbfgsConfig.class));
    }
}
