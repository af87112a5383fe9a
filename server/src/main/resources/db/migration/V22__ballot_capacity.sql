-- In what right each ballot was cast, judged when it was admitted: 'holder' (the seat's member in
-- their own right) or 'proxy' (the proxy or alternate then holding the seat). The count keeps
-- judging a ballot by this, so a proxy appointed or revoked later never changes whether it counts.
ALTER TABLE ballot ADD COLUMN cast_as text CHECK (cast_as IN ('holder', 'proxy'));
-- Every earlier ballot was admitted under the decision's lock by the same rules, so its caster was
-- then entitled in the capacity their identity shows.
UPDATE ballot b SET cast_as = CASE WHEN b.cast_by = s.user_id THEN 'holder' ELSE 'proxy' END
  FROM decision_seat s WHERE s.id = b.seat_id;
ALTER TABLE ballot ALTER COLUMN cast_as SET NOT NULL;
