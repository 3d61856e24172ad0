-- Thread replies no longer count as the channel's unread messages (as in Slack, Discord and Mattermost's
-- collapsed threads): a client reading the timeline, which lists top-level messages only, could never mark
-- them read. Their seqs join the deleted messages' as the seqs that do not count:
-- unreadCount = last_message_seq - last_read_seq - (uncounted seqs after last_read_seq). Replies posted
-- before this migration still count until their reader's position passes them.
ALTER TABLE channel_deleted_messages RENAME TO channel_uncounted_seqs;
ALTER INDEX channel_deleted_messages_pkey RENAME TO channel_uncounted_seqs_pkey;
ALTER TABLE channel_uncounted_seqs RENAME CONSTRAINT channel_deleted_messages_channel_id_fkey
    TO channel_uncounted_seqs_channel_id_fkey;
