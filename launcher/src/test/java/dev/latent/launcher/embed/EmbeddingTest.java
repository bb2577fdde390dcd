package dev.latent.launcher.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latent.api.data.DataSplit;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Encoder;
import dev.latent.api.model.Generative;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.Model;
import dev.latent.api.model.Parameter;
import dev.latent.launcher.UserError;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.plugin.LatentHome;
import dev.latent.launcher.run.TinyRuns;
import dev.latent.launcher.run.TrainedRun;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code latent embed} on tiny runs trained here: the codes are the encoder's, of the right shape
 * in NPY and CSV; the plots are PNGs that read back; a VAE's interpolation strips start and end
 * at the decoded codes of their endpoints; bad settings and a model without codes are refused.
 */
class EmbeddingTest {

    /** Dense AE 784-16-4 on 240 digits for 2 epochs, tested on 60. */
    static final String AE = "seed: 5\n"
            + "engine: {name: cpu, threads: 1}\n"
            + "dataset: {name: mnist, trainLimit: 240, testLimit: 60}\n"
            + "model: {name: ae, hidden: [16], code: 4, activation: relu, outputActivation: sigmoid}\n"
            + "loss: mse\n"
            + "optimizer: {name: adam, learningRate: 0.01}\n"
            + "training: {epochs: 2, batchSize: 32, validationFraction: 0.1, pictures: 4}\n";
    static final String VAE = AE.replace("model: {name: ae, hidden: [16], code: 4,", "model: {name: vae, hidden: [16], latent: 3,");

    @TempDir
    static Path dir;
    static LatentHome home;
    static Manifest ae;
    static Manifest vae;
    static Path aeRun;
    static Path vaeRun;

    @BeforeAll
    static void trainOnce() throws Exception {
        home = TinyRuns.home(dir);
        ae = TinyRuns.manifest(home, Files.createDirectories(dir.resolve("ae")), AE + "output: " + dir.resolve("runs") + "\n");
        vae = TinyRuns.manifest(home, Files.createDirectories(dir.resolve("vae")), VAE + "output: " + dir.resolve("runs") + "\n");
        aeRun = TinyRuns.train(home, ae).run().path();
        vaeRun = TinyRuns.train(home, vae).run().path();
    }

    @Test
    void writesTheEncodersCodesAsNpyAndCsvAndPlotsThatReadBack() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (TrainedRun run = TinyRuns.load(home, aeRun, ae, w -> { })) {
            Path folder = Embedding.write(run, new Embedding.Settings(Optional.empty(), 10, Optional.empty()),
                    new PrintStream(log, true));
            assertEquals(aeRun.resolve("embed"), folder);
            float[] expected = encodeAtOnce(run, 60);

            byte[] npy = Files.readAllBytes(folder.resolve("codes.npy"));
            int headerLength = ByteBuffer.wrap(npy, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
            String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
            assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (60, 4), }"), header);
            float[] codes = new float[60 * 4];
            ByteBuffer.wrap(npy, 10 + headerLength, codes.length * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(codes);
            assertEquals(10 + headerLength + codes.length * 4, npy.length);
            assertArrayEquals(expected, codes, "codes.npy holds the encoder's codes of the first 60 test samples");

            List<String> csv = Files.readAllLines(folder.resolve("codes.csv"));
            assertEquals(61, csv.size());
            assertEquals("label,z0,z1,z2,z3", csv.get(0));
            DataSplit test = run.dataset().test();
            for (int i = 0; i < 60; i++) {
                String[] cells = csv.get(i + 1).split(",");
                assertEquals(Integer.toString(test.label(i)), cells[0]);
                for (int j = 0; j < 4; j++) {
                    assertEquals(expected[i * 4 + j], Float.parseFloat(cells[j + 1]), "row " + i + " z" + j);
                }
            }

            for (String png : List.of("pca.png", "tsne.png")) {
                BufferedImage image = ImageIO.read(folder.resolve(png).toFile());
                assertNotNull(image, png);
                assertEquals(900, image.getWidth());
                assertEquals(760, image.getHeight());
            }
            assertFalse(Files.exists(folder.resolve("latent.png")), "a code of 4 is projected, not drawn as it is");
            assertFalse(Files.exists(folder.resolve("interpolation.png")), "an AE is no generative model");
            JsonNode facts = new ObjectMapper().readTree(folder.resolve("embed.json").toFile());
            assertEquals(60, facts.get("samples").asInt());
            assertEquals(4, facts.get("code_size").asInt());
            assertEquals(5, facts.get("seed").asLong(), "the run's seed");
            assertEquals(10, facts.get("tsne_perplexity").asDouble());
            assertTrue(facts.get("pca_explained_variance").asDouble() > 0.5, facts.toString());
            assertTrue(log.toString().startsWith("encoded 60 test samples of mnist-subset into codes of 4\n"), log.toString());

            Embedding.write(run, new Embedding.Settings(Optional.of(30), 5, Optional.of(9L)), new PrintStream(log, true));
            assertEquals(31, Files.readAllLines(folder.resolve("codes.csv")).size(), "--samples 30: the folder is replaced");
            assertEquals(9, new ObjectMapper().readTree(folder.resolve("embed.json").toFile()).get("seed").asLong());
        }
    }

