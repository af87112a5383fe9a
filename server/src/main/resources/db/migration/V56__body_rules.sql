-- A body names the rules set its decisions are counted under, chosen when it is created (the API
-- refuses a body without one). Until now the rules were found by the body's code, and a working
-- group without rules of its own fell back to WORKING_GROUP; existing bodies keep exactly that.
-- The codes listed are the rules files shipped when this migration was written (rules/index.yaml).
-- A body that matched none keeps NULL: it had no rules before either, and an administrator chooses
-- them with PUT /api/bodies/{id}.
ALTER TABLE body ADD COLUMN rules text;
UPDATE body SET rules = CASE
    WHEN code IN ('PANEL', 'CHANGE_BOARD', 'CSC', 'TABASC', 'OPSG', 'TAG', 'SSC', 'SMKI_PMA', 'WORKING_GROUP') THEN code
    WHEN kind = 'working_group' THEN 'WORKING_GROUP'
  END;
