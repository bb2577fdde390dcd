package dev.latent.engine.gpu;

import dev.latent.api.engine.Availability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides whether the GPU engine can run, without loading native code or initialising ND4J:
 * it only looks up class-loader resources and files. The class loader and the filesystem root
 * are parameters so that tests can point it at a fake {@code /proc} and {@code /dev}.
 *
 * <p>Checks, in order, each with a reason a user can act on:
 * <ol>
 *   <li>the CUDA backend class is visible from the engine's class loader;</li>
 *   <li>this machine is linux-x86_64 and the backend's linux-x86_64 natives are visible;</li>
 *   <li>an NVIDIA driver is loaded ({@code /proc/driver/nvidia/version});</li>
 *   <li>a device node exists for the requested device ({@code /dev/nvidiaN});</li>
 *   <li>a GPU here can run ND4J's kernels ({@link KernelArchitectures}), as far as
 *       {@code nvidia-smi} tells; when it cannot tell, the engine finds out when it starts.</li>
 * </ol>
 */
final class GpuProbe {

    /** The fix for a missing backend or missing natives. */
    static final String BUILD_HINT = "build it with: mvn -Pgpu package (see README, GPU engine)";

    /** ND4J's CUDA backend, in the plain nd4j-cuda-11.6 jar. */
    static final String BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

    /** The platform whose natives the gpu profile bundles (the parent pom's {@code javacpp.platform}). */
    static final String PLATFORM = "linux-x86_64";

    /**
     * The natives in {@code nd4j-cuda-11.6-1.0.0-M2.1-linux-x86_64.jar}. Checked against that jar's
     * listing: it holds {@code org/nd4j/linalg/jcublas/bindings/linux-x86_64/libjnind4jcuda.so}
     * (the JNI wrapper, 2 MB) and {@code .../libnd4jcuda.so} (libnd4j itself, 905 MB). Check these
     * again against the jar when upgrading ND4J: JavaCPP's layout is
     * {@code <bindings package>/<platform>/lib<name>.so}.
     */
    static final String[] NATIVE_RESOURCES = {
            "org/nd4j/linalg/jcublas/bindings/" + PLATFORM + "/libjnind4jcuda.so",
            "org/nd4j/linalg/jcublas/bindings/" + PLATFORM + "/libnd4jcuda.so",
    };

    /** Present while the NVIDIA kernel driver is loaded. */
    static final String DRIVER_VERSION_FILE = "proc/driver/nvidia/version";

    private static final Pattern DEVICE_NODE = Pattern.compile("nvidia\\d+");

    private final ClassLoader loader;
    private final Path root;
    private final String platform;
    private final Supplier<List<String>> gpus;

    /**
     * @param loader    the engine's class loader, where the backend and its natives must be
     * @param root      the filesystem root holding {@code proc/} and {@code dev/}; {@code /} in use
     * @param platform  this machine as JavaCPP names it, for example {@code linux-x86_64}
     */
    GpuProbe(ClassLoader loader, Path root, String platform) {
        this(loader, root, platform, List::of);
    }

    /**
     * @param gpus  what {@link NvidiaSmi#gpus()} answers: one "name, compute capability" line per
     *              GPU, or none when that cannot be told
     */
    GpuProbe(ClassLoader loader, Path root, String platform, Supplier<List<String>> gpus) {
        this.loader = loader;
        this.root = root;
        this.platform = platform;
        this.gpus = gpus;
    }

    /** A probe of this machine: the real root, {@code os.name} / {@code os.arch} and {@code nvidia-smi}. */
    static GpuProbe ofThisMachine(ClassLoader loader) {
        return new GpuProbe(loader, Path.of("/"), platformOf(System.getProperty("os.name"), System.getProperty("os.arch")),
                NvidiaSmi::gpus);
    }

