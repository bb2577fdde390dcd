package dev.latent.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.engine.Engine;
import dev.latent.api.engine.EngineProvider;
import dev.latent.launcher.plugin.EngineFolders;
import dev.latent.launcher.plugin.LatentHome;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A Latent home for class-path tests: a temporary folder whose {@code engines/cpu} links to the
 * CPU engine folder the reactor packaged in {@code engine-cpu/target/engine/cpu}. Models,
 * optimizers and datasets come from the test class path (META-INF/services).
 */
public final class TestHome {

    private static Engine cpu;

    private TestHome() {
    }

    /** The CPU engine's folder of jars, as packaged by the engine-cpu module. */
    public static Path cpuEngineFolder() {
        Path folder = Path.of("").toAbsolutePath().resolve("../engine-cpu/target/engine/cpu").normalize();
        assertTrue(Files.isDirectory(folder), "the CPU engine is not packaged at " + folder
                + "; build with: mvn verify -pl launcher -am");
        return folder;
    }

    /** Makes {@code dir} a home with the CPU engine and returns it. */
    public static LatentHome withCpuEngine(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("engines"));
        Files.createSymbolicLink(dir.resolve("engines/cpu"), cpuEngineFolder());
        return new LatentHome(dir);
    }

    /**
     * One CPU engine (one thread) shared by every test class of this JVM: its native libraries
     * can be loaded by one class loader only, so every test that needs real tensors uses this
     * one. Never closed (tests close their own tensors; the JVM's exit releases the rest).
     */
    public static synchronized Engine cpuEngine() throws IOException, ReflectiveOperationException {
        if (cpu == null) {
            Path dir = Files.createTempDirectory("latent-test-home");
            dir.toFile().deleteOnExit();
            dir.resolve("engines").toFile().deleteOnExit();
            dir.resolve("engines/cpu").toFile().deleteOnExit();
            EngineProvider<?> provider = EngineFolders.discover(withCpuEngine(dir).engines()).stream()
                    .map(EngineFolders.Found::provider).filter(p -> p.name().equals("cpu")).findFirst()
                    .orElseThrow(() -> new AssertionError("no cpu engine in " + cpuEngineFolder()));
            cpu = create(provider);
        }
        return cpu;
    }

    private static <C extends Record> Engine create(EngineProvider<C> provider) throws ReflectiveOperationException {
        Class<C> type = provider.configType();
        RecordComponent[] components = type.getRecordComponents();
        assertEquals(2, components.length, Arrays.toString(components));
        assertEquals("threads", components[0].getName());
        assertEquals(int.class, components[0].getType());
        assertEquals("onednn", components[1].getName());
        assertEquals(boolean.class, components[1].getType());
        return provider.create(type.getDeclaredConstructor(int.class, boolean.class).newInstance(1, false));
    }
}
