package dev.latent.launcher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a benchmark run found: the machine, the engine, the settings, the measured sgemm peak
 * and each model's {@link ModelFigures}; printed as a table and written as JSON for the docs.
 *
 * @param machine     CPU model, logical cores and the load average at the start
 * @param engine      the engine's name and properties
 * @param settings    warmup, steps and rounds
 * @param sgemmGflops the engine's float32 gemm [128, 784] x [784, 512], median GFLOP/s
 * @param models      one entry per model, in suite order
 */
public record BenchReport(Map<String, String> machine, Map<String, String> engine, Map<String, Integer> settings,
                          double sgemmGflops, List<ModelFigures> models) {

    public void print(PrintStream out) {
        out.printf(java.util.Locale.ROOT, "sgemm 128x784 by 784x512 float32: %.1f GFLOP/s%n", sgemmGflops);
        out.println(ModelFigures.header());
        models.forEach(m -> out.println(m.row()));
    }

    public void writeJson(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    }
}
