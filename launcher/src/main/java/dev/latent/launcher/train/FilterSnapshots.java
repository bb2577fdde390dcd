package dev.latent.launcher.train;

import dev.latent.api.model.FilterImage;
import dev.latent.api.model.Filters;
import dev.latent.api.model.Model;
import dev.latent.launcher.UserError;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.output.FilterGrid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Draws the filter banks of a model with {@link Filters} into {@code <run>/filters/}: as
 * {@code <name>-<count>.png} for each count of {@code training.filterSnapshots}, at the first
 * batch boundary where the training samples seen reach it (a count of 0: before the first
 * update), and as {@code <name>.png} at the end ({@link FilterGrid} draws them). The counts fall
 * at positions that depend only on the sample count, so a resumed run draws exactly the
 * snapshots after its checkpoint; those before it are in the folder already.
 */
final class FilterSnapshots {

    /** The folder of the snapshots inside a run folder. */
    static final String FOLDER = "filters";

    private final Optional<Filters> model;
    private final List<Long> counts;
    private final Path folder;

    /**
     * @param model  the model's filters, or empty when it has none (then no count may be asked)
     * @param counts the sample counts, increasing
     * @param run    the run folder
     */
    FilterSnapshots(Optional<Filters> model, List<Long> counts, Path run) {
        if (model.isEmpty() && !counts.isEmpty()) {
            throw new IllegalArgumentException("snapshots asked of a model without filters");
        }
        this.model = model;
        this.counts = List.copyOf(counts);
        this.folder = run.resolve(FOLDER);
    }

    /**
     * The snapshots the manifest's {@code training.filterSnapshots} asks of {@code model}.
     *
     * @throws UserError when counts are asked of a model without {@link Filters}: the setting is
     *                   explicit, and a run that silently drew nothing would be found out only at its end
     */
    static FilterSnapshots of(Model model, Manifest manifest, Path run) {
        List<Long> counts = manifest.training().filterSnapshots();
        if (!(model instanceof Filters) && !counts.isEmpty()) {
            throw new UserError("training.filterSnapshots is " + counts + ", but model '" + manifest.choice("model").name()
                    + "' has no filters to draw (it does not implement Filters); remove training.filterSnapshots");
        }
        return new FilterSnapshots(model instanceof Filters f ? Optional.of(f) : Optional.empty(), counts, run);
    }

    /** Draws the snapshots of count 0, before the first update of a run that does not resume. */
    void atStart() throws IOException {
        afterBatch(-1, 0);
    }

    /** Draws every snapshot whose count is in (before, after], the samples seen before and after a batch. */
    void afterBatch(long before, long after) throws IOException {
        List<FilterImage> banks = null;
        for (long count : counts) {
            if (count > before && count <= after) {
                banks = banks == null ? model.orElseThrow().filterImages() : banks;
                write(banks, "-" + count);
            }
        }
    }

    /** Draws {@code <name>.png} of each bank, when the model has filters. */
    void atEnd() throws IOException {
        if (model.isPresent()) {
            write(model.get().filterImages(), "");
        }
    }

    private void write(List<FilterImage> banks, String suffix) throws IOException {
        Files.createDirectories(folder);
        for (FilterImage bank : banks) {
            FilterGrid.write(bank, folder.resolve(bank.name() + suffix + ".png"));
        }
    }
}
