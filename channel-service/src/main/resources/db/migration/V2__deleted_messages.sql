-- Seqs of deleted messages, fed by message.deleted, so that a message deleted before you read it is not
-- unread: unreadCount = last_message_seq - last_read_seq - (deleted seqs after last_read_seq). The count is an
-- index-only range scan of this primary key over the deleted messages after the read position only (usually
-- none), whatever the channel's size. Rows go with their channel.
CREATE TABLE channel_deleted_messages (
    channel_id UUID   NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    seq        BIGINT NOT NULL,
    PRIMARY KEY (channel_id, seq)
);
