package dev.latent.engine.gpu;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An NVIDIA GPU's compute capability, the version of its instruction set: 8.6 for an RTX 3090,
 * 9.0 for an H100 or H200.
 *
 * @param gpu    the GPU's name as the driver reports it, for messages
 * @param major  the architecture generation (8: Ampere and Ada, 9: Hopper)
 * @param minor  the revision within it
 */
record ComputeCapability(String gpu, int major, int minor) {

    /** One line of {@code nvidia-smi --query-gpu=name,compute_cap --format=csv,noheader}. */
    private static final Pattern NVIDIA_SMI_LINE = Pattern.compile("^(.+),\\s*(\\d+)\\.(\\d+)\\s*$");

    /**
     * Reads one line of {@code nvidia-smi --query-gpu=name,compute_cap --format=csv,noheader},
     * for example {@code NVIDIA H100 80GB HBM3, 9.0} (read on an H100 with driver 580.159.04).
     *
     * @return empty for a line in any other form (drivers older than 510 print an error instead)
     */
    static Optional<ComputeCapability> parse(String nvidiaSmiLine) {
        Matcher m = NVIDIA_SMI_LINE.matcher(nvidiaSmiLine);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ComputeCapability(m.group(1).trim(), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3))));
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
