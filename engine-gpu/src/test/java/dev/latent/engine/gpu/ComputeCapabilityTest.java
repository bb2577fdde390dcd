package dev.latent.engine.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComputeCapabilityTest {

    @Test
    void readsNvidiaSmiLineFromAnH100() {
        // printed by nvidia-smi --query-gpu=name,compute_cap --format=csv,noheader on a lent H100, driver 580.159.04
        assertEquals(Optional.of(new ComputeCapability("NVIDIA H100 80GB HBM3", 9, 0)),
                ComputeCapability.parse("NVIDIA H100 80GB HBM3, 9.0"));
    }

    @Test
    void namesWithCommasKeepTheirCommas() {
        assertEquals(Optional.of(new ComputeCapability("Quadro RTX 8000, rev A", 7, 5)),
                ComputeCapability.parse("Quadro RTX 8000, rev A, 7.5"));
    }

    @Test
    void oldDriversErrorLineIsNotACapability() {
        assertEquals(Optional.empty(), ComputeCapability.parse("Field \"compute_cap\" is not a valid field to query."));
        assertEquals(Optional.empty(), ComputeCapability.parse("NVIDIA A100, [N/A]"));
    }

    @Test
    void cubinsRunOnTheirOwnGenerationWithTheSameOrAHigherMinorVersion() {
        assertTrue(KernelArchitectures.runsOn(new ComputeCapability("A100", 8, 0)));
        assertTrue(KernelArchitectures.runsOn(new ComputeCapability("RTX 3090", 8, 6)));
        assertTrue(KernelArchitectures.runsOn(new ComputeCapability("RTX 4090", 8, 9)));
        assertTrue(KernelArchitectures.runsOn(new ComputeCapability("T4", 7, 5)));
        assertTrue(KernelArchitectures.runsOn(new ComputeCapability("K80", 3, 7)));
        assertFalse(KernelArchitectures.runsOn(new ComputeCapability("K40", 3, 5)));
        assertFalse(KernelArchitectures.runsOn(new ComputeCapability("H100", 9, 0)));
        assertFalse(KernelArchitectures.runsOn(new ComputeCapability("B200", 10, 0)));
        assertFalse(KernelArchitectures.runsOn(new ComputeCapability("RTX 5090", 12, 0)));
    }

    @Test
    void listsTheArchitectures() {
        assertEquals("3.7, 5.0, 5.2, 6.0, 6.1, 7.0, 7.5, 8.0 and 8.6", KernelArchitectures.listed());
    }
}
