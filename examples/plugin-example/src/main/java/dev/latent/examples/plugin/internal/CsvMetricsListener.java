package dev.latent.examples.plugin.internal;

import dev.latent.api.run.RunListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A metric sink: one CSV row per epoch (epoch, train_loss, validation_loss, test_loss, seconds),
 * for spreadsheets and plotting tools. An epoch without a validation split leaves that cell empty.
 */
final class CsvMetricsListener implements RunListener {

    private static final List<String> COLUMNS = List.of("epoch", "train_loss", "validation_loss", "test_loss", "seconds");

    private final Path file;

    CsvMetricsListener(Path file) {
        this.file = file;
        write(String.join(",", COLUMNS) + "\n", StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Override
    public void epochEnded(Map<String, Object> metrics) {
        String row = COLUMNS.stream().map(c -> String.valueOf(metrics.getOrDefault(c, "")))
                .collect(Collectors.joining(","));
        write(row + "\n", StandardOpenOption.APPEND);
    }

    private void write(String text, StandardOpenOption... options) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
