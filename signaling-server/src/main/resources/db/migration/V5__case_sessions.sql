-- Bangban record store, version 5: the assistance sessions behind each case 办件, for the case log and the
-- indicators 评价指标 (wait, talk and wrap-up times, media used, who ended it).
--
-- Written by the session feed (org.bangban.casefeed) as sessions start and end; read by the case API and the
-- indicators. Same conventions as V1 (see its header): portable SQL, application-made ids, epoch millis, enums
-- as TEXT checked in Java, no foreign keys from records to other tables.

-- Which case each help request belongs to: the original request and every request that continues it after a
-- transfer or a lost helper. Lets a session started from a transfer land in the case its first session opened.
CREATE TABLE case_request (
    request_id  TEXT   NOT NULL PRIMARY KEY,
    case_number TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX case_request_case ON case_request (case_number);

-- One row per assistance session (an applicant paired with a helper). Inserted when the session starts, completed
-- (ended_at and the durations) when it ends; the case's events hold the same facts as an append-only history.
CREATE TABLE case_session (
    session_id   TEXT    NOT NULL PRIMARY KEY,
    case_number  TEXT    NOT NULL,
    request_id   TEXT    NOT NULL,
    applicant_id TEXT    NOT NULL,
    helper_id    TEXT    NOT NULL,
    item_id      TEXT    NOT NULL,
    department   TEXT,                       -- the item's department at the time (indicators by department)
    queue        TEXT    NOT NULL,
    kind         TEXT    NOT NULL,           -- ASSIST (帮办) or DELEGATE (代办)
    priority     TEXT    NOT NULL,           -- NORMAL or GREEN (绿色通道)
    requested_at BIGINT  NOT NULL,           -- when the applicant asked (the request's arrival)
    started_at   BIGINT  NOT NULL,           -- when the helper accepted: response time = started_at - requested_at
    wait_ms      BIGINT  NOT NULL,
    ended_at     BIGINT,                     -- null while live
    talk_ms      BIGINT,                     -- ended_at - started_at
    wrap_up_ms   BIGINT,                     -- the helper's wrap-up after this session (set when it ends)
    end_reason   TEXT,                       -- APPLICANT_ENDED, HELPER_ENDED, SUPERVISOR_ENDED, TRANSFERRED, HELPER_LOST, ...
    ended_by     TEXT,                       -- principal id, or null for the system
    media        TEXT    NOT NULL DEFAULT '' -- comma list of what was used: audio, video, screen
);
-- The indicators group sessions by day, helper, item and department over a date range: each index leads with
-- the grouping column and carries started_at for the range.
CREATE INDEX case_session_case ON case_session (case_number);
CREATE INDEX case_session_started ON case_session (started_at);
CREATE INDEX case_session_helper ON case_session (helper_id, started_at);
CREATE INDEX case_session_item ON case_session (item_id, started_at);
CREATE INDEX case_session_department ON case_session (department, started_at);
