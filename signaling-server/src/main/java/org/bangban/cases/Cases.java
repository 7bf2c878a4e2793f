package org.bangban.cases;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bangban.store.Dialect;
import org.bangban.store.RecordStore;

/**
 * The case log 办件 over the {@link RecordStore}: opening cases, moving them through their workflow, appending
 * events, helpers, reading and searching.
 *
 * <p><b>Consistency.</b> A case's row ({@code service_case}) and its events ({@code case_event}) are written in one
 * transaction: the row is read (on PostgreSQL with {@code SELECT … FOR UPDATE}, so concurrent changes of one case
 * queue up; on SQLite the store serializes writes), the action is decided by {@link CaseWorkflow}, then the event
 * with seq {@code last_seq + 1} is inserted and the row updated with a guard on the {@code last_seq} read. So seqs
 * never repeat or skip, and {@link CaseReplay#replay} of the events always gives the row's state.
 *
 * <p><b>Events are append-only.</b> Nothing here updates or deletes an event.
 *
 * <p><b>Composability.</b> Every method that writes has a variant taking a {@link Connection}, which runs in the
 * caller's {@code store.write(…)} transaction (all or nothing with the caller's other writes) and throws
 * {@link SQLException} for the store to report; the variant without one runs in a transaction of its own,
 * committed when it returns. A refusal ({@link CaseException}) is thrown before anything is written, so a caller's
 * transaction stays usable.
 *
 * <p><b>Real-name data</b> is stored encrypted, plus its masked display form (so lists need no key), and every
 * {@link CaseRecord} carries only the masked form; the plain values come
 * only from {@link #revealRealName}, which records who looked (event {@link CaseEventType#REAL_NAME_VIEWED}). Who
 * may call it (the case's own helpers, supervisors) is the caller's decision.
 *
 * <p>Unknown case numbers give {@link CaseException} {@code not_found}, malformed ones {@code invalid}.
 */
public final class Cases {
    /** The service time zone's default, which decides the day in a case number. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    /** The largest event payload accepted, in characters of JSON. */
    public static final int MAX_PAYLOAD_CHARS = 1_000_000;

    private final RecordStore store;
    private final CaseRows rows;
    private final Clock clock;
    private final ZoneId zone;

    /** The case log with the system clock and the Asia/Shanghai day. */
    public Cases(RecordStore store, RealNameCipher cipher) {
        this(store, cipher, Clock.systemUTC(), DEFAULT_ZONE);
    }

