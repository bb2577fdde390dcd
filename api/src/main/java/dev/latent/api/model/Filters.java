package dev.latent.api.model;

import java.util.List;

/**
 * Implemented by a {@link Model} that has filters worth looking at. The trainer writes them as
 * PNG grids at the sample counts the manifest asks for ({@code training.filterSnapshots}), and
 * reports show the last ones.
 */
public interface Filters {

    /** {@return the model's current filter banks, copied to the host; called rarely} */
    List<FilterImage> filterImages();
}
