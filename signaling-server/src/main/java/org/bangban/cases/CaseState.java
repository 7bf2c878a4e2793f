package org.bangban.cases;

import org.bangban.queue.ServiceKind;

/**
 * Where a case stands, in the two flows of the standard (transitions: {@link CaseWorkflow}).
 * <ul>
 *   <li>帮办 {@link ServiceKind#ASSIST}: {@link #INTAKE} 受理需求 → {@link #GUIDED_HANDLING} 辅助办理 →
 *   {@link #RESULT_FEEDBACK} 结果反馈 → {@link #CLOSED} 办结.</li>
 *   <li>代办 {@link ServiceKind#DELEGATE}: {@link #MANDATE_ACCEPTED} 接受委托 → {@link #PLANNING} 制定方案 →
 *   {@link #MATERIALS} 材料收集与报送 → {@link #TRACKING} 跟踪反馈 → {@link #DELIVERY} 结果交付 →
 *   {@link #ARCHIVED} 资料归档.</li>
 *   <li>{@link #TERMINATED} 服务终止 from any state that is not final, always with a {@link TerminationReason}.</li>
 * </ul>
 * {@link #CLOSED}, {@link #ARCHIVED} and {@link #TERMINATED} are final: nothing changes the state any more (notes,
 * evaluations and follow-ups are still appended as events).
 */
public enum CaseState implements Labelled {
    INTAKE("受理需求", "intake", ServiceKind.ASSIST),
    GUIDED_HANDLING("辅助办理", "guided handling", ServiceKind.ASSIST),
    RESULT_FEEDBACK("结果反馈", "result feedback", ServiceKind.ASSIST),
    CLOSED("办结", "closed", ServiceKind.ASSIST),
    MANDATE_ACCEPTED("接受委托", "mandate accepted", ServiceKind.DELEGATE),
    PLANNING("制定方案", "planning", ServiceKind.DELEGATE),
    MATERIALS("材料收集与报送", "materials", ServiceKind.DELEGATE),
    TRACKING("跟踪反馈", "tracking", ServiceKind.DELEGATE),
    DELIVERY("结果交付", "delivery", ServiceKind.DELEGATE),
    ARCHIVED("资料归档", "archived", ServiceKind.DELEGATE),
    TERMINATED("服务终止", "terminated", null);

    private final String zh;
    private final String en;
    private final ServiceKind flow;

    CaseState(String zh, String en, ServiceKind flow) {
        this.zh = zh;
        this.en = en;
        this.flow = flow;
    }

    /** The state a new case of this kind starts in: {@link #INTAKE} or {@link #MANDATE_ACCEPTED}. */
    public static CaseState initial(ServiceKind kind) {
        return kind == ServiceKind.DELEGATE ? MANDATE_ACCEPTED : INTAKE;
    }

    /** The flow this state belongs to; null for {@link #TERMINATED}, which ends either. */
    public ServiceKind flow() {
        return flow;
    }

    /** Whether the case has ended: {@link #CLOSED}, {@link #ARCHIVED} or {@link #TERMINATED}. */
    public boolean isFinal() {
        return this == CLOSED || this == ARCHIVED || this == TERMINATED;
    }

    /** "INTAKE (受理需求)", for messages. */
    public String describe() {
        return name() + " (" + zh + ")";
    }

    @Override
    public String zh() {
        return zh;
    }

    @Override
    public String en() {
        return en;
    }
}
