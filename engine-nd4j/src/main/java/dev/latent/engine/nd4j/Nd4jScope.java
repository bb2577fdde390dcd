package dev.latent.engine.nd4j;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Scope;
import dev.latent.api.engine.Tensor;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link Scope} on an ND4J workspace: after the first cycle learns its size, temporaries of a
 * training step come from one reused block of native memory instead of fresh allocations
 * (which cost about 3 ms per MB on our VMs, DESIGN.md).
 */
final class Nd4jScope implements Scope {

    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final MemoryWorkspace workspace;
    private final Nd4jEngine engine;

    Nd4jScope(Nd4jEngine engine) {
        this.engine = engine;
        int depth = DEPTH.get()[0]++;
        this.workspace = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, "latent-scope-" + depth);
    }

    @Override
    public Tensor zeros(DType dtype, int... shape) {
        long[] s = java.util.Arrays.stream(shape).asLongStream().toArray();
        try (MemoryWorkspace ignored = workspace.notifyScopeBorrowed()) {
            return new Nd4jTensor(Nd4j.zeros(Nd4jTensor.toNd4j(dtype), s), dtype, engine);
        }
    }

    @Override
    public void close() {
        workspace.close();
        DEPTH.get()[0]--;
    }
}
