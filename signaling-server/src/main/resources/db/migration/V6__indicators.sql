-- Bangban record store, version 6: the indicators 评价指标 (org.bangban.indicators).
--
-- Same conventions as V1. The indicators are computed from the records of V1-V5 (request_outcome, case_session,
-- service_case, evaluation, evaluation_follow_up) and kept per day in a rollup, so a report over a year of a large
-- service (1,000,000 cases) reads a few hundred thousand small rows at most instead of millions of records. The
-- rollup is derived data only: dropping its rows loses nothing, the next report rebuilds them.

-- One day's tally of one group: counts, sums and latency histograms (bounded relative error, see
-- org.bangban.indicators.Histogram), as compact text written and read only by org.bangban.indicators.Tally.
-- dimension ALL holds the whole service per day (group_key ''); HELPER, DEPARTMENT and ITEM one row per helper,
-- department and item that had anything that day (group_key '' = none, e.g. a request abandoned before pairing).
-- ALL_MONTH, HELPER_MONTH, DEPARTMENT_MONTH and ITEM_MONTH rows hold the sum of a month's day rows (day = the
-- month's first day), so a year's report reads 12 rows per group for its whole months and day rows only for the
-- partial months at its ends.
CREATE TABLE indicator_day (
    dimension TEXT NOT NULL,                 -- ALL, HELPER, DEPARTMENT, ITEM; the same + _MONTH
    day       TEXT NOT NULL,                 -- yyyy-MM-dd in service.zone
    group_key TEXT NOT NULL,                 -- staff id, department, item id; '' for ALL and for none
    tally     TEXT NOT NULL,
    PRIMARY KEY (dimension, day, group_key)  -- a report reads one dimension over a day range: one index range
);
-- A helper's own rows over a range (a helper sees only its own indicators).
CREATE INDEX indicator_day_key ON indicator_day (dimension, group_key, day);

-- How far the rollup has caught up with the records: one row. Days touched by records changed since
-- scanned_to (less a safety lag, for transactions stamped before and committed after a refresh) are recomputed
-- before each report. A different zone, service-level threshold or format rebuilds everything.
CREATE TABLE indicator_rollup_state (
    id               TEXT    NOT NULL PRIMARY KEY, -- 'rollup'
    format           INTEGER NOT NULL,             -- Tally format version
    zone             TEXT    NOT NULL,             -- service.zone the days were cut in
    service_level_ms BIGINT  NOT NULL,             -- indicators.service.level.seconds when built, in ms
    scanned_to       BIGINT  NOT NULL              -- records changed before this instant are in the rollup
);

-- Finding what changed since the last refresh, one index range per source (the other sources already have one:
-- request_outcome_ended_at, case_session_started):
-- sessions that ended (their durations were written) — carries started_at, the day they count on;
CREATE INDEX case_session_ended ON case_session (ended_at, started_at);
-- cases whose state, result or helpers changed (every change sets updated_at) — carries created_at, their day;
CREATE INDEX service_case_updated ON service_case (updated_at, created_at);
-- new ratings;
CREATE INDEX evaluation_created ON evaluation (created_at, created_day);
-- follow-up steps (回访, 整改, an upheld appeal …) — the follow-up's opened_at is its day.
CREATE INDEX follow_up_step_at ON follow_up_step (at, follow_up_id);
