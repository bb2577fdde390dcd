package dev.latent.engine.nd4j;

import dev.latent.api.engine.Scope;
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

    Nd4jScope() {
        int depth = DEPTH.get()[0]++;
        this.workspace = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, "latent-scope-" + depth);
    }

    /** Whether a scope is open on this thread (tensors made now are temporaries). */
    static boolean active() {
        return DEPTH.get()[0] > 0;
    }

    @Override
    public void close() {
        workspace.close();
        DEPTH.get()[0]--;
    }
}
