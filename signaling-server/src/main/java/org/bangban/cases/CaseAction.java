package org.bangban.cases;

import java.util.Objects;

/**
 * Something done to a case that changes it, decided by {@link CaseWorkflow} and applied by {@link Cases#apply}.
 * Notes are optional (null or blank for none), at most {@value #MAX_NOTE} characters.
 *
 * <p>There is no "reopen": {@link CaseState#CLOSED}, {@link CaseState#ARCHIVED} and {@link CaseState#TERMINATED}
 * are final. A later request is a new case; ratings and follow-ups of an ended case are appended as events.
 */
public sealed interface CaseAction {
    int MAX_NOTE = 2000;

    /** The note, or null. */
    String note();

    /** Move the case along its flow to {@code to} (see {@link CaseWorkflow} for the allowed steps). */
    record Advance(CaseState to, String note) implements CaseAction {
        public Advance {
            if (to == null) throw invalid("an advance needs the state to go to");
            note = checkedNote(note);
        }

        public Advance(CaseState to) {
            this(to, null);
        }
    }

    /** 服务终止: end the case early, always with a reason. */
    record Terminate(TerminationReason reason, String note) implements CaseAction {
        public Terminate {
            if (reason == null) {
                throw invalid("a termination needs a reason, one of " + java.util.Arrays.toString(
                        TerminationReason.values()));
            }
            note = checkedNote(note);
        }

        public Terminate(TerminationReason reason) {
            this(reason, null);
        }
    }

    /** Record (or correct) the case's result. */
    record RecordResult(CaseResult result, String note) implements CaseAction {
        public RecordResult {
            if (result == null) {
                throw invalid("a result is one of " + java.util.Arrays.toString(CaseResult.values()) + "; got none");
            }
            note = checkedNote(note);
        }

        public RecordResult(CaseResult result) {
            this(result, null);
        }
    }

    /**
     * Turn a 帮办 case into a 代办 mandate. Only the caller knows the item list, so it says whether the case's item is
     * delegable (on the managed list 清单制管理).
     */
    record ConvertToDelegation(boolean itemDelegable, String note) implements CaseAction {
        public ConvertToDelegation {
            note = checkedNote(note);
        }

        public ConvertToDelegation(boolean itemDelegable) {
            this(itemDelegable, null);
        }
    }

    /**
     * A note as kept: null when blank.
     *
     * @throws CaseException {@code invalid} when longer than {@value #MAX_NOTE} characters
     */
    static String checkedNote(String note) {
        if (note == null || note.isBlank()) return null;
        if (note.length() > MAX_NOTE) {
            throw invalid("a note has at most " + MAX_NOTE + " characters, this one has " + note.length()
                    + "; shorten it or add it as several notes");
        }
        return note;
    }

    private static CaseException invalid(String message) {
        return new CaseException(CaseException.Code.INVALID, Objects.requireNonNull(message));
    }
}
