-- The media access rule (media.MediaAccess) is asked at every media fetch and looks each media up
-- by media_id in these tables; without an index each look-up was a scan of the whole table.
CREATE INDEX story_item_media ON story_item (media_id);
CREATE INDEX snap_media ON snap (media_id);
CREATE INDEX community_submission_media ON community_submission (media_id);
CREATE INDEX geofilter_media ON geofilter (media_id);