    @Test
    void aVaesInterpolationsStartAndEndAtTheDecodedEndpointCodes() throws Exception {
        try (TrainedRun run = TinyRuns.load(home, vaeRun, vae, w -> { })) {
            Encoder encoder = (Encoder) run.model();
            Generative generative = (Generative) run.model();
            DataSplit test = run.dataset().test();
            int d = test.sampleSize();
            float[][] rows = Interpolations.rows(run.engine(), run.manifest().dtype(), encoder, generative, test, 3, 5);
            assertEquals(3, rows.length);
            float[] codes = encodeAtOnce(run, 6);
            for (int p = 0; p < 3; p++) {
                float[] a = Arrays.copyOfRange(codes, 2 * p * 3, 2 * p * 3 + 3);
                float[] b = Arrays.copyOfRange(codes, (2 * p + 1) * 3, (2 * p + 1) * 3 + 3);
                assertEquals(7 * d, rows[p].length, "sample a, 5 steps, sample b");
                assertArrayEquals(sample(test, 2 * p), image(rows[p], 0, d), "the first image is the sample a");
                assertArrayEquals(decode(run, generative, a), image(rows[p], 1, d), 1e-6f, "t = 0 decodes enc(a)");
                assertArrayEquals(decode(run, generative, b), image(rows[p], 5, d), 1e-6f, "t = 1 decodes enc(b)");
                float[] mid = new float[3];
                for (int j = 0; j < 3; j++) {
                    mid[j] = (a[j] + b[j]) / 2;
                }
                assertArrayEquals(decode(run, generative, mid), image(rows[p], 3, d), 1e-5f, "t = 1/2 decodes the midpoint");
                assertArrayEquals(sample(test, 2 * p + 1), image(rows[p], 6, d), "the last image is the sample b");
            }

            Path folder = Embedding.write(run, new Embedding.Settings(Optional.empty(), 10, Optional.empty()),
                    new PrintStream(new ByteArrayOutputStream(), true));
            BufferedImage strips = ImageIO.read(folder.resolve("interpolation.png").toFile());
            assertEquals(12 * (28 * 3 + 2) + 2, strips.getWidth(), "12 images a row (ImageGrid: 3x scale, 2 px gaps)");
            assertEquals(8 * (28 * 3 + 2) + 2, strips.getHeight(), "8 pairs");
            BufferedImage prior = ImageIO.read(folder.resolve("prior-samples.png").toFile());
            assertEquals(10 * (28 * 3 + 2) + 2, prior.getWidth());
            assertEquals(8 * (28 * 3 + 2) + 2, prior.getHeight());
            assertNotNull(ImageIO.read(folder.resolve("pca.png").toFile()), "a latent of 3 is projected too");
        }
    }

    @Test
    void refusesBadSettingsAndAModelWithoutCodes() throws Exception {
        try (TrainedRun run = TinyRuns.load(home, aeRun, ae, w -> { })) {
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true);
            assertEquals("--samples must be in [2, 60] (the test samples of mnist-subset), found 61",
                    assertThrows(UserError.class, () -> Embedding.write(run,
                            new Embedding.Settings(Optional.of(61), 10, Optional.empty()), quiet)).getMessage());
            assertEquals("--perplexity must be positive and below the number of samples embedded (20), found 20.0",
                    assertThrows(UserError.class, () -> Embedding.write(run,
                            new Embedding.Settings(Optional.of(20), 20, Optional.empty()), quiet)).getMessage());
            assertEquals("--perplexity must be positive and below the number of samples embedded (60), found -1.0",
                    assertThrows(UserError.class, () -> Embedding.write(run,
                            new Embedding.Settings(Optional.empty(), -1, Optional.empty()), quiet)).getMessage());
        }
        assertEquals("the model 'psd' of the run " + aeRun + " does not map a sample to a code (it implements no"
                + " Encoder), so it has no latent space to embed",
                assertThrows(UserError.class, () -> Embedding.encoder(new NoCodes(), "psd", aeRun)).getMessage());
    }

    /** The codes of the first n test samples, encoded in one batch. */
    private static float[] encodeAtOnce(TrainedRun run, int n) {
        DataSplit test = run.dataset().test();
        float[] x = new float[n * test.sampleSize()];
        test.copySamples(IntStream.range(0, n).toArray(), 0, n, x);
        try (Tensor batch = run.engine().zeros(run.manifest().dtype(), n, test.sampleSize())) {
            run.engine().assign(batch, x);
            return ((Encoder) run.model()).encode(batch).toFloatArray();
        }
    }

    private static float[] decode(TrainedRun run, Generative model, float[] code) {
        try (Tensor z = run.engine().zeros(run.manifest().dtype(), 1, code.length)) {
            run.engine().assign(z, code);
            return model.decode(z).toFloatArray();
        }
    }

    private static float[] sample(DataSplit split, int index) {
        float[] x = new float[split.sampleSize()];
        split.copySamples(new int[] {index}, 0, 1, x);
        return x;
    }

    private static float[] image(float[] row, int index, int size) {
        return Arrays.copyOfRange(row, index * size, (index + 1) * size);
    }

    /** A model that gives no codes. */
    private static final class NoCodes implements Model {
        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public LossReport trainStep(Tensor input, Tensor target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LossReport evaluate(Tensor input, Tensor target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Tensor reconstruct(Tensor input) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void accumulateCurvature(Tensor input, Tensor target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
