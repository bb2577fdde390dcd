package dev.latent.engine.cpu;

import dev.latent.api.engine.Availability;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.EngineProvider;
import dev.latent.engine.nd4j.Nd4jBackend;

/**
 * The CPU engine: ND4J's native backend, built with oneDNN for AVX2 machines. Discovery is
 * free; {@link #create} loads the natives (about 0.9 s with a warm JavaCPP cache).
 */
public final class CpuEngineProvider implements EngineProvider<CpuEngineConfig> {

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String description() {
        return "ND4J native backend (oneDNN, AVX2) on the CPU";
    }

    @Override
    public Class<CpuEngineConfig> configType() {
        return CpuEngineConfig.class;
    }

    @Override
    public Availability availability() {
        String arch = System.getProperty("os.arch");
        String os = System.getProperty("os.name");
        if (!"amd64".equals(arch) && !"x86_64".equals(arch) || !os.toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return Availability.no("the bundled natives are for linux-x86_64, this is " + os + " " + arch);
        }
        return Nd4jBackend.classPresent("org.nd4j.linalg.cpu.nativecpu.CpuBackend", getClass())
                ? Availability.yes()
                : Availability.no("nd4j-native is not in this engine's folder");
    }

    @Override
    public Engine create(CpuEngineConfig config) {
        return Nd4jBackend.start(name(), getClass(), config.threads(), config.onednn(), new OpenBlasGemm());
    }
}
