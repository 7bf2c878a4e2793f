-- Bangban record store, version 4: evaluations 好差评 and the follow-up of bad ratings 差评.
--
-- Same conventions as V1 (TEXT, INTEGER, BIGINT epoch millis, 0/1 booleans, ids made by the application,
-- enumerated values as TEXT checked by the Java enums of org.bangban.evaluation). A case 办件 is referenced by its
-- number and a session by its id, as TEXT without a foreign key: a rating is never refused or lost because of
-- the case log. Foreign keys only tie this version's own tables together.

-- One rating 评价 per session, by its applicant. Never updated except `excluded`; never deleted.
CREATE TABLE evaluation (
    id               TEXT    NOT NULL PRIMARY KEY,   -- ev-<uuid>
    session_id       TEXT    NOT NULL UNIQUE,        -- the rated session: the database refuses a second rating too
    case_number      TEXT    NOT NULL,               -- BB-yyyyMMdd-nnnnnn
    applicant_id     TEXT    NOT NULL,               -- the rater (pseudonymous: portal:… or guest:…)
    helper_id        TEXT    NOT NULL,               -- the rated helper (staff:…)
    -- the rating itself, written once
    level            TEXT    NOT NULL,               -- VERY_SATISFIED … VERY_DISSATISFIED
    score            INTEGER NOT NULL,               -- 5 … 1, the level as a number: satisfied >= 4, bad <= 2
    tags             TEXT    NOT NULL DEFAULT '',    -- comma list of tag codes (RatingTag), e.g. "long_wait,efficient"
    comment          TEXT,                           -- up to 500 characters, null when none
    -- when
    created_at       BIGINT  NOT NULL,
    created_day      TEXT    NOT NULL,               -- yyyy-MM-dd of created_at in service.zone: the indicators' day
    session_ended_at BIGINT  NOT NULL,               -- the rating window opened then
    -- the only column that ever changes: 1 when a supervisor upheld an appeal 申诉 (kept, left out of indicators)
    excluded         INTEGER NOT NULL DEFAULT 0
);
-- A case's ratings (the case page).
CREATE INDEX evaluation_case ON evaluation (case_number);
-- Indicators (satisfaction rate, bad-rating counts) by day, and by day and helper: a range on created_day
-- reads only that range; score and excluded are in the index so the counts need not visit the table.
CREATE INDEX evaluation_day_helper ON evaluation (created_day, helper_id, score, excluded);
-- Indicators of one helper over a period.
CREATE INDEX evaluation_helper_day ON evaluation (helper_id, created_day, score, excluded);

-- The applicant's one follow-up rating 追评, after a bad rating was followed up: the primary key allows one.
CREATE TABLE evaluation_second_rating (
    evaluation_id TEXT    NOT NULL PRIMARY KEY REFERENCES evaluation (id),
    level         TEXT    NOT NULL,
    score         INTEGER NOT NULL,
    comment       TEXT,
    created_at    BIGINT  NOT NULL
);

-- The follow-up of a bad rating: its current state (the history is follow_up_step). One per bad rating.
CREATE TABLE evaluation_follow_up (
    id                 TEXT    NOT NULL PRIMARY KEY,            -- fu-<uuid>
    evaluation_id      TEXT    NOT NULL UNIQUE REFERENCES evaluation (id),
    case_number        TEXT    NOT NULL,                        -- copied from the rating for listings
    applicant_id       TEXT    NOT NULL,
    helper_id          TEXT    NOT NULL,
    state              TEXT    NOT NULL,                        -- FollowUpState: AWAITING_CONTACT … CLOSED
    opened_at          BIGINT  NOT NULL,                        -- = the rating's created_at
    -- deadlines, fixed at opening in working days from the rating; late from the instant stored on
    contact_due_at     BIGINT  NOT NULL,                        -- 回访
    rectify_due_at     BIGINT  NOT NULL,                        -- 核实, 整改 and 反馈
    due_at             BIGINT,                                  -- the current step's deadline; null when none
    -- when each step was done (null before): on-time rates are rectified_at < rectify_due_at etc.
    contacted_at       BIGINT,
    verified_at        BIGINT,
    rectified_at       BIGINT,
    reported_back_at   BIGINT,
    closed_at          BIGINT,
    close_reason       TEXT,                                    -- SECOND_RATING, NO_SECOND_RATING, APPEAL_UPHELD
    -- the appeal 申诉 (at most one); decision null while pending
    appeal_by          TEXT,
    appeal_reason      TEXT,
    appeal_at          BIGINT,
    appeal_decision    TEXT,                                    -- UPHELD or REJECTED
    appeal_decided_by  TEXT,
    appeal_decided_at  BIGINT,
    appeal_note        TEXT,
    last_seq           INTEGER NOT NULL                         -- seq of the latest follow_up_step row
);
-- Overdue follow-ups: due_at <= now. Only rows waiting for a staff step with a deadline are indexed.
CREATE INDEX evaluation_follow_up_due ON evaluation_follow_up (due_at) WHERE due_at IS NOT NULL;
-- Open follow-ups, oldest first (the supervisor's work list).
CREATE INDEX evaluation_follow_up_open ON evaluation_follow_up (opened_at) WHERE closed_at IS NULL;
-- All follow-ups newest first, and indicators (follow-up and on-time rectification rates) by period.
CREATE INDEX evaluation_follow_up_opened ON evaluation_follow_up (opened_at);
-- Indicators of one helper's follow-ups over a period.
CREATE INDEX evaluation_follow_up_helper ON evaluation_follow_up (helper_id, opened_at);
-- A case's follow-ups.
CREATE INDEX evaluation_follow_up_case ON evaluation_follow_up (case_number);

-- Append-only history of each follow-up: never updated or deleted. seq runs 1, 2, 3 … per follow-up.
CREATE TABLE follow_up_step (
    follow_up_id TEXT    NOT NULL REFERENCES evaluation_follow_up (id),
    seq          INTEGER NOT NULL,
    at           BIGINT  NOT NULL,
    actor_id     TEXT    NOT NULL,
    actor_role   TEXT    NOT NULL,                             -- APPLICANT, HELPER, SUPERVISOR
    step         TEXT    NOT NULL,                             -- FollowUpStep: OPEN, CONTACT, … APPEAL_REJECTED
    note         TEXT,                                         -- free text; an appeal's reason
    PRIMARY KEY (follow_up_id, seq)
);
