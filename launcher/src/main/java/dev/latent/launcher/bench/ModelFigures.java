package dev.latent.launcher.bench;

import java.util.Locale;

/**
 * One model's benchmark figures, as printed and written to the JSON report.
 *
 * @param model                    the model's name in the manifest
 * @param profile                  the manifest's file name
 * @param batch                    samples per step
 * @param samplesPerSecond         median of the rounds
 * @param roundSamplesPerSecond    each round's figure
 * @param forwardMs                forward and loss per step (see {@link StepTimings})
 * @param backwardMs               backward per step
 * @param optimizerMs              the update per step
 * @param peakResidentMiB          VmHWM while this model ran, or -1 where unknown
 * @param mflopPerSample           the step's counted FLOPs per sample ({@link FlopCounter})
 * @param achievedGflops           mflopPerSample * samplesPerSecond / 1000
 * @param sgemmPeakFraction        achievedGflops over the measured sgemm peak
 * @param pytorchSamplesPerSecond  PyTorch's figure for the model, or 0 when there is none
 * @param ratioToPytorch           samplesPerSecond over PyTorch's, or 0
 */
public record ModelFigures(String model, String profile, int batch, double samplesPerSecond,
                           double[] roundSamplesPerSecond, double forwardMs, double backwardMs, double optimizerMs,
                           double peakResidentMiB, double mflopPerSample, double achievedGflops,
                           double sgemmPeakFraction, double pytorchSamplesPerSecond, double ratioToPytorch) {

    static ModelFigures of(String model, String profile, int batch, StepTimings t, double peakResidentMiB,
                           double flopsPerStep, double sgemmGflops, double pytorch) {
        double mflop = flopsPerStep / batch / 1e6;
        double gflops = mflop * t.samplesPerSecond() / 1000;
        return new ModelFigures(model, profile, batch, t.samplesPerSecond(), t.roundRates(), t.forwardMs(),
                t.backwardMs(), t.optimizerMs(), peakResidentMiB, mflop, gflops, gflops / sgemmGflops, pytorch,
                pytorch > 0 ? t.samplesPerSecond() / pytorch : 0);
    }

    static String header() {
        return String.format(Locale.ROOT, "%-20s %9s %8s %8s %8s %8s %9s %8s %8s %9s %6s",
                "profile", "samples/s", "fwd ms", "bwd ms", "opt ms", "RSS MiB", "MFLOP/smp", "GFLOP/s",
                "of peak", "PyTorch", "ratio");
    }

    String row() {
        return String.format(Locale.ROOT, "%-20s %9.0f %8.2f %8.2f %8.2f %8.0f %9.2f %8.1f %7.1f%% %9s %6s",
                profile, samplesPerSecond, forwardMs, backwardMs, optimizerMs, peakResidentMiB, mflopPerSample,
                achievedGflops, 100 * sgemmPeakFraction,
                pytorchSamplesPerSecond > 0 ? String.format(Locale.ROOT, "%.0f", pytorchSamplesPerSecond) : "-",
                ratioToPytorch > 0 ? String.format(Locale.ROOT, "%.2fx", ratioToPytorch) : "-");
    }
}
