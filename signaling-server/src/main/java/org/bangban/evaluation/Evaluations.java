package org.bangban.evaluation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bangban.identity.Role;
import org.bangban.store.Columns;
import org.bangban.store.Dialect;
import org.bangban.store.Ids;
import org.bangban.store.RecordStore;
import org.bangban.store.RecordStoreException;

/**
 * The evaluation store 好差评: ratings of sessions, the follow-up of bad ratings, 追评 and appeals, over the
 * {@link RecordStore}. The rules are in {@link RatingRules} and {@link FollowUp}; this class loads, checks and
 * writes atomically.
 *
 * <p><b>Nobody changes or removes a rating.</b> No method updates a rating's level, tags, comment or times, and
 * none deletes anything; the only column ever updated is {@code excluded}, when a supervisor upholds an appeal.
 * The follow-up history ({@code follow_up_step}) is append-only.
 *
 * <p><b>Composable.</b> Every write has a variant taking a {@link Connection} that is inside a transaction
 * (from {@link RecordStore#write}), so that a caller can record a rating and its case event all or nothing. Those
 * variants check everything before they write: a refusal ({@link EvaluationException}) leaves the connection's
 * transaction as it was. The variants without a connection run in a transaction of their own, committed when they
 * return. A follow-up is locked while it changes ({@code SELECT … FOR UPDATE} on PostgreSQL; SQLite serialises
 * writes), so two steps on one follow-up never both pass.
 *
 * <p>Times are the caller's {@code now}, so tests and replays are deterministic.
 */
public final class Evaluations {
    private static final String EVALUATION_COLUMNS = "e.id, e.session_id, e.case_number, e.applicant_id,"
            + " e.helper_id, e.level, e.tags, e.comment, e.created_at, e.created_day, e.session_ended_at, e.excluded,"
            + " s.level AS second_level, s.comment AS second_comment, s.created_at AS second_at";
    private static final String EVALUATION_FROM = " FROM evaluation e"
            + " LEFT JOIN evaluation_second_rating s ON s.evaluation_id = e.id";
    private static final String FOLLOW_UP_COLUMNS = "id, evaluation_id, case_number, applicant_id, helper_id, state,"
            + " opened_at, contact_due_at, rectify_due_at, contacted_at, verified_at, rectified_at, reported_back_at,"
            + " closed_at, close_reason, appeal_by, appeal_reason, appeal_at, appeal_decision, appeal_decided_by,"
            + " appeal_decided_at, appeal_note, last_seq";
    private static final int MAX_PAGE = 1000;

    private final RecordStore store;
    private final EvaluationSettings settings;
    private final WorkingDays workingDays;