    /** JavaCPP's platform name for an {@code os.name} and {@code os.arch}: linux-x86_64, windows-x86_64... */
    static String platformOf(String osName, String osArch) {
        String os = osName == null ? "unknown" : osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            os = "linux";
        } else if (os.startsWith("windows")) {
            os = "windows";
        } else if (os.startsWith("mac") || os.startsWith("darwin")) {
            os = "macosx";
        } else {
            os = os.replace(' ', '_');
        }
        String arch = osArch == null ? "unknown" : osArch.toLowerCase(Locale.ROOT);
        arch = switch (arch) {
            case "amd64", "x86_64", "x86-64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
        return os + "-" + arch;
    }

    /** Whether CUDA device {@code device} can be used, with the first reason why not. */
    Availability check(int device) {
        if (!resourcePresent(BACKEND_CLASS.replace('.', '/') + ".class")) {
            return Availability.no("the ND4J CUDA backend is not in this engine's folder; " + BUILD_HINT);
        }
        if (!PLATFORM.equals(platform)) {
            return Availability.no("the GPU engine's natives are for " + PLATFORM + ", this machine is " + platform);
        }
        for (String resource : NATIVE_RESOURCES) {
            if (!resourcePresent(resource)) {
                return Availability.no("the ND4J CUDA natives for " + PLATFORM + " (" + resource
                        + ") are not in this engine's folder; " + BUILD_HINT);
            }
        }
        if (!Files.exists(root.resolve(DRIVER_VERSION_FILE))) {
            return Availability.no("no NVIDIA driver found (/" + DRIVER_VERSION_FILE + " is missing)");
        }
        int nodes = deviceNodes();
        if (nodes == 0) {
            return Availability.no("no NVIDIA GPU device node found (/dev/nvidia0 is missing): check that the GPU"
                    + " is visible here; in a container, start it with the GPU (docker run --gpus all)");
        }
        if (nodes <= device) {
            return Availability.no("CUDA device " + device + " needs " + (device + 1) + " GPUs, found " + nodes
                    + " /dev/nvidiaN device node" + (nodes == 1 ? "" : "s"));
        }
        return kernelsRunHere();
    }

    /**
     * Unavailable when nvidia-smi names the GPUs and none of them can run ND4J's kernels. When
     * some can and some cannot, which one CUDA calls device 0 depends on CUDA_VISIBLE_DEVICES and
     * CUDA_DEVICE_ORDER, so the engine is left to find out when it starts.
     */
    private Availability kernelsRunHere() {
        List<ComputeCapability> here = gpus.get().stream().map(ComputeCapability::parse)
                .flatMap(Optional::stream).toList();
        if (here.isEmpty() || here.stream().anyMatch(KernelArchitectures::runsOn)) {
            return Availability.yes();
        }
        String named = here.stream().map(c -> c.gpu() + " (compute capability " + c + ")").distinct()
                .collect(Collectors.joining(", "));
        return Availability.no("ND4J's CUDA kernels cannot run on " + named + ": nd4j-cuda-11.6 1.0.0-M2.1, the only"
                + " release, is compiled for compute capabilities " + KernelArchitectures.listed()
                + " with no PTX for newer GPUs (Hopper and later need a newer ND4J); use the cpu engine");
    }

    private boolean resourcePresent(String resource) {
        return loader != null && loader.getResource(resource) != null;
    }

    /**
     * How many {@code /dev/nvidiaN} nodes exist. Counted rather than looked up by index: inside
     * a container given one GPU, its node keeps the host's number (say {@code /dev/nvidia3})
     * while CUDA calls it device 0.
     */
    private int deviceNodes() {
        Path dev = root.resolve("dev");
        if (!Files.isDirectory(dev)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dev)) {
            return (int) files.filter(p -> DEVICE_NODE.matcher(p.getFileName().toString()).matches()).count();
        } catch (IOException | SecurityException e) {
            return Files.exists(dev.resolve("nvidia0")) ? 1 : 0;
        }
    }
}
