package dev.latent.engine.gpu;

import dev.latent.api.engine.Availability;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.EngineProvider;
import dev.latent.engine.nd4j.Nd4jBackend;

/**
 * The GPU engine: ND4J's CUDA 11.6 backend on an NVIDIA GPU.
 *
 * <p>The default build compiles this engine against nd4j-api only; {@code mvn -Pgpu package} adds
 * the CUDA backend and its linux-x86_64 natives (about 600 MB), and {@code -Pgpu,cuda-redist}
 * also JavaCPP's CUDA 11.6 libraries for machines without them. Discovery loads no native code:
 * {@link #availability()} looks at class-loader resources, {@code /proc/driver/nvidia} and
 * {@code /dev}, and where those show a GPU asks {@code nvidia-smi} whether ND4J's kernels can
 * run on it (they cannot on Hopper or later GPUs, see {@link KernelArchitectures}).
 * {@link #create} loads the natives and initialises CUDA.
 *
 * <p>Only CUDA device 0 is supported (see {@link GpuEngineConfig#device()}); choose another GPU
 * with {@code CUDA_VISIBLE_DEVICES} when starting the JVM.
 */
public final class GpuEngineProvider implements EngineProvider<GpuEngineConfig> {

    private final GpuProbe probe;

    /** The provider {@link java.util.ServiceLoader} makes; it probes this machine. */
    public GpuEngineProvider() {
        this(null);
    }

    /** For tests: a provider that asks {@code probe}, or this machine when null. */
    GpuEngineProvider(GpuProbe probe) {
        this.probe = probe;
    }

    @Override
    public String name() {
        return "gpu";
    }

    @Override
    public String description() {
        return "ND4J CUDA 11.6 backend on an NVIDIA GPU";
    }

    @Override
    public Class<GpuEngineConfig> configType() {
        return GpuEngineConfig.class;
    }

    /** Whether CUDA device 0 can be used here, decided without loading native code. */
    @Override
    public Availability availability() {
        return probe().check(0);
    }

    /**
     * Starts ND4J's CUDA backend on device 0.
     *
     * @throws IllegalStateException when the engine is unavailable ("GPU engine unavailable:
     *         REASON"), when {@code config.device()} is not 0, or when the natives or CUDA
     *         libraries fail to load
     */
    @Override
    public Engine create(GpuEngineConfig config) {
        Availability availability = availability();
        if (!availability.available()) {
            throw new IllegalStateException("GPU engine unavailable: " + availability.reason());
        }
        if (config.device() != 0) {
            throw new IllegalStateException("GPU engine: only CUDA device 0 is supported, found device "
                    + config.device() + "; to use that GPU, start latent with CUDA_VISIBLE_DEVICES="
                    + config.device() + " and set device: 0");
        }
        try {
            return Nd4jBackend.start(name(), getClass(), config.threads());
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + " (the CUDA 11.6 libraries must be on LD_LIBRARY_PATH,"
                    + " or build the engine with: mvn -Pgpu,cuda-redist package)", e);
        }
    }

    private GpuProbe probe() {
        return probe != null ? probe : GpuProbe.ofThisMachine(getClass().getClassLoader());
    }
}
