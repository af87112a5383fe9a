-- Every top-level post reads the room's followers; the primary key (user_id, room_id) cannot serve that.
CREATE INDEX follow_room ON follow (room_id);
