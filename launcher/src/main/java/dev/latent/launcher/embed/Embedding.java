package dev.latent.launcher.embed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.latent.api.data.DataSplit;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.model.Encoder;
import dev.latent.api.model.Generative;
import dev.latent.api.model.Model;
import dev.latent.launcher.UserError;
import dev.latent.launcher.output.AtomicFiles;
import dev.latent.launcher.output.ImageGrid;
import dev.latent.launcher.run.TrainedRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code latent embed RUN} writes into {@code <run>/embed/} (replaced whole): the codes of
 * the first {@code samples} test samples ({@code codes.npy} {@code [samples, codeSize]} in the
 * model's dtype, and {@code codes.csv} with the label first), their scatter plots
 * ({@link LatentPlots}), for a {@link Generative} model of images {@code interpolation.png}
 * ({@link Interpolations}: {@value #PAIRS} pairs of test images, {@value #STEPS} steps) and
 * {@code prior-samples.png} ({@value #SAMPLE_ROWS} x {@value #SAMPLE_COLUMNS} draws from the
 * prior), and {@code embed.json} (the settings and what the plots measured).
 */
public final class Embedding {

    public static final String FOLDER = "embed";
    static final int PAIRS = 8;
    static final int STEPS = 10;
    static final int SAMPLE_ROWS = 8;
    static final int SAMPLE_COLUMNS = 10;
    /** Separates the prior draws of prior-samples.png from the run's other streams of the same seed. */
    private static final long PRIOR_SALT = 0x5EED_E3BE_DL;
    private static final int BATCH = 500;

    private Embedding() {
    }

    /**
     * The settings of one embedding.
     *
     * @param samples    how many test samples (the first ones); empty for all
     * @param perplexity t-SNE's perplexity
     * @param seed       the seed of t-SNE's start and of the prior draws; empty for the run's seed
     */
    public record Settings(Optional<Integer> samples, double perplexity, Optional<Long> seed) {
    }

    /** The model's {@link Encoder}, or a {@link UserError} saying the run has no codes to embed. */
    public static Encoder encoder(Model model, String name, Path run) {
        if (model instanceof Encoder e) {
            return e;
        }
        throw new UserError("the model '" + name + "' of the run " + run + " does not map a sample to a code"
                + " (it implements no Encoder), so it has no latent space to embed");
    }

    /** Writes {@code <run>/embed/} for the loaded run; returns that folder. */
    public static Path write(TrainedRun run, Settings settings, PrintStream log) throws IOException {
        Path folder = run.folder().path().resolve(FOLDER);
        Encoder encoder = encoder(run.model(), run.manifest().choice("model").name(), run.folder().path());
        DataSplit test = run.dataset().test();
        int n = settings.samples().orElse(test.count());
        if (n < 2 || n > test.count()) {
            throw new UserError("--samples must be in [2, " + test.count() + "] (the test samples of "
                    + run.dataset().name() + "), found " + n);
        }
        if (!(settings.perplexity() > 0) || settings.perplexity() >= Math.min(n, Tsne.MAX_POINTS)) {
            throw new UserError("--perplexity must be positive and below the number of samples embedded ("
                    + Math.min(n, Tsne.MAX_POINTS) + "), found " + settings.perplexity());
        }
        long seed = settings.seed().orElse(run.manifest().seed());
        Engine engine = run.engine();
        DType dtype = run.manifest().dtype();
        DataSplit samples = test.head(n);
        Codes codes = Codes.of(engine, dtype, encoder, samples, BATCH);
        log.printf("encoded %d test samples of %s into codes of %d%n", n, run.dataset().name(), codes.size());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("samples", n);
        facts.put("code_size", codes.size());
        facts.put("seed", seed);
        facts.put("checkpoint", run.checkpoint().toString());
        AtomicFiles.writeFolder(folder, dir -> {
            AtomicFiles.write(dir.resolve("codes.npy"), out -> codes.writeNpy(engine, out));
            AtomicFiles.write(dir.resolve("codes.csv"), codes::writeCsv);
            facts.putAll(LatentPlots.write(engine, codes, settings.perplexity(), seed, dir, log));
            if (run.model() instanceof Generative generative) {
                generativePictures(run, encoder, generative, samples, seed, dir, log);
            }
            AtomicFiles.write(dir.resolve("embed.json"),
                    out -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, facts));
        });
        return folder;
    }

    /** interpolation.png and prior-samples.png, when the samples are single-channel images. */
    private static void generativePictures(TrainedRun run, Encoder encoder, Generative model, DataSplit samples,
                                           long seed, Path dir, PrintStream log) throws IOException {
        int[] shape = samples.sampleShape();
        int size = samples.sampleSize();
        if (shape.length < 2 || shape[shape.length - 2] * shape[shape.length - 1] != size) {
            log.println("no interpolation or prior samples: the samples are not single-channel images ("
                    + Arrays.toString(shape) + ")");
            return;
        }
        int height = shape[shape.length - 2];
        int width = shape[shape.length - 1];
        Engine engine = run.engine();
        int pairs = Math.min(PAIRS, samples.count() / 2);
        float[][] strips = Interpolations.rows(engine, run.manifest().dtype(), encoder, model, samples, pairs, STEPS);
        AtomicFiles.write(dir.resolve("interpolation.png"), out -> ImageGrid.write(strips, STEPS + 2, height, width, out));
        float[] drawn = model.sample(SAMPLE_ROWS * SAMPLE_COLUMNS, engine.random(seed ^ PRIOR_SALT)).toFloatArray();
        float[][] grid = new float[SAMPLE_ROWS][];
        int perRow = SAMPLE_COLUMNS * size;
        for (int r = 0; r < SAMPLE_ROWS; r++) {
            grid[r] = Arrays.copyOfRange(drawn, r * perRow, (r + 1) * perRow);
        }
        AtomicFiles.write(dir.resolve("prior-samples.png"), out -> ImageGrid.write(grid, SAMPLE_COLUMNS, height, width, out));
        log.printf("decoded %d interpolations of %d steps and %d draws from the prior%n", pairs, STEPS,
                SAMPLE_ROWS * SAMPLE_COLUMNS);
    }
}
