-- Security catalogs (ASVS, CAPEC, CWE), versioned and kept side by side.

CREATE TABLE catalogs (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('asvs', 'capec', 'cwe')),
    version     TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (kind, version)
);

-- Every file whose content went into a catalog version.
CREATE TABLE catalog_files (
    id          INTEGER PRIMARY KEY,
    catalog_id  INTEGER NOT NULL REFERENCES catalogs (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    format      TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    entries     INTEGER NOT NULL,
    skipped     INTEGER NOT NULL DEFAULT 0,
    imported_at TEXT NOT NULL,
    UNIQUE (catalog_id, sha256)
);

CREATE TABLE asvs_requirements (
    catalog_id   INTEGER NOT NULL REFERENCES catalogs (id) ON DELETE CASCADE,
    req_id       TEXT NOT NULL,
    ordinal      INTEGER NOT NULL,
    chapter_id   TEXT NOT NULL,
    chapter_name TEXT NOT NULL,
    section_id   TEXT NOT NULL,
    section_name TEXT NOT NULL,
    description  TEXT NOT NULL,
    level1       INTEGER NOT NULL,
    level2       INTEGER NOT NULL,
    level3       INTEGER NOT NULL,
    nist         TEXT NOT NULL,
    PRIMARY KEY (catalog_id, req_id)
);

CREATE TABLE asvs_requirement_cwes (
    catalog_id INTEGER NOT NULL,
    req_id     TEXT NOT NULL,
    cwe_id     INTEGER NOT NULL,
    PRIMARY KEY (catalog_id, req_id, cwe_id),
    FOREIGN KEY (catalog_id, req_id) REFERENCES asvs_requirements (catalog_id, req_id) ON DELETE CASCADE
);
CREATE INDEX asvs_requirement_cwes_by_cwe ON asvs_requirement_cwes (cwe_id);

-- ASVS 5.0 states CWEs only for its "bleeding edge" ids, and a second file
-- renumbers those ids into the release; both are kept as published.
CREATE TABLE asvs_scheme_cwes (
    catalog_id INTEGER NOT NULL REFERENCES catalogs (id) ON DELETE CASCADE,
    scheme_id  TEXT NOT NULL,
    cwe_id     INTEGER NOT NULL,
    PRIMARY KEY (catalog_id, scheme_id)
);

CREATE TABLE asvs_scheme_ids (
    catalog_id INTEGER NOT NULL REFERENCES catalogs (id) ON DELETE CASCADE,
    scheme_id  TEXT NOT NULL,
    req_id     TEXT NOT NULL,
    PRIMARY KEY (catalog_id, scheme_id)
);

CREATE TABLE capec_patterns (
    catalog_id       INTEGER NOT NULL REFERENCES catalogs (id) ON DELETE CASCADE,
    capec_id         INTEGER NOT NULL,
    name             TEXT NOT NULL,
    description      TEXT NOT NULL,
    abstraction      TEXT NOT NULL,
    status           TEXT NOT NULL,
    likelihood       TEXT NOT NULL,
    typical_severity TEXT NOT NULL,
    prerequisites    TEXT NOT NULL, -- JSON array of strings
    mitigations      TEXT NOT NULL, -- JSON array of strings
    PRIMARY KEY (catalog_id, capec_id)
);

CREATE TABLE capec_pattern_cwes (
    catalog_id INTEGER NOT NULL,
    capec_id   INTEGER NOT NULL,
    ordinal    INTEGER NOT NULL,
    cwe_id     INTEGER NOT NULL,
    PRIMARY KEY (catalog_id, capec_id, cwe_id),
    FOREIGN KEY (catalog_id, capec_id) REFERENCES capec_patterns (catalog_id, capec_id) ON DELETE CASCADE
);
CREATE INDEX capec_pattern_cwes_by_cwe ON capec_pattern_cwes (cwe_id);

-- Parent/child links between patterns, as the catalog states them.
CREATE TABLE capec_pattern_links (
    catalog_id INTEGER NOT NULL,
    capec_id   INTEGER NOT NULL,
    nature     TEXT NOT NULL CHECK (nature IN ('ChildOf', 'ParentOf')),
    ordinal    INTEGER NOT NULL,
    target_id  INTEGER NOT NULL,
    PRIMARY KEY (catalog_id, capec_id, nature, target_id),
    FOREIGN KEY (catalog_id, capec_id) REFERENCES capec_patterns (catalog_id, capec_id) ON DELETE CASCADE
);

CREATE TABLE cwe_weaknesses (
    catalog_id  INTEGER NOT NULL REFERENCES catalogs (id) ON DELETE CASCADE,
    cwe_id      INTEGER NOT NULL,
    name        TEXT NOT NULL,
    abstraction TEXT NOT NULL,
    status      TEXT NOT NULL,
    description TEXT NOT NULL,
    PRIMARY KEY (catalog_id, cwe_id)
);

CREATE TABLE cwe_relations (
    catalog_id INTEGER NOT NULL,
    cwe_id     INTEGER NOT NULL,
    ordinal    INTEGER NOT NULL,
    nature     TEXT NOT NULL,
    target_id  INTEGER NOT NULL,
    view_id    INTEGER NOT NULL,
    rank       TEXT NOT NULL,
    PRIMARY KEY (catalog_id, cwe_id, ordinal),
    FOREIGN KEY (catalog_id, cwe_id) REFERENCES cwe_weaknesses (catalog_id, cwe_id) ON DELETE CASCADE
);
CREATE INDEX cwe_relations_by_target ON cwe_relations (catalog_id, target_id);

CREATE TABLE cwe_attack_patterns (
    catalog_id INTEGER NOT NULL,
    cwe_id     INTEGER NOT NULL,
    ordinal    INTEGER NOT NULL,
    capec_id   INTEGER NOT NULL,
    PRIMARY KEY (catalog_id, cwe_id, capec_id),
    FOREIGN KEY (catalog_id, cwe_id) REFERENCES cwe_weaknesses (catalog_id, cwe_id) ON DELETE CASCADE
);

-- Full-text index over every catalog entry (SQLite FTS5, BM25 ranking). The
-- title column holds names (CAPEC and CWE names, ASVS section names), the
-- body the descriptions, so that a name match outranks a passing mention.
CREATE VIRTUAL TABLE catalog_search USING fts5 (
    catalog_id UNINDEXED,
    kind UNINDEXED,
    version UNINDEXED,
    label UNINDEXED, -- what a hit shows: the entry's name, or an ASVS requirement's text
    ref,
    title,
    body,
    tokenize = 'porter unicode61'
);
