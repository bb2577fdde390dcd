package dev.latent.api.engine;

import static dev.latent.api.engine.TensorAssertions.near;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Engine#view}: a view shares its tensor's elements both ways, works as any operation's
 * input and output, and closing it leaves the tensor alone. An engine that shares no memory
 * returns no view, and those checks are skipped; the size check holds for every engine. Part of
 * {@link EngineConformanceSuite}.
 */
public abstract class ViewConformanceChecks extends MaxPoolingConformanceChecks {

    private Tensor viewOf(Tensor t, int... shape) {
        Optional<Tensor> view = engine.view(t, shape);
        Assumptions.assumeTrue(view.isPresent(), engine.name() + " shares no memory between shapes");
        return view.get();
    }

    @Test
    void aViewOfAnotherSizeIsRefused() {
        Tensor t = engine.zeros(DType.FLOAT32, 2, 6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine.view(t, 2, 2, 2));
        assertTrue(e.getMessage().contains("12 elements") && e.getMessage().contains("(8)"), e.getMessage());
        t.close();
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void aViewSharesTheElementsBothWays(DType d) {
        Tensor rows = t(d, s(2, 6), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        Tensor images = viewOf(rows, 2, 3, 1, 2);
        assertArrayEquals(new int[] {2, 3, 1, 2}, images.shape());
        near(d, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, images);
        engine.scale(images, 2, images);
        near(d, new double[] {2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24}, rows);
        engine.fill(rows, 0.5);
        near(d, new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, images);
        images.close();
        near(d, new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, rows);
        rows.close();
    }

    /** A convolution between views of rank-2 rows gives what it gives between rank-4 copies. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void convolutionsReadAndWriteThroughViews(DType d) {
        ConvGeometry g = ConvGeometry.of(2, 1, 0);
        Tensor x = t(d, s(2, 9), 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 8, 7, 6, 5, 4, 3, 2, 1);
        Tensor w = t(d, s(1, 1, 2, 2), 1, 0, 0, -1);
        Tensor yRows = engine.zeros(d, 2, 4);
        engine.conv2d(viewOf(x, 2, 1, 3, 3), w, null, g, viewOf(yRows, 2, 1, 2, 2));
        Tensor x4 = engine.zeros(d, 2, 1, 3, 3);
        engine.copy(x, x4);
        Tensor y4 = engine.zeros(d, 2, 1, 2, 2);
        engine.conv2d(x4, w, null, g, y4);
        near(d, new double[] {-4, -4, -4, -4, 4, 4, 4, 4}, y4);
        near(d, y4.toDoubleArray(), yRows);
        for (Tensor t : new Tensor[] {x, w, yRows, x4, y4}) {
            t.close();
        }
    }

    @Test
    void aViewOfAViewIsAViewOfTheFirst() {
        Tensor t = engine.zeros(DType.FLOAT64, 4, 6);
        Tensor inner = viewOf(viewOf(t, 4, 2, 3), 24);
        engine.fill(inner, 3);
        assertEquals(72.0, engine.sum(t), 0.0);
        t.close();
    }
}
