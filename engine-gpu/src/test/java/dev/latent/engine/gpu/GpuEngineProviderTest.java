package dev.latent.engine.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.config.ConfigException;
import dev.latent.api.engine.Availability;
import dev.latent.api.engine.EngineProvider;
import dev.latent.engine.nd4j.Nd4jBackend;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuEngineProviderTest {

    private final GpuEngineProvider provider = new GpuEngineProvider();

    /** The default build leaves the CUDA backend out; with -Pgpu these tests have nothing to say. */
    private static void assumeNoCudaBackend() {
        Assumptions.assumeFalse(Nd4jBackend.classPresent(GpuProbe.BACKEND_CLASS, GpuEngineProviderTest.class),
                "the CUDA backend is on the test class path (-Pgpu)");
    }

    @Test
    void describesItself() {
        assertEquals("gpu", provider.name());
        assertEquals("ND4J CUDA 11.6 backend on an NVIDIA GPU", provider.description());
        assertEquals(GpuEngineConfig.class, provider.configType());
    }

    @Test
    void foundByServiceLoader() {
        assertTrue(ServiceLoader.load(EngineProvider.class, getClass().getClassLoader()).stream()
                .anyMatch(p -> p.type() == GpuEngineProvider.class));
    }

    @Test
    void unavailableHereAndSaysHowToBuild() {
        assumeNoCudaBackend();
        Availability a = provider.availability();
        assertFalse(a.available());
        assertTrue(a.reason().contains("mvn -Pgpu package"), a.reason());
        assertEquals("unavailable: " + a.reason(), a.toString());
    }

    @Test
    void createThrowsTheReason() {
        assumeNoCudaBackend();
        String reason = provider.availability().reason();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> provider.create(new GpuEngineConfig(0, 1)));
        assertEquals("GPU engine unavailable: " + reason, e.getMessage());
    }

    @Test
    void createRejectsOtherDevices(@TempDir Path root, @TempDir Path classes) throws IOException {
        for (String r : new String[] {GpuProbe.BACKEND_CLASS.replace('.', '/') + ".class",
                GpuProbe.NATIVE_RESOURCES[0], GpuProbe.NATIVE_RESOURCES[1]}) {
            Path p = classes.resolve(r);
            Files.createDirectories(p.getParent());
            Files.createFile(p);
        }
        Files.createDirectories(root.resolve("proc/driver/nvidia"));
        Files.createFile(root.resolve("proc/driver/nvidia/version"));
        Files.createDirectories(root.resolve("dev"));
        Files.createFile(root.resolve("dev/nvidia0"));
        Files.createFile(root.resolve("dev/nvidia1"));
        try (URLClassLoader cl = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            GpuEngineProvider faked = new GpuEngineProvider(new GpuProbe(cl, root, "linux-x86_64"));
            assertTrue(faked.availability().available());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> faked.create(new GpuEngineConfig(1, 1)));
            assertEquals("GPU engine: only CUDA device 0 is supported, found device 1; to use that GPU,"
                    + " start latent with CUDA_VISIBLE_DEVICES=1 and set device: 0", e.getMessage());
        }
    }

    @Test
    void configChecks() {
        assertEquals(new GpuEngineConfig(0, 1), new GpuEngineConfig(0, 1));
        ConfigException e = assertThrows(ConfigException.class, () -> new GpuEngineConfig(-1, 0));
        assertTrue(e.getMessage().contains("device"), e.getMessage());
        assertTrue(e.getMessage().contains("threads"), e.getMessage());
    }
}
