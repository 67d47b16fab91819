-- Companies (tenants), people, API keys, assets, threat-model drafts,
-- projects with their items and requirements, evidence and the audit trail.
-- Every row that belongs to a company carries company_id, and every query
-- of the storage layer filters on it.

CREATE TABLE companies (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL
);

CREATE TABLE memberships (
    company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('admin', 'security_analyst', 'developer', 'viewer')),
    PRIMARY KEY (company_id, user_id)
);

-- Keys are shown once; only a hash (BLAKE2b keyed with nothing, over the
-- whole key) is stored. The prefix identifies a key in listings and lookups.
CREATE TABLE api_keys (
    id           INTEGER PRIMARY KEY,
    company_id   INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    prefix       TEXT NOT NULL UNIQUE,
    hash         TEXT NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);

CREATE TABLE assets (
    id                  INTEGER PRIMARY KEY,
    company_id          INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    name                TEXT NOT NULL,
    description         TEXT NOT NULL DEFAULT '',
    tags                TEXT NOT NULL DEFAULT '[]',
    business_impact     TEXT NOT NULL DEFAULT '',
    data_classification TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    UNIQUE (company_id, name)
);

CREATE TABLE drafts (
    id         INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    created_by INTEGER NOT NULL REFERENCES users (id),
    model      TEXT NOT NULL, -- the threat model as JSON (the model-file format)
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE projects (
    id                   INTEGER PRIMARY KEY,
    company_id           INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    name                 TEXT NOT NULL,
    status               TEXT NOT NULL CHECK (status IN ('PLANNED', 'RUNNING', 'FIXING', 'DONE')),
    goal                 TEXT NOT NULL DEFAULT '',
    scope                TEXT NOT NULL DEFAULT '',
    limitation           TEXT NOT NULL DEFAULT '',
    estimated_hours      REAL NOT NULL DEFAULT 0,
    tags                 TEXT NOT NULL DEFAULT '[]',
    asvs_version         TEXT NOT NULL,
    asvs_level           INTEGER NOT NULL CHECK (asvs_level BETWEEN 1 AND 3),
    capec_version        TEXT NOT NULL,
    cwe_version          TEXT NOT NULL,
    follow_cwe_hierarchy INTEGER NOT NULL DEFAULT 0,
    created_by           INTEGER NOT NULL REFERENCES users (id),
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    version              INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX projects_by_company ON projects (company_id, id);

CREATE TABLE project_team (
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (project_id, user_id)
);

CREATE TABLE project_assets (
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    asset_id   INTEGER NOT NULL REFERENCES assets (id),
    PRIMARY KEY (project_id, asset_id)
);

CREATE TABLE project_items (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    item_key    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    UNIQUE (project_id, item_key)
);

CREATE TABLE project_item_patterns (
    item_id  INTEGER NOT NULL REFERENCES project_items (id) ON DELETE CASCADE,
    ordinal  INTEGER NOT NULL,
    capec_id INTEGER NOT NULL,
    PRIMARY KEY (item_id, capec_id)
);

CREATE TABLE project_requirements (
    id            INTEGER PRIMARY KEY,
    project_id    INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    item_id       INTEGER NOT NULL REFERENCES project_items (id) ON DELETE CASCADE,
    ordinal       INTEGER NOT NULL,
    asvs_id       TEXT NOT NULL,
    chapter_id    TEXT NOT NULL,
    chapter_name  TEXT NOT NULL,
    section_name  TEXT NOT NULL,
    description   TEXT NOT NULL,
    level         INTEGER NOT NULL,  -- the lowest ASVS level that carries it
    match         TEXT NOT NULL CHECK (match IN ('direct', 'indirect')),
    status        TEXT NOT NULL CHECK (status IN ('NOT_STARTED', 'IN_PROGRESS', 'NOT_APPLICABLE', 'DONE')),
    justification TEXT NOT NULL DEFAULT '',
    evidence_text TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL,
    updated_by    INTEGER REFERENCES users (id),
    version       INTEGER NOT NULL DEFAULT 1,
    UNIQUE (item_id, asvs_id)
);
CREATE INDEX project_requirements_by_project ON project_requirements (project_id, ordinal);

CREATE TABLE requirement_traces (
    requirement_id  INTEGER NOT NULL REFERENCES project_requirements (id) ON DELETE CASCADE,
    ordinal         INTEGER NOT NULL,
    capec_id        INTEGER NOT NULL,
    pattern_cwe     INTEGER NOT NULL,
    requirement_cwe INTEGER NOT NULL,
    match           TEXT NOT NULL CHECK (match IN ('direct', 'indirect')),
    PRIMARY KEY (requirement_id, ordinal)
);

CREATE TABLE evidence_files (
    id             INTEGER PRIMARY KEY,
    requirement_id INTEGER NOT NULL REFERENCES project_requirements (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    media_type     TEXT NOT NULL,
    size           INTEGER NOT NULL,
    sha256         TEXT NOT NULL,
    uploaded_by    INTEGER NOT NULL REFERENCES users (id),
    uploaded_at    TEXT NOT NULL
);
CREATE INDEX evidence_files_by_requirement ON evidence_files (requirement_id);

-- Every change: who, when, what, from what to what, why.
CREATE TABLE audit_events (
    id             INTEGER PRIMARY KEY,
    company_id     INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    project_id     INTEGER REFERENCES projects (id) ON DELETE CASCADE,
    requirement_id INTEGER REFERENCES project_requirements (id) ON DELETE CASCADE,
    actor_id       INTEGER REFERENCES users (id),
    at             TEXT NOT NULL,
    action         TEXT NOT NULL,
    field          TEXT NOT NULL DEFAULT '',
    before_value   TEXT NOT NULL DEFAULT '',
    after_value    TEXT NOT NULL DEFAULT '',
    reason         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_by_project ON audit_events (project_id, id);
CREATE INDEX audit_events_by_requirement ON audit_events (requirement_id, id);
