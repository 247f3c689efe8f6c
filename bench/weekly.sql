-- bench/weekly.sql: the queries `vk-report weekly --week 2020-W26` makes of
-- the store (lib/report/, lib/store/report.c), as plain SQL against vk's
-- schema, for the reference run: sqlite3 STORE < bench/weekly.sql.
--
-- The dates are the ones vk works out with VK_TODAY=2020-06-26:
--   the week   2020-06-22 .. 2020-06-28 (Monday to Sunday)
--   today      2020-06-26 (in the week)
--   ahead      due up to 2020-07-19 (the week's Sunday + 3 weeks)
--   gap        not reached since 2020-06-01 (4 weeks up to the Sunday)
-- vk prints every record it selects; so does this (SELECT *), and the
-- list columns are the JSON text vk prints from too.

-- milestones: done this week, due in the coming weeks, overdue
SELECT * FROM milestones
 WHERE status = 'done' AND done >= '2020-06-22' AND done <= '2020-06-28'
 ORDER BY done IS NULL, done, id;
SELECT * FROM milestones
 WHERE status = 'planned' AND due >= '2020-06-26' AND due <= '2020-07-19'
 ORDER BY due IS NULL, due, id;
SELECT * FROM milestones
 WHERE status = 'planned' AND due < '2020-06-26'
 ORDER BY due IS NULL, due, id;

-- moves of milestones and trials: from the history
SELECT id, at, "user", entity, entity_id, action, before, after FROM events
 WHERE entity = 'milestone' AND action = 'move' ORDER BY id;
SELECT id, at, "user", entity, entity_id, action, before, after FROM events
 WHERE entity = 'trial' AND action = 'move' ORDER BY id;

-- trials: by status, late, waiting for a decision; learnings of the week
SELECT status, count(*) FROM trials GROUP BY status ORDER BY status;
SELECT * FROM trials
 WHERE "end" < '2020-06-26'
   AND (status NOT IN ('done', 'evaluated', 'rejected', 'stopped') OR status IS NULL)
 ORDER BY "end" IS NULL, "end", id;
SELECT * FROM trials WHERE status = 'proposed' ORDER BY start IS NULL, start, id;
SELECT * FROM learnings
 WHERE date >= '2020-06-22' AND date <= '2020-06-28'
 ORDER BY date IS NULL, date, id;

-- engagement this week: named people (each once) and headcounts, by group and town
SELECT st."group", st.town, count(DISTINCT st.id)
  FROM engagements e JOIN engagement_participants p ON p.owner_id = e.id
  JOIN stakeholders st ON st.id = p.value
 WHERE e.date >= '2020-06-22' AND e.date <= '2020-06-28'
 GROUP BY st."group", st.town;
SELECT h.value, e.town, sum(h.n)
  FROM engagements e JOIN engagement_headcount h ON h.owner_id = e.id
 WHERE e.date >= '2020-06-22' AND e.date <= '2020-06-28'
 GROUP BY h.value, e.town;

-- when each group and town was last reached, up to the week's end
SELECT st."group", max(e.date)
  FROM engagements e JOIN engagement_participants p ON p.owner_id = e.id
  JOIN stakeholders st ON st.id = p.value
 WHERE e.date <= '2020-06-28' AND st."group" IS NOT NULL GROUP BY st."group";
SELECT h.value, max(e.date)
  FROM engagements e JOIN engagement_headcount h ON h.owner_id = e.id
 WHERE e.date <= '2020-06-28' AND h.n > 0 GROUP BY h.value;
SELECT e.town, max(e.date) FROM engagements e
 WHERE e.date <= '2020-06-28' AND e.town IS NOT NULL GROUP BY e.town;
SELECT st.town, max(e.date)
  FROM engagements e JOIN engagement_participants p ON p.owner_id = e.id
  JOIN stakeholders st ON st.id = p.value
 WHERE e.date <= '2020-06-28' AND st.town IS NOT NULL GROUP BY st.town;

-- every town there is (for the towns not reached)
SELECT town FROM stakeholders WHERE town IS NOT NULL
 UNION SELECT town FROM engagements WHERE town IS NOT NULL ORDER BY 1;

-- the week's activities
SELECT * FROM engagements
 WHERE date >= '2020-06-22' AND date <= '2020-06-28'
 ORDER BY date IS NULL, date, id;
