package org.bangban.cases;

import java.util.List;
import java.util.Random;
import org.bangban.queue.GreenReason;
import org.bangban.queue.PriorityClass;
import org.bangban.queue.ServiceKind;

/**
 * Random case actions for property tests: mostly ones the workflow allows now (so sequences go deep), some that
 * it refuses (so refusals are exercised too). Seeded: a failure names its seed and can be replayed.
 */
final class RandomActions {
    private final Random random;

    RandomActions(long seed) {
        this.random = new Random(seed);
    }

    ServiceKind kind() {
        return random.nextBoolean() ? ServiceKind.ASSIST : ServiceKind.DELEGATE;
    }

    GreenReason greenReasonOrNull() {
        return random.nextInt(3) == 0 ? GreenReason.values()[random.nextInt(GreenReason.values().length)] : null;
    }

    static PriorityClass priority(GreenReason reason) {
        return reason == null ? PriorityClass.NORMAL : PriorityClass.GREEN;
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** An action for a case in this status. */
    CaseAction next(CaseStatus status) {
        int roll = random.nextInt(100);
        List<CaseState> allowed = List.copyOf(CaseWorkflow.allowedNext(status));
        if (roll < 45 && !allowed.isEmpty()) {
            return new CaseAction.Advance(allowed.get(random.nextInt(allowed.size())), random.nextBoolean() ? "n" : null);
        }
        if (roll < 65) return new CaseAction.RecordResult(pick(CaseResult.values()));
        if (roll < 72) return new CaseAction.Terminate(pick(TerminationReason.values()), "t");
        if (roll < 80) return new CaseAction.ConvertToDelegation(random.nextInt(4) != 0);
        return new CaseAction.Advance(pick(CaseState.values())); // mostly refused
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
