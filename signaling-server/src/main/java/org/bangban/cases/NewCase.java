package org.bangban.cases;

import org.bangban.queue.GreenReason;
import org.bangban.queue.PriorityClass;
import org.bangban.queue.ServiceKind;

/**
 * What a case is opened with ({@link Cases#open}). Build with {@link #builder}; {@code build()} checks it.
 *
 * @param applicantId   the applicant's pseudonymous id (guest or portal id), required
 * @param realName      real-name data if given (encrypted at rest), else null
 * @param itemId        the service item 事项, required
 * @param department    the department responsible for the item, if known
 * @param kind          帮办 or 代办; a 代办 case needs {@code itemDelegable}
 * @param channel       where the case came from
 * @param priority      NORMAL, or GREEN with a {@code greenReason}
 * @param requestId     the help request that opened it (at most one case per request), if any
 * @param description   what the applicant needs, at most {@value #MAX_DESCRIPTION} characters
 * @param helperId      the helper assigned at once as {@link HelperRole#PRIMARY}, if any
 * @param itemDelegable whether the item is on the list of delegable items (the caller knows the catalogue)
 */
public record NewCase(String applicantId, RealName realName, String itemId, String department, ServiceKind kind,
                      Channel channel, PriorityClass priority, GreenReason greenReason, String requestId,
                      String description, String helperId, boolean itemDelegable) {
    public static final int MAX_DESCRIPTION = 4000;
    public static final int MAX_ID = 200;

    public NewCase {
        applicantId = required(applicantId, "applicant id");
        itemId = required(itemId, "service item id");
        department = optional(department, "department");
        requestId = optional(requestId, "request id");
        helperId = optional(helperId, "helper id");
        if (kind == null) throw invalid("a case needs a kind: ASSIST (帮办) or DELEGATE (代办)");
        if (channel == null) throw invalid("a case needs a channel: ONLINE, SERVICE_HALL, HOME_VISIT or PARTNER");
        if (priority == null) priority = PriorityClass.NORMAL;
        if (priority == PriorityClass.GREEN && greenReason == null) {
            throw invalid("a green-channel 绿色通道 case needs a reason: ELDERLY, DISABILITY or KEY_PROJECT");
        }
        if (priority == PriorityClass.NORMAL && greenReason != null) {
            throw invalid("a green reason (" + greenReason + ") was given for a case that is not on the green channel;"
                    + " set the priority to GREEN or drop the reason");
        }
        if (realName != null && realName.isEmpty()) realName = null;
        if (description != null && description.isBlank()) description = null;
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw invalid("a case description has at most " + MAX_DESCRIPTION + " characters, this one has "
                    + description.length());
        }
        if (kind == ServiceKind.DELEGATE && !itemDelegable) {
            throw new CaseException(CaseException.Code.NOT_DELEGABLE, "item " + itemId + " is not on the list of"
                    + " items that may be delegated (清单制管理), so no 代办 mandate can be opened for it; open a 帮办"
                    + " case instead, or add the item to the list first");
        }
    }

    public static Builder builder(String applicantId, String itemId, ServiceKind kind, Channel channel) {
        return new Builder(applicantId, itemId, kind, channel);
    }

    /** Builds a {@link NewCase}; everything but the four required values is optional. */
    public static final class Builder {
        private final String applicantId;
        private final String itemId;
        private final ServiceKind kind;
        private final Channel channel;
        private RealName realName;
        private String department;
        private PriorityClass priority = PriorityClass.NORMAL;
        private GreenReason greenReason;
        private String requestId;
        private String description;
        private String helperId;
        private boolean itemDelegable;

        private Builder(String applicantId, String itemId, ServiceKind kind, Channel channel) {
            this.applicantId = applicantId;
            this.itemId = itemId;
            this.kind = kind;
            this.channel = channel;
        }

        public Builder realName(RealName value) {
            this.realName = value;
            return this;
        }

        public Builder department(String value) {
            this.department = value;
            return this;
        }

        /** On the green channel 绿色通道, for this reason. */
        public Builder green(GreenReason reason) {
            this.priority = PriorityClass.GREEN;
            this.greenReason = reason;
            return this;
        }

        public Builder requestId(String value) {
            this.requestId = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder helper(String value) {
            this.helperId = value;
            return this;
        }

        public Builder itemDelegable(boolean value) {
            this.itemDelegable = value;
            return this;
        }

        public NewCase build() {
            return new NewCase(applicantId, realName, itemId, department, kind, channel, priority, greenReason,
                    requestId, description, helperId, itemDelegable);
        }
    }

    private static String required(String value, String what) {
        String v = optional(value, what);
        if (v == null) throw invalid("a case needs a " + what + "; got none");
        return v;
    }

    private static String optional(String value, String what) {
        if (value == null || value.isBlank()) return null;
        String v = value.strip();
        if (v.length() > MAX_ID) {
            throw invalid("the " + what + " has " + v.length() + " characters, more than " + MAX_ID);
        }
        return v;
    }

    private static CaseException invalid(String message) {
        return new CaseException(CaseException.Code.INVALID, message);
    }
}
