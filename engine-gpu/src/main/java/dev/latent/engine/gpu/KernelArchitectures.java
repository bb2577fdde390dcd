package dev.latent.engine.gpu;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The GPU architectures that ND4J's CUDA kernels are compiled for, and so the GPUs they can run on.
 *
 * <p>{@code libnd4jcuda.so} in {@code nd4j-cuda-11.6-1.0.0-M2.1-linux-x86_64.jar}, the only
 * release of ND4J's CUDA backend on Maven Central, holds machine code (cubins) for compute
 * capabilities 3.7, 5.0, 5.2, 6.0, 6.1, 7.0, 7.5, 8.0 and 8.6, the same nine in each of its 228
 * fat binaries, and no PTX: read from the headers of its {@code .nv_fatbin} section (kind 2,
 * machine code, for every entry; kind 1, PTX, for none). A cubin runs on GPUs of its own major
 * version with the same or a higher minor version, and without PTX the driver has nothing to
 * compile for a newer generation. So Hopper (9.0) and later GPUs cannot run these kernels: on an
 * H100 the driver refuses one of that library's fat binaries with
 * {@code CUDA_ERROR_NO_BINARY_FOR_GPU} (checked on a lent H100, 2026-11-24; docs/gpu.md). Read
 * these again when upgrading ND4J.
 */
final class KernelArchitectures {

    /** The compute capabilities of the cubins in {@code libnd4jcuda.so}, as {major, minor}. */
    static final List<int[]> ND4J_CUDA_11_6 = List.of(new int[] {3, 7}, new int[] {5, 0}, new int[] {5, 2},
            new int[] {6, 0}, new int[] {6, 1}, new int[] {7, 0}, new int[] {7, 5}, new int[] {8, 0}, new int[] {8, 6});

    private KernelArchitectures() {
    }

    /** Whether a GPU of capability {@code gpu} can run a cubin of one of {@link #ND4J_CUDA_11_6}'s. */
    static boolean runsOn(ComputeCapability gpu) {
        return ND4J_CUDA_11_6.stream().anyMatch(c -> c[0] == gpu.major() && c[1] <= gpu.minor());
    }

    /** "3.7, 5.0, ... and 8.6". */
    static String listed() {
        List<String> all = ND4J_CUDA_11_6.stream().map(c -> c[0] + "." + c[1]).collect(Collectors.toList());
        return String.join(", ", all.subList(0, all.size() - 1)) + " and " + all.get(all.size() - 1);
    }
}
