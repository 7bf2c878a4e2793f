-- Bangban record store, version 2: the case log 办件 (org.bangban.cases).
--
-- Same rules as V1: SQL that both SQLite and PostgreSQL accept, BIGINT epoch millis, enums as TEXT checked by the
-- Java enums, ids made by the application. Other features refer to a case by its number only (no foreign keys to
-- service_case from their tables). Real-name data is stored only encrypted (AES-256-GCM, see RealNameCipher) and
-- masked: no column here holds a plain name, ID number or phone.

-- One case 办件: a request for help and everything done for it, 帮办 (assist) or 代办 (delegation).
-- Its current state always agrees with its events (case_event): both are written in one transaction.
CREATE TABLE service_case (
    number                  TEXT    NOT NULL PRIMARY KEY, -- BB-yyyyMMdd-nnnnnn, from case_counter
    -- the applicant: a pseudonymous id (guest or portal), and real-name data if given, each value encrypted as
    -- <key id>:<base64 nonce+ciphertext+tag> and, for display and lists without decrypting, masked as shown to
    -- staff (张*, 110***********1234, 138****5678); NULL when not given
    applicant_id               TEXT    NOT NULL,
    applicant_name_enc         TEXT,
    applicant_id_number_enc    TEXT,                      -- 身份证号 or another document number
    applicant_phone_enc        TEXT,
    applicant_name_masked      TEXT,
    applicant_id_number_masked TEXT,
    applicant_phone_masked     TEXT,
    -- what it is about
    item_id                 TEXT    NOT NULL,             -- service item 事项 (service_item.id, not a foreign key)
    department              TEXT,
    kind                    TEXT    NOT NULL,             -- ASSIST (帮办) or DELEGATE (代办)
    channel                 TEXT    NOT NULL,             -- ONLINE, SERVICE_HALL, HOME_VISIT, PARTNER
    priority                TEXT    NOT NULL,             -- NORMAL or GREEN (绿色通道)
    green_reason            TEXT,                         -- ELDERLY, DISABILITY, KEY_PROJECT when GREEN
    description             TEXT,
    request_id              TEXT,                         -- the help request that opened it; at most one case each
    -- where it stands (CaseState, CaseResult, TerminationReason)
    state                   TEXT    NOT NULL,
    result                  TEXT,
    termination_reason      TEXT,
    -- bookkeeping
    created_by              TEXT    NOT NULL,             -- actor id that opened it (staff enter other channels' cases)
    created_at              BIGINT  NOT NULL,
    updated_at              BIGINT  NOT NULL,             -- = the time of its latest event
    closed_at               BIGINT,                       -- when it reached CLOSED, ARCHIVED or TERMINATED
    last_seq                INTEGER NOT NULL              -- seq of its latest event; the next event is last_seq + 1
);
-- Searches (Cases.search), each newest first: by applicant ("my cases"), by item, by department, by state (work
-- lists, indicators), by creation time alone (date ranges, the default list); one help request opens one case.
CREATE INDEX service_case_applicant  ON service_case (applicant_id, created_at);
CREATE INDEX service_case_item       ON service_case (item_id, created_at);
CREATE INDEX service_case_department ON service_case (department, created_at);
CREATE INDEX service_case_state      ON service_case (state, created_at);
CREATE INDEX service_case_created_at ON service_case (created_at);
CREATE UNIQUE INDEX service_case_request ON service_case (request_id);

-- The case log: everything that happened to a case, in order (seq 1, 2, … per case, no gaps). Append-only: the
-- application never updates or deletes a row. The primary key makes two writers that raced for the same seq fail
-- instead of both succeeding. payload is a JSON object whose fields depend on type (CaseEventType).
CREATE TABLE case_event (
    case_number TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    at          BIGINT  NOT NULL,
    actor_id    TEXT    NOT NULL,
    actor_role  TEXT    NOT NULL,                         -- APPLICANT, HELPER, SUPERVISOR, SYSTEM
    type        TEXT    NOT NULL,                         -- CREATED, STATE_CHANGED, NOTE, SESSION_STARTED, …
    payload     TEXT    NOT NULL,
    PRIMARY KEY (case_number, seq)
);
-- Events by time and type, for indicators (response and handling times) over all cases.
CREATE INDEX case_event_type_at ON case_event (type, at);

-- The helpers of a case: the primary 主办 (one at a time), assisting 协办 ones, and those who transferred it away.
-- Lets a helper find its own cases; the roles agree with the HELPER_ASSIGNED / TRANSFERRED events.
CREATE TABLE case_helper (
    case_number TEXT   NOT NULL,
    helper_id   TEXT   NOT NULL,
    role        TEXT   NOT NULL,                          -- PRIMARY, ASSISTING, TRANSFERRED_FROM
    since       BIGINT NOT NULL,
    PRIMARY KEY (case_number, helper_id)
);
-- "A helper's own cases" (Cases.forHelper, search by helper).
CREATE INDEX case_helper_helper ON case_helper (helper_id, case_number);

-- The last case number given out each day (yyyyMMdd in the service time zone). Incremented with
-- INSERT … ON CONFLICT (day) DO UPDATE … RETURNING inside the transaction that opens the case, so concurrent
-- openers on any node get distinct, consecutive numbers, and a rolled-back opening gives its number back.
CREATE TABLE case_counter (
    day  TEXT    NOT NULL PRIMARY KEY,
    last INTEGER NOT NULL
);
