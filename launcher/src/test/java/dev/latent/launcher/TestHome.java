package dev.latent.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.launcher.plugin.LatentHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Latent home for class-path tests: a temporary folder whose {@code engines/cpu} links to the
 * CPU engine folder the reactor packaged in {@code engine-cpu/target/engine/cpu}. Models,
 * optimizers and datasets come from the test class path (META-INF/services).
 */
public final class TestHome {

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
}
