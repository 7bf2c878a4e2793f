-- Bangban record store, version 3: materials 材料 and the materials checklists 材料清单 of 代办 items.
--
-- Same rules as V1 (one schema for SQLite and PostgreSQL, application-made ids, enumerated values as TEXT checked
-- by Java). A material refers to its case 办件 by the case number only, with no foreign key: a record of what was
-- received must never be refused or lost because of the state of another table (see V1). The file itself is not
-- in the database: it is kept content-addressed under <data dir>/materials/<2 hex>/<2 hex>/<sha256>.

-- A file sent for a case, by the applicant or by a helper for them. Never updated or deleted.
CREATE TABLE material (
    id            TEXT    NOT NULL PRIMARY KEY,  -- mat-<uuid>
    case_number   TEXT    NOT NULL,              -- e.g. BB-20261126-000123
    session_id    TEXT,                          -- the assistance session it was sent in; NULL when sent outside one
    -- the content: its SHA-256 (64 lower-case hex, its name in the file store), size and sniffed media type
    sha256        TEXT    NOT NULL,
    size_bytes    BIGINT  NOT NULL CHECK (size_bytes > 0),
    media_type    TEXT    NOT NULL,              -- application/pdf, image/jpeg, image/png, application/ofd
    file_name     TEXT    NOT NULL,              -- sanitised: no path, no control characters, at most 120 characters
    -- who sent it
    uploaded_by   TEXT    NOT NULL,              -- principal id: guest:…, portal:…, staff:…
    uploader_role TEXT    NOT NULL,              -- APPLICANT, HELPER or SUPERVISOR
    checklist_key TEXT,                          -- the material_checklist entry it fulfils; NULL for none
    created_at    BIGINT  NOT NULL
);
CREATE INDEX material_case_number ON material (case_number, created_at);
CREATE INDEX material_session_id ON material (session_id);
-- finds the rows of a content, e.g. for a sweeper of files no row refers to
CREATE INDEX material_sha256 ON material (sha256);

-- The materials a 代办 service item needs: its checklist, replaced as a whole when edited.
-- item_id is a service_item id (no foreign key, as above); "key" is spelled entry_key (a keyword in SQL).
CREATE TABLE material_checklist (
    item_id   TEXT    NOT NULL,
    entry_key TEXT    NOT NULL,                  -- e.g. id-card; named by material.checklist_key
    name_zh   TEXT    NOT NULL,                  -- e.g. 身份证复印件
    name_en   TEXT,
    required  INTEGER NOT NULL DEFAULT 1,        -- 0/1
    sort      INTEGER NOT NULL,                  -- list order, ascending
    PRIMARY KEY (item_id, entry_key)
);
