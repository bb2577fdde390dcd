package dev.latent.engine.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.engine.Availability;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuProbeTest {

    @TempDir
    Path root;

    @TempDir
    Path classes;

    private URLClassLoader loader;

    @AfterEach
    void closeLoader() throws IOException {
        if (loader != null) {
            loader.close();
        }
    }

    private ClassLoader testLoader() {
        return getClass().getClassLoader();
    }

    /** The test class loader plus a folder holding the given (empty) resources. */
    private ClassLoader loaderWith(String... resources) throws IOException {
        for (String r : resources) {
            Path p = classes.resolve(r);
            Files.createDirectories(p.getParent());
            Files.createFile(p);
        }
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, testLoader());
        return loader;
    }

    private ClassLoader backendAndNatives() throws IOException {
        return loaderWith(backendResource(), GpuProbe.NATIVE_RESOURCES[0], GpuProbe.NATIVE_RESOURCES[1]);
    }

    private static String backendResource() {
        return GpuProbe.BACKEND_CLASS.replace('.', '/') + ".class";
    }

    private void driver() throws IOException {
        Path v = root.resolve("proc/driver/nvidia/version");
        Files.createDirectories(v.getParent());
        Files.writeString(v, "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05\n");
    }

    private void devices(String... names) throws IOException {
        Files.createDirectories(root.resolve("dev"));
        for (String n : names) {
            Files.createFile(root.resolve("dev").resolve(n));
        }
    }

    private GpuProbe probe(ClassLoader cl) {
        return new GpuProbe(cl, root, "linux-x86_64");
    }

    @Test
    void noBackendClass() {
        Availability a = probe(testLoader()).check(0);
        assertFalse(a.available());
        assertEquals("the ND4J CUDA backend is not in this engine's folder; build it with: mvn -Pgpu package"
                + " (see README, GPU engine)", a.reason());
    }

    @Test
    void otherPlatform() throws IOException {
        Availability a = new GpuProbe(backendAndNatives(), root, "windows-x86_64").check(0);
        assertFalse(a.available());
        assertEquals("the GPU engine's natives are for linux-x86_64, this machine is windows-x86_64", a.reason());
    }

    @Test
    void noNatives() throws IOException {
        Availability a = probe(loaderWith(backendResource())).check(0);
        assertFalse(a.available());
        assertTrue(a.reason().startsWith("the ND4J CUDA natives for linux-x86_64 (" + GpuProbe.NATIVE_RESOURCES[0]
                + ") are not in this engine's folder"), a.reason());
        assertTrue(a.reason().endsWith("build it with: mvn -Pgpu package (see README, GPU engine)"), a.reason());
    }

    @Test
    void onlyJniWrapperPresent() throws IOException {
        Availability a = probe(loaderWith(backendResource(), GpuProbe.NATIVE_RESOURCES[0])).check(0);
        assertFalse(a.available());
        assertTrue(a.reason().contains("(" + GpuProbe.NATIVE_RESOURCES[1] + ")"), a.reason());
    }

    @Test
    void noDriver() throws IOException {
        devices("nvidia0");
        Availability a = probe(backendAndNatives()).check(0);
        assertFalse(a.available());
        assertEquals("no NVIDIA driver found (/proc/driver/nvidia/version is missing)", a.reason());
    }

    @Test
    void noDevFolder() throws IOException {
        driver();
        Availability a = probe(backendAndNatives()).check(0);
        assertFalse(a.available());
        assertTrue(a.reason().startsWith("no NVIDIA GPU device node found (/dev/nvidia0 is missing)"), a.reason());
    }

    @Test
    void onlyControlNodes() throws IOException {
        driver();
        devices("nvidiactl", "nvidia-uvm", "nvidia-modeset");
        Availability a = probe(backendAndNatives()).check(0);
        assertFalse(a.available());
        assertTrue(a.reason().startsWith("no NVIDIA GPU device node found (/dev/nvidia0 is missing)"), a.reason());
        assertTrue(a.reason().contains("docker run --gpus all"), a.reason());
    }

    @Test
    void available() throws IOException {
        driver();
        devices("nvidiactl", "nvidia0");
        assertEquals(Availability.yes(), probe(backendAndNatives()).check(0));
    }

    /** A machine with a driver and two GPUs, about which nvidia-smi prints {@code nvidiaSmiLines}. */
    private Availability withGpus(String... nvidiaSmiLines) throws IOException {
        if (loader == null) {
            driver();
            devices("nvidiactl", "nvidia0", "nvidia1");
            backendAndNatives();
        }
        return new GpuProbe(loader, root, "linux-x86_64", () -> List.of(nvidiaSmiLines)).check(0);
    }

    @Test
    void hopperCannotRunNd4jsKernels() throws IOException {
        Availability a = withGpus("NVIDIA H100 80GB HBM3, 9.0");
        assertFalse(a.available());
        assertEquals("ND4J's CUDA kernels cannot run on NVIDIA H100 80GB HBM3 (compute capability 9.0):"
                + " nd4j-cuda-11.6 1.0.0-M2.1, the only release, is compiled for compute capabilities"
                + " 3.7, 5.0, 5.2, 6.0, 6.1, 7.0, 7.5, 8.0 and 8.6 with no PTX for newer GPUs"
                + " (Hopper and later need a newer ND4J); use the cpu engine", a.reason());
    }

    @Test
    void twoUnsupportedGpusAreBothNamed() throws IOException {
        Availability a = withGpus("NVIDIA H200, 9.0", "NVIDIA B200, 10.0");
        assertTrue(a.reason().startsWith("ND4J's CUDA kernels cannot run on NVIDIA H200 (compute capability 9.0),"
                + " NVIDIA B200 (compute capability 10.0):"), a.reason());
    }

    @Test
    void ampereAndAdaCanRunThem() throws IOException {
        assertEquals(Availability.yes(), withGpus("NVIDIA A100-SXM4-80GB, 8.0"));
        assertEquals(Availability.yes(), withGpus("NVIDIA GeForce RTX 4090, 8.9"));
    }

    @Test
    void oneRunnableGpuAmongOthersLeavesItToCuda() throws IOException {
        assertEquals(Availability.yes(), withGpus("NVIDIA H100 80GB HBM3, 9.0", "NVIDIA A100-SXM4-80GB, 8.0"));
    }

    @Test
    void noAnswerFromNvidiaSmiLeavesItToCuda() throws IOException {
        assertEquals(Availability.yes(), withGpus());
        assertEquals(Availability.yes(), withGpus("Field \"compute_cap\" is not a valid field to query."));
    }

    @Test
    void containerWithOneGpuKeepsTheHostNumber() throws IOException {
        driver();
        devices("nvidiactl", "nvidia3");
        assertEquals(Availability.yes(), probe(backendAndNatives()).check(0));
    }

    @Test
    void deviceBeyondTheGpus() throws IOException {
        driver();
        devices("nvidia0");
        Availability a = probe(backendAndNatives()).check(1);
        assertFalse(a.available());
        assertEquals("CUDA device 1 needs 2 GPUs, found 1 /dev/nvidiaN device node", a.reason());
    }

    @Test
    void platformNames() {
        assertEquals("linux-x86_64", GpuProbe.platformOf("Linux", "amd64"));
        assertEquals("linux-arm64", GpuProbe.platformOf("Linux", "aarch64"));
        assertEquals("windows-x86_64", GpuProbe.platformOf("Windows 11", "amd64"));
        assertEquals("macosx-arm64", GpuProbe.platformOf("Mac OS X", "aarch64"));
    }
}
