package dev.latent.launcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine a benchmark ran on, for its report: the CPU model ({@code /proc/cpuinfo}), the
 * logical cores the JVM sees and the load average ({@code /proc/loadavg}); "unknown" where
 * the system does not say.
 */
public final class MachineInfo {

    private MachineInfo() {
    }

    public static Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cpu", cpuModel());
        m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("loadAverage", loadAverage());
        m.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        return m;
    }

    /** The 1, 5 and 15 minute load averages, as the kernel prints them. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }
}
