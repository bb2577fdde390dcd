package dev.latent.launcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The process's peak resident set size ({@code VmHWM} in {@code /proc/self/status}, Linux),
 * which counts the Java heap and ND4J's native buffers alike, and its reset (writing 5 to
 * {@code /proc/self/clear_refs}, Linux 4.0 and later) so that each model of a suite gets its
 * own peak. Elsewhere both report nothing.
 */
public final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private ProcessMemory() {
    }

    /** The peak resident set size in bytes since start or the last {@link #resetPeak}, if known. */
    public static OptionalLong peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** Resets the peak to the current resident size; returns false where the system does not allow it. */
    public static boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
