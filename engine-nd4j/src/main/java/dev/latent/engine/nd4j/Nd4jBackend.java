package dev.latent.engine.nd4j;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;

/** Starts ND4J inside an engine's own class loader and describes the backend it found. */
public final class Nd4jBackend {

    private Nd4jBackend() {
    }

    /** Whether {@code className} can be seen from the class loader of {@code anchor}, without initialising it. */
    public static boolean classPresent(String className, Class<?> anchor) {
        String resource = className.replace('.', '/') + ".class";
        return anchor.getClassLoader().getResource(resource) != null;
    }

    /**
     * Points ND4J at the class loader of {@code anchor} (its own service lookup is broken on
     * Java 9+, DESIGN.md), loads the backend, sets the thread count and returns an engine.
     *
     * @throws IllegalStateException when the backend's natives cannot be loaded
     */
    public static Nd4jEngine start(String engineName, Class<?> anchor, int threads) {
        return start(engineName, anchor, threads, true, null);
    }

    /**
     * As {@link #start(String, Class, int)}, and sets whether libnd4j may run its platform
     * helpers (oneDNN on the CPU, cuDNN on the GPU) instead of its own kernels; a process-wide
     * switch of libnd4j's. {@code direct} is the backend's own routine for small matrix products,
     * or null.
     */
    public static Nd4jEngine start(String engineName, Class<?> anchor, int threads, boolean helpers,
                                   DirectGemm direct) {
        ND4JClassLoading.setNd4jClassloaderFromClass(anchor);
        try {
            Nd4j.getBackend();
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            Nd4j.factory().blas().setMaxThreads(threads);
            Nd4j.getEnvironment().allowHelpers(helpers);
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("ND4J backend for engine '" + engineName + "' failed to start: " + e, e);
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("engine", engineName);
        props.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        props.put("nd4j.version", "1.0.0-M2.1");
        props.put("threads", Integer.toString(threads));
        props.put("helpers", Boolean.toString(Nd4j.getEnvironment().helpersAllowed()));
        props.put("blas.vendor", String.valueOf(Nd4j.factory().blas().getBlasVendor()));
        Nd4j.getExecutioner().getEnvironmentInformation().forEach((k, v) -> {
            String key = String.valueOf(k);
            if (key.startsWith("cuda.") || key.equals("cores") || key.equals("backend")) {
                props.put("nd4j." + key, String.valueOf(v));
            }
        });
        if (direct != null) {
            props.put("small.gemm", direct.getClass().getSimpleName());
        }
        return new Nd4jEngine(engineName, props, direct);
    }
}
