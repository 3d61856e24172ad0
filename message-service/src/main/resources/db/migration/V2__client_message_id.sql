-- The id a client gives the message it posts (a UUID it makes before sending): a repeated post — a retry after
-- an answer that never arrived, a 503 from the gateway after the post had committed — finds the message it
-- already created instead of creating a second one. Unique per author; null for SYSTEM messages and for posts
-- that did not send one.
ALTER TABLE messages ADD COLUMN client_message_id UUID;
CREATE UNIQUE INDEX messages_author_client_message_id_uq
    ON messages (user_id, client_message_id) WHERE client_message_id IS NOT NULL;