    /**
     * @param clock gives the time of events and the day of new case numbers
     * @param zone  the service time zone ({@code service.zone}): the day a case number carries
     */
    public Cases(RecordStore store, RealNameCipher cipher, Clock clock, ZoneId zone) {
        this.store = Objects.requireNonNull(store, "store");
        this.rows = new CaseRows(Objects.requireNonNull(cipher, "cipher"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    // ---- opening ----

    /**
     * Opens a case: allocates the next number of the day, writes the case, its CREATED event (seq 1) and, when the
     * new case names a helper, that helper as PRIMARY with a HELPER_ASSIGNED event (seq 2). Committed on return.
     *
     * @throws CaseException {@code duplicate} when a case already exists for the request id (nothing written),
     *                       {@code numbers_exhausted} after the day's 999,999th case (the transaction must be rolled
     *                       back: the counter was incremented)
     */
    public CaseRecord open(NewCase newCase, Actor actor) {
        return store.write("a new case for applicant " + newCase.applicantId(), c -> open(c, newCase, actor));
    }

    /** {@link #open(NewCase, Actor)} in the caller's transaction. */
    public CaseRecord open(Connection c, NewCase newCase, Actor actor) throws SQLException {
        Objects.requireNonNull(newCase, "new case");
        Objects.requireNonNull(actor, "actor");
        if (newCase.requestId() != null) {
            Optional<String> existing = rows.numberOfRequest(c, newCase.requestId());
            if (existing.isPresent()) throw duplicate(newCase.requestId(), existing.get());
        }
        Instant now = now();
        LocalDate day = LocalDate.ofInstant(now, zone);
        long counter = rows.nextCounter(c, CaseNumber.dayKey(day));
        if (counter > CaseNumber.MAX_PER_DAY) {
            throw new CaseException(CaseException.Code.NUMBERS_EXHAUSTED, "all " + CaseNumber.MAX_PER_DAY
                    + " case numbers of " + day + " are used; no more cases can be opened today. This is far beyond"
                    + " any expected load: check for a client opening cases in a loop");
        }
        String number = new CaseNumber(day, (int) counter).value();
        CaseStatus status = CaseStatus.opened(newCase.kind(), newCase.priority());
        long lastSeq = newCase.helperId() == null ? 1 : 2;
        if (!rows.insertCase(c, number, newCase, status, actor, now, lastSeq)) {
            throw duplicate(newCase.requestId(), rows.numberOfRequest(c, newCase.requestId()).orElse("(unknown)"));
        }
        rows.insertEvent(c, number, 1, now, actor, CaseEventType.CREATED, CaseRows.json(CasePayloads.created(status,
                newCase.channel(), newCase.greenReason(), newCase.itemId(), newCase.department(),
                newCase.applicantId(), newCase.requestId())));
        if (newCase.helperId() != null) {
            rows.upsertHelper(c, number, newCase.helperId(), HelperRole.PRIMARY, now);
            rows.insertEvent(c, number, 2, now, actor, CaseEventType.HELPER_ASSIGNED,
                    CaseRows.json(CasePayloads.helperAssigned(newCase.helperId(), HelperRole.PRIMARY)));
        }
        return get(c, number);
    }

    // ---- changing a case ----

    /**
     * Applies a workflow action atomically: decides it with {@link CaseWorkflow} on the case as it is in the
     * database, appends the event and updates the row. Committed on return.
     *
     * @return the case after the action
     * @throws CaseException {@code not_found}, {@code invalid}, {@code illegal_transition} (the message names the
     *                       state and what is possible from it) or {@code not_delegable}; nothing is written
     */
    public CaseRecord apply(String caseNumber, Actor actor, CaseAction action) {
        return store.write(action.getClass().getSimpleName() + " on case " + caseNumber,
                c -> apply(c, caseNumber, actor, action));
    }

    /** {@link #apply(String, Actor, CaseAction)} in the caller's transaction. */
    public CaseRecord apply(Connection c, String caseNumber, Actor actor, CaseAction action) throws SQLException {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        CaseRows.CaseRow row = lock(c, caseNumber);
        CaseWorkflow.Decision decision = CaseWorkflow.decide(row.status(), action);
        if (decision instanceof CaseWorkflow.Refused r) {
            throw new CaseException(r.code(), "Case " + row.number() + ": " + r.message());
        }
        CaseWorkflow.Step step = ((CaseWorkflow.Allowed) decision).step();
        Instant now = now();
        long seq = row.lastSeq() + 1;
        rows.insertEvent(c, row.number(), seq, now, actor, step.eventType(), CaseRows.json(step.payload()));
        rows.updateCase(c, row, step.next(), now, seq);
        return get(c, row.number());
    }

    /**
     * Appends an event that does not change the case (a note, a session's start or end, a chat transcript, a
     * material, a supervisor action, an evaluation, a follow-up…), also to an ended case. Committed on return.
     *
     * @param payload the event's data, a JSON object (null for {@code {}}); at most {@value #MAX_PAYLOAD_CHARS}
     *                characters as JSON
     * @return the event as stored, with its seq
     * @throws CaseException {@code invalid} for a type that changes the case (use {@link #apply},
     *                       {@link #addHelper}, {@link #transfer}) or a too large payload; {@code not_found}
     */
    public CaseEvent append(String caseNumber, Actor actor, CaseEventType type, ObjectNode payload) {
        return store.write("a " + type + " event of case " + caseNumber, c -> append(c, caseNumber, actor, type, payload));
    }

    /** {@link #append(String, Actor, CaseEventType, ObjectNode)} in the caller's transaction. */
    public CaseEvent append(Connection c, String caseNumber, Actor actor, CaseEventType type, ObjectNode payload)
            throws SQLException {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(type, "type");
        if (type.changesCase()) {
            throw new CaseException(CaseException.Code.INVALID, "a " + type + " event changes the case and is"
                    + " written only by the case log itself; use Cases.apply (state, result, termination, conversion),"
                    + " addHelper or transfer instead");
        }
        ObjectNode p = payload == null ? CasePayloads.object() : payload;
        String json = CaseRows.json(p);
        if (json.length() > MAX_PAYLOAD_CHARS) {
            throw new CaseException(CaseException.Code.INVALID, "the " + type + " event for case " + caseNumber
                    + " is larger than " + MAX_PAYLOAD_CHARS + " characters; store large content as a material and"
                    + " refer to it");
        }
        // Two statements, not a read, an insert and a guarded update: the update takes the next seq and the row's
        // lock at once (events that change nothing else are most of what a case log appends: chat, notes, files).
        String number = CaseNumber.parse(caseNumber).value();
        Instant now = now();
        long seq = rows.nextSeq(c, number, now).orElseThrow(() -> notFound(number));
        rows.insertEvent(c, number, seq, now, actor, type, json);
        return new CaseEvent(number, seq, now, actor.id(), actor.role(), type, p);
    }

    /**
     * Adds a helper to a case as {@link HelperRole#PRIMARY} or {@link HelperRole#ASSISTING} (or changes the role
     * of one already there), with a HELPER_ASSIGNED event; also on an ended case (e.g. for a follow-up). Asking for
     * the role the helper already has writes nothing.
     *
     * @throws CaseException {@code invalid} for TRANSFERRED_FROM, or PRIMARY while another helper is primary (use
     *                       {@link #transfer}); {@code not_found}
     */
    public CaseRecord addHelper(String caseNumber, Actor actor, String helperId, HelperRole role) {
        return store.write("helper " + helperId + " of case " + caseNumber,
                c -> addHelper(c, caseNumber, actor, helperId, role));
    }

    /** {@link #addHelper(String, Actor, String, HelperRole)} in the caller's transaction. */
    public CaseRecord addHelper(Connection c, String caseNumber, Actor actor, String helperId, HelperRole role)
            throws SQLException {
        Objects.requireNonNull(actor, "actor");
        requireHelperId(helperId);
        if (role == null || role == HelperRole.TRANSFERRED_FROM) {
            throw new CaseException(CaseException.Code.INVALID, "a helper is added as PRIMARY or ASSISTING;"
                    + " TRANSFERRED_FROM is set by a transfer");
        }
        CaseRows.CaseRow row = lock(c, caseNumber);
        CaseRecord current = get(c, row.number());
        if (current.helperRoles().get(helperId) == role) return current;
        String primary = current.primaryHelper();
        if (role == HelperRole.PRIMARY && primary != null && !primary.equals(helperId)) {
            throw new CaseException(CaseException.Code.INVALID, "case " + row.number() + " already has the primary"
                    + " helper " + primary + "; transfer the case to " + helperId + " instead, or add them as"
                    + " ASSISTING");
        }
        Instant now = now();
        rows.upsertHelper(c, row.number(), helperId, role, now);
        appendTo(c, row, actor, CaseEventType.HELPER_ASSIGNED, CasePayloads.helperAssigned(helperId, role));
        return get(c, row.number());
    }

    /**
     * Transfers a case that has not ended to another primary helper: the previous primary (if any) becomes
     * TRANSFERRED_FROM and keeps seeing the case; a TRANSFERRED event records it.
     *
     * @throws CaseException {@code illegal_transition} when the case has ended, {@code invalid} when the helper is
     *                       already its primary, {@code not_found}
     */
    public CaseRecord transfer(String caseNumber, Actor actor, String toHelperId, String note) {
        return store.write("the transfer of case " + caseNumber + " to " + toHelperId,
                c -> transfer(c, caseNumber, actor, toHelperId, note));
    }

    /** {@link #transfer(String, Actor, String, String)} in the caller's transaction. */
    public CaseRecord transfer(Connection c, String caseNumber, Actor actor, String toHelperId, String note)
            throws SQLException {
        Objects.requireNonNull(actor, "actor");
        requireHelperId(toHelperId);
        String checkedNote = CaseAction.checkedNote(note);
        CaseRows.CaseRow row = lock(c, caseNumber);
        if (row.state().isFinal()) {
            throw new CaseException(CaseException.Code.ILLEGAL_TRANSITION, "Case " + row.number() + " is in "
                    + row.state().describe() + " and has ended, so it cannot be transferred; add a helper for a"
                    + " follow-up instead");
        }
        String from = get(c, row.number()).primaryHelper();
        if (toHelperId.equals(from)) {
            throw new CaseException(CaseException.Code.INVALID, "helper " + toHelperId + " is already the primary"
                    + " helper of case " + row.number());
        }
        Instant now = now();
        if (from != null) rows.upsertHelper(c, row.number(), from, HelperRole.TRANSFERRED_FROM, now);
        rows.upsertHelper(c, row.number(), toHelperId, HelperRole.PRIMARY, now);
        appendTo(c, row, actor, CaseEventType.TRANSFERRED, CasePayloads.transferred(from, toHelperId, checkedNote));
        return get(c, row.number());
    }

    /**
     * The applicant's real-name data in the clear, recording who looked (a REAL_NAME_VIEWED event naming the fields
     * shown) when there is any. Call it only for someone entitled to see it (the case's own helpers, supervisors):
     * that decision is the caller's. Committed on return.
     *
     * @return the plain values; every field null when none were given (then nothing is recorded)
     */
    public RealName revealRealName(String caseNumber, Actor actor) {
        return store.write("the real-name data of case " + caseNumber, c -> revealRealName(c, caseNumber, actor));
    }

    /** {@link #revealRealName(String, Actor)} in the caller's transaction. */
    public RealName revealRealName(Connection c, String caseNumber, Actor actor) throws SQLException {
        Objects.requireNonNull(actor, "actor");
        CaseRows.CaseRow row = lock(c, caseNumber);
        RealName plain = rows.realName(row);
        if (plain.isEmpty()) return plain;
        ObjectNode p = CasePayloads.object();
        ArrayNode fields = p.putArray(CasePayloads.FIELDS);
        if (plain.name() != null) fields.add("name");
        if (plain.idNumber() != null) fields.add("idNumber");
        if (plain.phone() != null) fields.add("phone");
        appendTo(c, row, actor, CaseEventType.REAL_NAME_VIEWED, p);
        return plain;
    }

    // ---- reading ----

    /** The case with this number, if there is one. */
    public Optional<CaseRecord> find(String caseNumber) {
        String number = CaseNumber.parse(caseNumber).value();
        return store.read("case " + number, c -> find(c, number));
    }

    /** {@link #find(String)} on the caller's connection (sees its uncommitted writes). */
    public Optional<CaseRecord> find(Connection c, String caseNumber) throws SQLException {
        Optional<CaseRows.CaseRow> row = rows.caseRow(c, CaseNumber.parse(caseNumber).value(), false);
        if (row.isEmpty()) return Optional.empty();
        return Optional.of(rows.record(row.get(), rows.helpers(c, List.of(row.get().number())).get(row.get().number())));
    }

    /**
     * The case with this number.
     *
     * @throws CaseException {@code not_found}
     */
    public CaseRecord get(String caseNumber) {
        return find(caseNumber).orElseThrow(() -> notFound(caseNumber));
    }

    /** The case opened for a help request, if any. */
    public Optional<CaseRecord> findByRequestId(String requestId) {
        if (requestId == null || requestId.isBlank()) return Optional.empty();
        return store.read("the case of help request " + requestId, c -> {
            Optional<String> number = rows.numberOfRequest(c, requestId.strip());
            return number.isEmpty() ? Optional.empty() : find(c, number.get());
        });
    }

    /**
     * A case's events in order (seq 1 to last_seq).
     *
     * @throws CaseException {@code not_found}
     */
    public List<CaseEvent> events(String caseNumber) {
        String number = CaseNumber.parse(caseNumber).value();
        return store.read("the events of case " + number, c -> events(c, number));
    }

    /** {@link #events(String)} on the caller's connection. */
    public List<CaseEvent> events(Connection c, String caseNumber) throws SQLException {
        return events(c, caseNumber, null);
    }

    /**
     * A case's events of one type in order, on the caller's connection (e.g. its SUPERVISOR_ACTION events, without
     * reading every chat message).
     *
     * @param type null for every event
     * @throws CaseException {@code not_found}
     */
    public List<CaseEvent> events(Connection c, String caseNumber, CaseEventType type) throws SQLException {
        String number = CaseNumber.parse(caseNumber).value();
        if (rows.caseRow(c, number, false).isEmpty()) throw notFound(number);
        return rows.events(c, number, type);
    }

    /** Cases matching a query, newest first, one page. */
    public CasePage search(CaseQuery query) {
        Objects.requireNonNull(query, "query");
        return store.read("a case search", c -> search(c, query));
    }

    /** {@link #search(CaseQuery)} on the caller's connection. */
    public CasePage search(Connection c, CaseQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + CaseRows.CASE_COLUMNS + " FROM service_case c WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        where(sql, args, "c.number = ?", q.number());
        where(sql, args, "c.applicant_id = ?", q.applicantId());
        where(sql, args, "c.item_id = ?", q.itemId());
        where(sql, args, "c.department = ?", q.department());
        where(sql, args, "c.state = ?", q.state() == null ? null : q.state().name());
        where(sql, args, "c.created_at >= ?", q.createdFrom() == null ? null : q.createdFrom().toEpochMilli());
        where(sql, args, "c.created_at < ?", q.createdTo() == null ? null : q.createdTo().toEpochMilli());
        where(sql, args, "EXISTS (SELECT 1 FROM case_helper h WHERE h.case_number = c.number AND h.helper_id = ?)",
                q.helperId());
        where(sql, args, "c.kind = ?", q.kind() == null ? null : q.kind().name());
        where(sql, args, "c.channel = ?", q.channel() == null ? null : q.channel().name());
        if (q.helperScope() != null) {
            if (q.helperScope().isEmpty()) return new CasePage(List.of(), q.offset(), false);
            sql.append(" AND EXISTS (SELECT 1 FROM case_helper s WHERE s.case_number = c.number AND s.helper_id IN (")
                    .append(String.join(", ", java.util.Collections.nCopies(q.helperScope().size(), "?"))).append("))");
            args.addAll(q.helperScope());
        }
        sql.append(" ORDER BY c.created_at DESC, c.number DESC LIMIT ? OFFSET ?");
        args.add(q.limit() + 1);
        args.add(q.offset());
        List<CaseRows.CaseRow> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) found.add(rows.caseRow(rs));
            }
        }
        boolean more = found.size() > q.limit();
        if (more) found = found.subList(0, q.limit());
        Map<String, List<CaseHelper>> helpers = rows.helpers(c, found.stream().map(CaseRows.CaseRow::number).toList());
        List<CaseRecord> page = new ArrayList<>();
        for (CaseRows.CaseRow r : found) page.add(rows.record(r, helpers.get(r.number())));
        return new CasePage(page, q.offset(), more);
    }

