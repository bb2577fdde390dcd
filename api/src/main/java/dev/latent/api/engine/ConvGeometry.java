package dev.latent.api.engine;

/**
 * The geometry of a 2-D convolution or pooling window, in PyTorch's conventions: kernel size,
 * stride, zero padding on each side, and the output padding of the transposed operations.
 *
 * <p>For a forward operation (convolution, pooling) an input of height H gives an output of
 * height {@link #outputHeight(int) Ho = (H + 2 padH - kH) / strideH + 1} (integer division,
 * rows of the input past the last whole window are ignored). For a transposed operation
 * (transposed convolution, unpooling) an input of height H gives
 * {@link #transposedOutputHeight(int) Ho = (H - 1) strideH - 2 padH + kH + outputPadH}: the
 * output padding adds rows at the bottom (columns at the right) so that one of the several
 * input sizes that a strided convolution maps to H can be chosen. Widths likewise.
 *
 * @param kH         kernel height, at least 1
 * @param kW         kernel width, at least 1
 * @param strideH    vertical stride, at least 1
 * @param strideW    horizontal stride, at least 1
 * @param padH       zero rows added above and below the input, at least 0
 * @param padW       zero columns added left and right of the input, at least 0
 * @param outputPadH extra output rows of the transposed operations, 0 &lt;= outputPadH &lt; strideH
 *                   (ignored by the forward operations)
 * @param outputPadW extra output columns of the transposed operations, 0 &lt;= outputPadW &lt; strideW
 */
public record ConvGeometry(int kH, int kW, int strideH, int strideW, int padH, int padW, int outputPadH, int outputPadW) {

    /** Checks the ranges given above. */
    public ConvGeometry {
        if (kH < 1 || kW < 1 || strideH < 1 || strideW < 1 || padH < 0 || padW < 0
                || outputPadH < 0 || outputPadW < 0 || outputPadH >= strideH || outputPadW >= strideW) {
            throw new IllegalArgumentException("invalid convolution geometry: kernel " + kH + "x" + kW + ", stride "
                    + strideH + "x" + strideW + ", padding " + padH + "x" + padW + ", output padding "
                    + outputPadH + "x" + outputPadW + " (need kernel, stride >= 1, padding >= 0,"
                    + " 0 <= output padding < stride)");
        }
    }

    /** A square kernel with equal strides and paddings and no output padding. */
    public static ConvGeometry of(int kernel, int stride, int pad) {
        return new ConvGeometry(kernel, kernel, stride, stride, pad, pad, 0, 0);
    }

    /** This geometry with the given output padding in both directions. */
    public ConvGeometry withOutputPadding(int outputPad) {
        return new ConvGeometry(kH, kW, strideH, strideW, padH, padW, outputPad, outputPad);
    }

    /** Ho = (H + 2 padH - kH) / strideH + 1; may be &lt;= 0 when the kernel does not fit. */
    public int outputHeight(int inputHeight) {
        return Math.floorDiv(inputHeight + 2 * padH - kH, strideH) + 1;
    }

    /** Wo = (W + 2 padW - kW) / strideW + 1; may be &lt;= 0 when the kernel does not fit. */
    public int outputWidth(int inputWidth) {
        return Math.floorDiv(inputWidth + 2 * padW - kW, strideW) + 1;
    }

    /** Ho = (H - 1) strideH - 2 padH + kH + outputPadH. */
    public int transposedOutputHeight(int inputHeight) {
        return (inputHeight - 1) * strideH - 2 * padH + kH + outputPadH;
    }

    /** Wo = (W - 1) strideW - 2 padW + kW + outputPadW. */
    public int transposedOutputWidth(int inputWidth) {
        return (inputWidth - 1) * strideW - 2 * padW + kW + outputPadW;
    }

    @Override
    public String toString() {
        return "kernel " + kH + "x" + kW + ", stride " + strideH + "x" + strideW + ", padding " + padH + "x" + padW
                + (outputPadH != 0 || outputPadW != 0 ? ", output padding " + outputPadH + "x" + outputPadW : "");
    }
}
