-- Bangban record store, version 1: staff accounts, service items 事项, callbacks 预约 and request outcomes.
--
-- One schema for SQLite and PostgreSQL, so only SQL both accept: TEXT, INTEGER, BIGINT (epoch millis),
-- INTEGER 0/1 for booleans, ids made by the application (no SERIAL / AUTOINCREMENT).
-- Enumerated values (role, kind, reason, outcome) are TEXT checked by the Java enums, not by CHECK
-- constraints: SQLite cannot ALTER a CHECK constraint without rebuilding the table, and a later version
-- will add values. No foreign keys from the records to service_item or staff_account: a record of what
-- happened must never be refused or lost because an item or an account was later changed.
-- "PRIMARY KEY" is written with NOT NULL because SQLite otherwise allows NULL in a TEXT primary key.

-- Helpers 帮办代办人员 and supervisors 监督人员 who log in with a password.
CREATE TABLE staff_account (
    id            TEXT    NOT NULL PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE,
    display_name  TEXT,
    role          TEXT    NOT NULL,              -- HELPER or SUPERVISOR
    password_hash TEXT    NOT NULL,              -- bcrypt
    department    TEXT,
    skills        TEXT    NOT NULL DEFAULT '{}', -- JSON object: item id or "category:<name>" -> proficiency 1-5
    languages     TEXT    NOT NULL DEFAULT '',   -- comma list of language tags, e.g. "zh,en"
    groups_       TEXT    NOT NULL DEFAULT '',   -- comma list of skill groups / teams ("groups" is reserved in some SQL)
    max_sessions  INTEGER NOT NULL DEFAULT 1 CHECK (max_sessions >= 1),
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    BIGINT  NOT NULL
);

-- The service items 事项 of the portal; delegable = on the managed list of 代办 items 清单制管理.
CREATE TABLE service_item (
    id             TEXT    NOT NULL PRIMARY KEY,
    name_zh        TEXT    NOT NULL,
    name_en        TEXT,
    category       TEXT    NOT NULL,             -- also the queue the item's requests wait in
    department     TEXT,
    delegable      INTEGER NOT NULL DEFAULT 0,
    fallback_group TEXT,
    active         INTEGER NOT NULL DEFAULT 1
);

-- A callback 预约 the applicant asked for when nobody could help at once.
CREATE TABLE callback_request (
    id             TEXT   NOT NULL PRIMARY KEY,
    applicant_id   TEXT   NOT NULL,
    item_id        TEXT   NOT NULL,
    kind           TEXT   NOT NULL,              -- ASSIST (帮办) or DELEGATE (代办)
    language       TEXT   NOT NULL,
    contact        TEXT,
    preferred_time TEXT,
    reason         TEXT   NOT NULL,              -- OUTSIDE_HOURS, QUEUE_FULL, NOBODY_ELIGIBLE, APPLICANT_CHOICE
    note           TEXT,
    created_at     BIGINT NOT NULL
);
CREATE INDEX callback_request_created_at ON callback_request (created_at);

-- How each help request ended. The primary key makes a second end of the same request fail:
-- every request ends exactly once.
CREATE TABLE request_outcome (
    request_id   TEXT   NOT NULL PRIMARY KEY,
    applicant_id TEXT   NOT NULL,
    item_id      TEXT   NOT NULL,
    queue        TEXT   NOT NULL,
    kind         TEXT   NOT NULL,
    priority     TEXT   NOT NULL,                -- NORMAL or GREEN (绿色通道)
    outcome      TEXT   NOT NULL,                -- PAIRED, ABANDONED, CANCELLED, CALLBACK, REJECTED
    helper_id    TEXT,
    wait_ms      BIGINT NOT NULL,
    ended_at     BIGINT NOT NULL
);
CREATE INDEX request_outcome_ended_at ON request_outcome (ended_at);