    /**
     * The cases a helper is or was a helper of (any role), newest first.
     *
     * @param state only cases in this state; null for all
     */
    public CasePage forHelper(String helperId, CaseState state, int offset, int limit) {
        requireHelperId(helperId);
        return search(CaseQuery.all().withHelper(helperId).withState(state).page(offset, limit));
    }

    /** The service time zone of case numbers. */
    public ZoneId zone() {
        return zone;
    }

    // ---- internals ----

    /** Reads a case's row for a change: locked on PostgreSQL; SQLite's writes are serialized by the store. */
    private CaseRows.CaseRow lock(Connection c, String caseNumber) throws SQLException {
        String number = CaseNumber.parse(caseNumber).value();
        return rows.caseRow(c, number, store.dialect() == Dialect.POSTGRESQL).orElseThrow(() -> notFound(number));
    }

    /** Appends an event that leaves the case's status as it is (free-form events, helpers, a reveal). */
    private CaseEvent appendTo(Connection c, CaseRows.CaseRow row, Actor actor, CaseEventType type,
                               ObjectNode payload) throws SQLException {
        Instant now = now();
        long seq = row.lastSeq() + 1;
        rows.insertEvent(c, row.number(), seq, now, actor, type, CaseRows.json(payload));
        rows.updateCase(c, row, row.status(), now, seq);
        return new CaseEvent(row.number(), seq, now, actor.id(), actor.role(), type, payload);
    }

    private CaseRecord get(Connection c, String number) throws SQLException {
        return find(c, number).orElseThrow(() -> notFound(number));
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    private static void where(StringBuilder sql, List<Object> args, String condition, Object value) {
        if (value == null) return;
        sql.append(" AND ").append(condition);
        args.add(value);
    }

    private static void requireHelperId(String helperId) {
        if (helperId == null || helperId.isBlank()) {
            throw new CaseException(CaseException.Code.INVALID, "a helper id is needed; got none");
        }
        if (helperId.length() > NewCase.MAX_ID) {
            throw new CaseException(CaseException.Code.INVALID, "a helper id has at most " + NewCase.MAX_ID
                    + " characters, this one has " + helperId.length());
        }
    }

    private static CaseException notFound(String number) {
        return new CaseException(CaseException.Code.NOT_FOUND, "there is no case " + number + "; check the number"
                + " (it looks like BB-20261126-000123)");
    }

    private static CaseException duplicate(String requestId, String existing) {
        return new CaseException(CaseException.Code.DUPLICATE, "help request " + requestId + " already has case "
                + existing + "; a request opens one case — use that one");
    }
}
