-- File bytes in the database, so every node of a cluster serves every file (issue 21).
-- Content-addressed as on disk: one file_contents row per distinct SHA-256, its bytes in rows of
-- at most one upload chunk each. Uploads in progress write to file_upload_chunks and are copied
-- over inside PostgreSQL once verified, never through a node's memory as a whole.
CREATE TABLE file_contents (
    sha256 TEXT   PRIMARY KEY,
    size   BIGINT NOT NULL
);

CREATE TABLE file_content_chunks (
    sha256 TEXT   NOT NULL REFERENCES file_contents (sha256) ON DELETE CASCADE,
    off    BIGINT NOT NULL,
    data   BYTEA  NOT NULL,
    PRIMARY KEY (sha256, off)
);

CREATE TABLE file_upload_chunks (
    file_id    TEXT   NOT NULL,
    node       TEXT   NOT NULL,
    started_at BIGINT NOT NULL,
    off        BIGINT NOT NULL,
    data       BYTEA  NOT NULL,
    PRIMARY KEY (file_id, off)
);

CREATE INDEX file_upload_chunks_by_node ON file_upload_chunks (node);

-- shared files are mostly compressed already (images, archives): do not try again
ALTER TABLE file_content_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
ALTER TABLE file_upload_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