    public Evaluations(RecordStore store, EvaluationSettings settings, WorkingDays workingDays) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.workingDays = Objects.requireNonNull(workingDays, "workingDays");
    }

    public EvaluationSettings settings() {
        return settings;
    }

    // ---- rating ----

    /** {@link #rate(Connection, NewRating, Instant)} in a transaction of its own, committed when it returns. */
    public Rated rate(NewRating rating, Instant now) {
        Objects.requireNonNull(rating, "rating");
        return store.write("the rating of session " + rating.sessionId(), c -> rate(c, rating, now));
    }

    /**
     * Records an applicant's rating of a session; a bad rating 差评 opens its follow-up in the same transaction,
     * with deadlines in working days from {@code now}.
     *
     * @throws EvaluationException {@code forbidden} (not the session's applicant), {@code window_closed},
     *                             {@code already_rated} (this session has a rating: the first stands); nothing is
     *                             written then
     */
    public Rated rate(Connection c, NewRating rating, Instant now) throws SQLException {
        Objects.requireNonNull(rating, "rating");
        Objects.requireNonNull(now, "now");
        RatingRules.check(rating, now, settings.window());
        Evaluation e = new Evaluation(Ids.newId("ev"), rating.sessionId(), rating.caseNumber(),
                rating.applicantId(), rating.helperId(), rating.level(), rating.tags(), rating.comment(), now,
                workingDays.dateOf(now), rating.sessionEndedAt(), false, null);
        // ON CONFLICT DO NOTHING (both databases): a second rating, even a concurrent one, is seen as 0 rows
        // without an error that would abort a PostgreSQL transaction the caller may still be using.
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO evaluation (id, session_id, case_number,"
                + " applicant_id, helper_id, level, score, tags, comment, created_at, created_day, session_ended_at,"
                + " excluded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (session_id) DO NOTHING")) {
            ps.setString(1, e.id());
            ps.setString(2, e.sessionId());
            ps.setString(3, e.caseNumber());
            ps.setString(4, e.applicantId());
            ps.setString(5, e.helperId());
            ps.setString(6, e.level().name());
            ps.setInt(7, e.level().score());
            ps.setString(8, RatingTag.store(e.tags()));
            ps.setString(9, e.comment());
            ps.setLong(10, now.toEpochMilli());
            ps.setString(11, e.day().toString());
            ps.setLong(12, e.sessionEndedAt().toEpochMilli());
            if (ps.executeUpdate() == 0) {
                throw new EvaluationException(EvaluationException.ALREADY_RATED, "session " + rating.sessionId()
                        + " has already been rated; a session is rated once and a rating cannot be changed");
            }
        }
        if (!e.isBad()) return new Rated(e, null);
        FollowUpChange opened = FollowUp.open(Ids.newId("fu"), e, settings, workingDays);
        insertFollowUp(c, opened.followUp());
        insertStep(c, opened.step());
        return new Rated(e, opened);
    }

    /** {@link #addSecondRating(Connection, String, Actor, RatingLevel, String, Instant)} in its own transaction. */
    public SecondRated addSecondRating(String evaluationId, Actor applicant, RatingLevel level, String comment,
                                       Instant now) {
        return store.write("the follow-up rating of evaluation " + evaluationId,
                c -> addSecondRating(c, evaluationId, applicant, level, comment, now));
    }

    /**
     * Records the applicant's one follow-up rating 追评 of a bad rating, after the report back 反馈 and within
     * {@link EvaluationSettings#window()} of it; closes the follow-up.
     *
     * @throws EvaluationException {@code not_found}, {@code forbidden}, {@code already_rated},
     *                             {@code illegal_step} (not a bad rating, or not reported back yet),
     *                             {@code window_closed}, {@code invalid_text}; nothing is written then
     */
    public SecondRated addSecondRating(Connection c, String evaluationId, Actor applicant, RatingLevel level,
                                       String comment, Instant now) throws SQLException {
        requireActor(applicant);
        Objects.requireNonNull(now, "now");
        if (level == null) throw EvaluationException.invalidInput("a follow-up rating needs one of the five levels");
        String text = FreeText.optional("the comment", comment, FreeText.MAX_COMMENT);
        Evaluation e = findEvaluation(c, "e.id = ?", evaluationId).orElseThrow(() ->
                EvaluationException.notFound("there is no rating " + evaluationId));
        FollowUp f = lockFollowUp(c, "evaluation_id", evaluationId).orElse(null);
        if (f == null) {
            if (!applicant.id().equals(e.applicantId())) {
                throw EvaluationException.forbidden(applicant.id() + " may not add a follow-up rating to rating "
                        + evaluationId + ": only the applicant who gave it may");
            }
            throw EvaluationException.illegalStep("rating " + evaluationId + " is " + e.level().labelZh()
                    + ": only a bad rating, once followed up and reported back, takes a follow-up rating 追评");
        }
        FollowUpChange change = f.secondRating(applicant, now, settings.window());
        SecondRating second = new SecondRating(evaluationId, level, text, now);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO evaluation_second_rating (evaluation_id, level,"
                + " score, comment, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (evaluation_id) DO NOTHING")) {
            ps.setString(1, evaluationId);
            ps.setString(2, level.name());
            ps.setInt(3, level.score());
            ps.setString(4, text);
            ps.setLong(5, now.toEpochMilli());
            if (ps.executeUpdate() == 0) {
                throw new EvaluationException(EvaluationException.ALREADY_RATED, "rating " + evaluationId
                        + " already has its follow-up rating 追评; only one is allowed");
            }
        }
        save(c, f, change);
        return new SecondRated(second, change);
    }

    // ---- follow-up ----

    /** {@link #advance(Connection, String, Actor, FollowUpStep, String, Instant)} in its own transaction. */
    public FollowUpChange advance(String followUpId, Actor actor, FollowUpStep step, String note, Instant now) {
        return store.write("the step " + step + " of follow-up " + followUpId,
                c -> advance(c, followUpId, actor, step, note, now));
    }

    /**
     * Records a staff step of a follow-up: CONTACT 回访, VERIFY 核实, RECTIFY 整改, REPORT_BACK 反馈 in this order, or
     * CLOSE after the 追评 window passed. Atomic: the follow-up is locked, checked, updated and its history appended.
     *
     * @throws EvaluationException {@code not_found}, {@code forbidden}, {@code illegal_step}, {@code invalid_text};
     *                             nothing is written then
     */
    public FollowUpChange advance(Connection c, String followUpId, Actor actor, FollowUpStep step, String note,
                                  Instant now) throws SQLException {
        requireActor(actor);
        Objects.requireNonNull(now, "now");
        FollowUp f = requireFollowUp(c, followUpId);
        FollowUpChange change = f.advance(actor, step, note, now, settings.window());
        save(c, f, change);
        return change;
    }

    /** {@link #appeal(Connection, String, Actor, String, Instant)} in its own transaction. */
    public FollowUpChange appeal(String followUpId, Actor staff, String reason, Instant now) {
        return store.write("an appeal on follow-up " + followUpId, c -> appeal(c, followUpId, staff, reason, now));
    }

    /**
     * Files an appeal 申诉 against a bad rating as malicious or mistaken: staff only, once, while the follow-up is
     * open; it goes on meanwhile.
     *
     * @throws EvaluationException {@code not_found}, {@code forbidden}, {@code illegal_step},
     *                             {@code invalid_input} (no reason); nothing is written then
     */
    public FollowUpChange appeal(Connection c, String followUpId, Actor staff, String reason, Instant now)
            throws SQLException {
        requireActor(staff);
        Objects.requireNonNull(now, "now");
        FollowUp f = requireFollowUp(c, followUpId);
        FollowUpChange change = f.appeal(staff, reason, now);
        save(c, f, change);
        return change;
    }

    /** {@link #decideAppeal(Connection, String, Actor, AppealDecision, String, Instant)} in its own transaction. */
    public FollowUpChange decideAppeal(String followUpId, Actor supervisor, AppealDecision decision, String note,
                                       Instant now) {
        return store.write("the decision on the appeal of follow-up " + followUpId,
                c -> decideAppeal(c, followUpId, supervisor, decision, note, now));
    }

    /**
     * A supervisor decides the pending appeal. UPHELD: the rating stays as it is but is marked excluded from the
     * indicators, and the follow-up closes. REJECTED: the follow-up goes on.
     *
     * @throws EvaluationException {@code not_found}, {@code forbidden} (not a supervisor; the appellant or the
     *                             rated helper), {@code illegal_step} (no pending appeal); nothing is written then
     */
    public FollowUpChange decideAppeal(Connection c, String followUpId, Actor supervisor, AppealDecision decision,
                                       String note, Instant now) throws SQLException {
        requireActor(supervisor);
        Objects.requireNonNull(now, "now");
        FollowUp f = requireFollowUp(c, followUpId);
        FollowUpChange change = f.decideAppeal(supervisor, decision, note, now);
        save(c, f, change);
        if (decision == AppealDecision.UPHELD) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE evaluation SET excluded = 1 WHERE id = ?")) {
                ps.setString(1, f.evaluationId());
                ps.executeUpdate();
            }
        }
        return change;
    }

    // ---- reading ----

    /** The rating with this id. */
    public Optional<Evaluation> find(String evaluationId) {
        return store.read("rating " + evaluationId, c -> findEvaluation(c, "e.id = ?", evaluationId));
    }

    /** The rating of a session, if it was rated. */
    public Optional<Evaluation> findBySession(String sessionId) {
        return store.read("the rating of session " + sessionId, c -> findBySession(c, sessionId));
    }

    /** The rating of a session, on the caller's connection. */
    public Optional<Evaluation> findBySession(Connection c, String sessionId) throws SQLException {
        return findEvaluation(c, "e.session_id = ?", sessionId);
    }

    /** The follow-up with this id. */
    public Optional<FollowUp> findFollowUp(String followUpId) {
        return store.read("follow-up " + followUpId, c -> selectFollowUp(c, "id", followUpId, false));
    }

    /** The follow-up of a rating (only bad ratings have one). */
    public Optional<FollowUp> followUpOf(String evaluationId) {
        return store.read("the follow-up of rating " + evaluationId,
                c -> selectFollowUp(c, "evaluation_id", evaluationId, false));
    }

    /** A follow-up's history, in order. */
    public List<StepRecord> history(String followUpId) {
        return store.read("the history of follow-up " + followUpId, c -> history(c, followUpId));
    }

    /** The ratings of a case's sessions, oldest first, each with its follow-up and history. */
    public List<CaseEvaluation> forCase(String caseNumber) {
        return store.read("the ratings of case " + caseNumber, c -> forCase(c, caseNumber));
    }

    /** The ratings of a case's sessions, on the caller's connection. */
    public List<CaseEvaluation> forCase(Connection c, String caseNumber) throws SQLException {
        List<Evaluation> ratings = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + EVALUATION_COLUMNS + EVALUATION_FROM
                + " WHERE e.case_number = ? ORDER BY e.created_at, e.id")) {
            ps.setString(1, caseNumber);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ratings.add(mapEvaluation(rs));
            }
        }
        List<CaseEvaluation> list = new ArrayList<>();
        for (Evaluation e : ratings) {
            FollowUp f = e.isBad() ? selectFollowUp(c, "evaluation_id", e.id(), false).orElse(null) : null;
            list.add(new CaseEvaluation(e, f, f == null ? List.of() : history(c, f.id())));
        }
        return list;
    }

    /**
     * A page of follow-ups.
     *
     * @param filter which and in what order ({@link FollowUpFilter})
     * @param now    the time overdue is judged at (used by {@link FollowUpFilter#OVERDUE})
     * @param offset how many to skip
     * @param limit  at most this many, 1 to {@value #MAX_PAGE}
     */
    public List<FollowUp> followUps(FollowUpFilter filter, Instant now, int offset, int limit) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(now, "now");
        if (offset < 0) throw EvaluationException.invalidInput("offset must not be negative, was " + offset);
        if (limit < 1 || limit > MAX_PAGE)
            throw EvaluationException.invalidInput("limit must be 1 to " + MAX_PAGE + ", was " + limit);
        String where;
        switch (filter) {
            case OPEN:
                where = " WHERE closed_at IS NULL ORDER BY opened_at, id";
                break;
            case OVERDUE:
                where = " WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at, id";
                break;
            default:
                where = " ORDER BY opened_at DESC, id DESC";
                break;
        }
        return store.read(filter + " follow-ups", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + FOLLOW_UP_COLUMNS
                    + " FROM evaluation_follow_up" + where + " LIMIT ? OFFSET ?")) {
                int i = 1;
                if (filter == FollowUpFilter.OVERDUE) ps.setLong(i++, now.toEpochMilli());
                ps.setInt(i++, limit);
                ps.setInt(i, offset);
                return followUpList(ps);
            }
        });
    }

    /** Every follow-up whose current step is overdue at {@code now}, most overdue first. */
    public List<FollowUp> overdue(Instant now) {
        Objects.requireNonNull(now, "now");
        return store.read("the overdue follow-ups", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + FOLLOW_UP_COLUMNS
                    + " FROM evaluation_follow_up WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at, id")) {
                ps.setLong(1, now.toEpochMilli());
                return followUpList(ps);
            }
        });
    }

    // ---- SQL ----

    private static void requireActor(Actor actor) {
        if (actor == null) throw EvaluationException.invalidInput("who does it is required");
    }

    private FollowUp requireFollowUp(Connection c, String followUpId) throws SQLException {
        return lockFollowUp(c, "id", followUpId).orElseThrow(() ->
                EvaluationException.notFound("there is no follow-up " + followUpId));
    }

    private Optional<FollowUp> lockFollowUp(Connection c, String column, String value) throws SQLException {
        return selectFollowUp(c, column, value, store.dialect() == Dialect.POSTGRESQL);
    }

    private static Optional<FollowUp> selectFollowUp(Connection c, String column, String value, boolean forUpdate)
            throws SQLException {
        if (value == null) return Optional.empty();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + FOLLOW_UP_COLUMNS + " FROM evaluation_follow_up"
                + " WHERE " + column + " = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(mapFollowUp(rs)) : Optional.empty();
            }
        }
    }

    private static List<FollowUp> followUpList(PreparedStatement ps) throws SQLException {
        List<FollowUp> list = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) list.add(mapFollowUp(rs));
        }
        return list;
    }

    private static Optional<Evaluation> findEvaluation(Connection c, String where, String value) throws SQLException {
        if (value == null) return Optional.empty();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + EVALUATION_COLUMNS + EVALUATION_FROM
                + " WHERE " + where)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(mapEvaluation(rs)) : Optional.empty();
            }
        }
    }

    private static List<StepRecord> history(Connection c, String followUpId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT follow_up_id, seq, at, actor_id, actor_role, step,"
                + " note FROM follow_up_step WHERE follow_up_id = ? ORDER BY seq")) {
            ps.setString(1, followUpId);
            List<StepRecord> list = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1) + "#" + rs.getInt(2);
                    list.add(new StepRecord(rs.getString(1), rs.getInt(2), Instant.ofEpochMilli(rs.getLong(3)),
                            rs.getString(4), Columns.enumValue(Role.class, rs.getString(5), "follow_up_step", id),
                            Columns.enumValue(FollowUpStep.class, rs.getString(6), "follow_up_step", id), rs.getString(7)));
                }
            }
            return list;
        }
    }

    private static void insertFollowUp(Connection c, FollowUp f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO evaluation_follow_up (id, evaluation_id,"
                + " case_number, applicant_id, helper_id, state, opened_at, contact_due_at, rectify_due_at, due_at,"
                + " last_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, f.id());
            ps.setString(2, f.evaluationId());
            ps.setString(3, f.caseNumber());
            ps.setString(4, f.applicantId());
            ps.setString(5, f.helperId());
            ps.setString(6, f.state().name());
            ps.setLong(7, f.openedAt().toEpochMilli());
            ps.setLong(8, f.contactDueAt().toEpochMilli());
            ps.setLong(9, f.rectifyDueAt().toEpochMilli());
            setInstant(ps, 10, f.dueAt());
            ps.setInt(11, f.lastSeq());
            ps.executeUpdate();
        }
    }

    /** Writes a follow-up's new state (guarded by the sequence it was read at) and appends the history entry. */
    private static void save(Connection c, FollowUp before, FollowUpChange change) throws SQLException {
        FollowUp f = change.followUp();
        Appeal a = f.appeal();
        try (PreparedStatement ps = c.prepareStatement("UPDATE evaluation_follow_up SET state = ?, due_at = ?,"
                + " contacted_at = ?, verified_at = ?, rectified_at = ?, reported_back_at = ?, closed_at = ?,"
                + " close_reason = ?, appeal_by = ?, appeal_reason = ?, appeal_at = ?, appeal_decision = ?,"
                + " appeal_decided_by = ?, appeal_decided_at = ?, appeal_note = ?, last_seq = ?"
                + " WHERE id = ? AND last_seq = ?")) {
            ps.setString(1, f.state().name());
            setInstant(ps, 2, f.dueAt());
            setInstant(ps, 3, f.contactedAt());
            setInstant(ps, 4, f.verifiedAt());
            setInstant(ps, 5, f.rectifiedAt());
            setInstant(ps, 6, f.reportedBackAt());
            setInstant(ps, 7, f.closedAt());
            ps.setString(8, f.closeReason() == null ? null : f.closeReason().name());
            ps.setString(9, a == null ? null : a.byId());
            ps.setString(10, a == null ? null : a.reason());
            setInstant(ps, 11, a == null ? null : a.at());
            ps.setString(12, a == null || a.decision() == null ? null : a.decision().name());
            ps.setString(13, a == null ? null : a.decidedById());
            setInstant(ps, 14, a == null ? null : a.decidedAt());
            ps.setString(15, a == null ? null : a.decisionNote());
            ps.setInt(16, f.lastSeq());
            ps.setString(17, f.id());
            ps.setInt(18, before.lastSeq());
            if (ps.executeUpdate() != 1) {
                // cannot happen while the row is locked (PostgreSQL) or writes are serialised (SQLite)
                throw new RecordStoreException("follow-up " + f.id() + " changed while " + change.step().step()
                        + " was being recorded; nothing was written, try again");
            }
        }
        insertStep(c, change.step());
    }

    private static void insertStep(Connection c, StepRecord s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO follow_up_step (follow_up_id, seq, at, actor_id,"
                + " actor_role, step, note) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, s.followUpId());
            ps.setInt(2, s.seq());
            ps.setLong(3, s.at().toEpochMilli());
            ps.setString(4, s.actorId());
            ps.setString(5, s.actorRole().name());
            ps.setString(6, s.step().name());
            ps.setString(7, s.note());
            ps.executeUpdate();
        }
    }

    private static Evaluation mapEvaluation(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        String secondLevel = rs.getString("second_level");
        SecondRating second = secondLevel == null ? null : new SecondRating(id,
                Columns.enumValue(RatingLevel.class, secondLevel, "evaluation_second_rating", id),
                rs.getString("second_comment"), Instant.ofEpochMilli(rs.getLong("second_at")));
        return new Evaluation(id, rs.getString("session_id"), rs.getString("case_number"),
                rs.getString("applicant_id"), rs.getString("helper_id"),
                Columns.enumValue(RatingLevel.class, rs.getString("level"), "evaluation", id),
                RatingTag.fromStored(rs.getString("tags")), rs.getString("comment"),
                Instant.ofEpochMilli(rs.getLong("created_at")), LocalDate.parse(rs.getString("created_day")),
                Instant.ofEpochMilli(rs.getLong("session_ended_at")), rs.getInt("excluded") != 0, second);
    }

    private static FollowUp mapFollowUp(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        String appealBy = rs.getString("appeal_by");
        Appeal appeal = appealBy == null ? null : new Appeal(appealBy, rs.getString("appeal_reason"),
                instant(rs, "appeal_at"), Columns.enumValue(AppealDecision.class, rs.getString("appeal_decision"),
                "evaluation_follow_up", id), rs.getString("appeal_decided_by"), instant(rs, "appeal_decided_at"),
                rs.getString("appeal_note"));
        return new FollowUp(id, rs.getString("evaluation_id"), rs.getString("case_number"),
                rs.getString("applicant_id"), rs.getString("helper_id"),
                Columns.enumValue(FollowUpState.class, rs.getString("state"), "evaluation_follow_up", id),
                instant(rs, "opened_at"), instant(rs, "contact_due_at"), instant(rs, "rectify_due_at"),
                instant(rs, "contacted_at"), instant(rs, "verified_at"), instant(rs, "rectified_at"),
                instant(rs, "reported_back_at"), instant(rs, "closed_at"),
                Columns.enumValue(CloseReason.class, rs.getString("close_reason"), "evaluation_follow_up", id), appeal,
                rs.getInt("last_seq"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) ps.setNull(index, Types.BIGINT);
        else ps.setLong(index, value.toEpochMilli());
    }
}
