package org.bangban.evaluation;

import java.time.Duration;
import org.bangban.config.Config;

/**
 * The tunables of evaluations 好差评 (keys of bangban-defaults.properties).
 *
 * @param window               {@code evaluation.window}: how long after the session ended its applicant may rate
 *                             it (default 7 days, {@code P7D}); also how long after the report back 反馈 the
 *                             applicant may add the follow-up rating 追评
 * @param contactWorkingDays   {@code followup.contact.workingdays}: deadline of the 回访 contact, in working days
 *                             from the bad rating (default 1)
 * @param rectifyWorkingDays   {@code followup.rectify.workingdays}: deadline of the 整改 rectification, in working
 *                             days from the bad rating (default 15); verification and the report back are due by
 *                             it too
 */
public record EvaluationSettings(Duration window, int contactWorkingDays, int rectifyWorkingDays) {
    public static final EvaluationSettings DEFAULTS = new EvaluationSettings(Duration.ofDays(7), 1, 15);

    public EvaluationSettings {
        if (window == null || window.isNegative() || window.isZero())
            throw new IllegalArgumentException("evaluation.window must be a positive duration, was " + window);
        if (contactWorkingDays < 0)
            throw new IllegalArgumentException("followup.contact.workingdays must not be negative, was "
                    + contactWorkingDays);
        if (rectifyWorkingDays < contactWorkingDays)
            throw new IllegalArgumentException("followup.rectify.workingdays (" + rectifyWorkingDays + ") must not be"
                    + " less than followup.contact.workingdays (" + contactWorkingDays + "): the contact comes first");
    }

    /** From {@code evaluation.window}, {@code followup.contact.workingdays} and {@code followup.rectify.workingdays}. */
    public static EvaluationSettings from(Config c) {
        try {
            return new EvaluationSettings(c.duration("evaluation.window"), c.integer("followup.contact.workingdays"),
                    c.integer("followup.rectify.workingdays"));
        } catch (IllegalArgumentException e) {
            throw new Config.ConfigException(e.getMessage());
        }
    }
}
