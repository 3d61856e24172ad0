-- fed by a batch listener of workspace.created: which transaction applied each event, and a unique slug
-- whose violation fails one record of a poll
CREATE TABLE received_workspace (
    workspace_id UUID NOT NULL,
    slug VARCHAR(100) NOT NULL,
    transaction_id BIGINT NOT NULL DEFAULT txid_current(),
    CONSTRAINT received_workspace_slug_uq UNIQUE (slug)
);
