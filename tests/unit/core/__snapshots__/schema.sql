-- index cards_by_cell
CREATE INDEX cards_by_cell ON cards(lane_id, stage_id, position);

-- index cards_by_map
CREATE INDEX cards_by_map ON cards(map_id);

-- index cards_by_stage
CREATE INDEX cards_by_stage ON cards(stage_id);

-- index cards_in_answer_order
CREATE INDEX cards_in_answer_order ON cards(map_id, lane_id, stage_id, position, id, text, color, channel, votes, evidence);

-- index emotion_points_by_cell
CREATE UNIQUE INDEX emotion_points_by_cell ON emotion_points(lane_id, stage_id, ifnull(persona_id, ''));

-- index emotion_points_by_map
CREATE INDEX emotion_points_by_map ON emotion_points(map_id);

-- index emotion_points_by_persona
CREATE INDEX emotion_points_by_persona ON emotion_points(persona_id);

-- index emotion_points_by_stage
CREATE INDEX emotion_points_by_stage ON emotion_points(stage_id);

-- index interviews_by_held_on
CREATE INDEX interviews_by_held_on ON interviews(held_on);

-- index interviews_by_persona
CREATE INDEX interviews_by_persona ON interviews(persona_id);

-- index lanes_by_map
CREATE INDEX lanes_by_map ON lanes(map_id, position);

-- index map_personas_by_persona
CREATE INDEX map_personas_by_persona ON map_personas(persona_id);

-- index metrics_by_map
CREATE INDEX metrics_by_map ON metrics(map_id);

-- index metrics_by_stage
CREATE INDEX metrics_by_stage ON metrics(stage_id);

-- index quote_facets_pending
CREATE INDEX quote_facets_pending ON quote_facets(quote_rowid) WHERE facets IS NULL;

-- index quote_links_by_card
CREATE INDEX quote_links_by_card ON quote_links(card_id);

-- index quote_links_by_map_stage
CREATE INDEX quote_links_by_map_stage ON quote_links(map_id, stage_id, quote_id);

-- index quote_links_by_stage
CREATE INDEX quote_links_by_stage ON quote_links(stage_id);

-- index quote_links_unique
CREATE UNIQUE INDEX quote_links_unique ON quote_links(quote_id, stage_id, ifnull(card_id, ''));

-- index quote_tags_by_tag
CREATE INDEX quote_tags_by_tag ON quote_tags(tag_id);

-- index quotes_by_interview
CREATE INDEX quotes_by_interview ON quotes(interview_id);

-- index quotes_evidence
CREATE INDEX quotes_evidence ON quotes(id, sentiment);

-- index stages_by_map
CREATE INDEX stages_by_map ON stages(map_id, position);

-- index tombstones_by_age
CREATE INDEX tombstones_by_age ON tombstones(created_at);

-- index versions_by_map
CREATE INDEX versions_by_map ON versions(map_id, created_at);

-- table cards
CREATE TABLE "cards" (
  id TEXT PRIMARY KEY,
  map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
  lane_id TEXT NOT NULL REFERENCES lanes(id) ON DELETE CASCADE,
  stage_id TEXT NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  color TEXT,
  position TEXT NOT NULL CHECK (length(position) > 0),
  channel TEXT CHECK (channel IS NULL OR channel IN ('web', 'app', 'email', 'phone', 'store', 'chat', 'social', 'mail', 'other')),
  votes INTEGER NOT NULL DEFAULT 0 CHECK (votes >= 0),
  evidence TEXT NOT NULL DEFAULT 'assumed' CHECK (evidence IN ('assumed', 'observed', 'proposed'))
) STRICT;

-- table emotion_points
CREATE TABLE emotion_points (
  id TEXT PRIMARY KEY,
  map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
  lane_id TEXT NOT NULL REFERENCES lanes(id) ON DELETE CASCADE,
  stage_id TEXT NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
  persona_id TEXT REFERENCES personas(id) ON DELETE CASCADE,
  score INTEGER NOT NULL,
  label TEXT NOT NULL DEFAULT ''
) STRICT;

-- table interviews
CREATE TABLE interviews (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  participant TEXT NOT NULL DEFAULT '',
  persona_id TEXT REFERENCES personas(id) ON DELETE SET NULL,
  held_on TEXT,
  method TEXT NOT NULL DEFAULT 'interview' CHECK (method IN ('interview', 'survey', 'support chat', 'usability test', 'other')),
  transcript TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
, format TEXT NOT NULL DEFAULT 'notes' CHECK (format IN ('notes', 'text', 'markdown', 'vtt', 'srt')), turns TEXT CHECK (turns IS NULL OR json_valid(turns))) STRICT;

-- table interviews_fts
CREATE VIRTUAL TABLE interviews_fts USING fts5(title, participant, transcript, content='interviews', content_rowid='rowid');

-- table interviews_fts_config
CREATE TABLE 'interviews_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table interviews_fts_data
CREATE TABLE 'interviews_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table interviews_fts_docsize
CREATE TABLE 'interviews_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table interviews_fts_idx
CREATE TABLE 'interviews_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table lanes
CREATE TABLE "lanes" (
  id TEXT PRIMARY KEY,
  map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('text', 'touchpoints', 'emotion', 'pains', 'opportunities', 'evidence', 'metrics', 'owners', 'backstage', 'images')),
  title TEXT NOT NULL,
  position TEXT NOT NULL CHECK (length(position) > 0),
  height REAL,
  collapsed INTEGER NOT NULL DEFAULT 0 CHECK (collapsed IN (0, 1))
) STRICT;

-- table map_personas
CREATE TABLE "map_personas" (
  map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
  persona_id TEXT NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
  position TEXT NOT NULL CHECK (length(position) > 0),
  PRIMARY KEY (map_id, persona_id)
) STRICT;

-- table maps
CREATE TABLE maps (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  emotion_min INTEGER NOT NULL DEFAULT -2,
  emotion_max INTEGER NOT NULL DEFAULT 2,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (emotion_min < 0 AND emotion_max > 0)
) STRICT;

-- table metrics
CREATE TABLE metrics (
  id TEXT PRIMARY KEY,
  map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
  stage_id TEXT NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  value REAL NOT NULL,
  unit TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  measured_at TEXT
) STRICT;

-- table personas
CREATE TABLE personas (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT '',
  quote TEXT NOT NULL DEFAULT '',
  goals TEXT NOT NULL DEFAULT '',
  needs TEXT NOT NULL DEFAULT '',
  frustrations TEXT NOT NULL DEFAULT '',
  image BLOB,
  color TEXT,
  created_at TEXT NOT NULL
) STRICT;

-- table quote_facets
CREATE TABLE quote_facets (quote_rowid INTEGER PRIMARY KEY, facets TEXT) STRICT;

-- table quote_facets_fts
CREATE VIRTUAL TABLE quote_facets_fts USING fts5(text, facets, content='quote_facets_content', content_rowid='quote_rowid', prefix='1 2 3');

-- table quote_facets_fts_config
CREATE TABLE 'quote_facets_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table quote_facets_fts_data
CREATE TABLE 'quote_facets_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table quote_facets_fts_docsize
CREATE TABLE 'quote_facets_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table quote_facets_fts_idx
CREATE TABLE 'quote_facets_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table quote_links
CREATE TABLE quote_links (
  id TEXT PRIMARY KEY,
  quote_id TEXT NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
  map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
  stage_id TEXT NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
  card_id TEXT REFERENCES cards(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL
) STRICT;

-- table quote_tags
CREATE TABLE quote_tags (
  quote_id TEXT NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
  tag_id TEXT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (quote_id, tag_id)
) STRICT;

-- table quotes
CREATE TABLE quotes (
  id TEXT PRIMARY KEY,
  interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  start_offset INTEGER,
  end_offset INTEGER,
  sentiment INTEGER CHECK (sentiment IS NULL OR sentiment BETWEEN -2 AND 2),
  created_at TEXT NOT NULL, speaker TEXT NOT NULL DEFAULT '', at_seconds REAL CHECK (at_seconds IS NULL OR at_seconds >= 0), said_on TEXT CHECK (said_on IS NULL OR date(said_on) IS said_on),
  CHECK (start_offset IS NULL OR end_offset IS NULL OR start_offset <= end_offset)
) STRICT;

-- table quotes_fts
CREATE VIRTUAL TABLE quotes_fts USING fts5(sm2, sm1, s0, sp1, sp2, snone, content='quotes_fts_content', content_rowid='quote_rowid', prefix='1 2 3');

-- table quotes_fts_config
CREATE TABLE 'quotes_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table quotes_fts_data
CREATE TABLE 'quotes_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table quotes_fts_docsize
CREATE TABLE 'quotes_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table quotes_fts_idx
CREATE TABLE 'quotes_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table schema_migrations
CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT;

-- table stages
CREATE TABLE "stages" (
  id TEXT PRIMARY KEY,
  map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  position TEXT NOT NULL CHECK (length(position) > 0),
  color TEXT,
  owner TEXT NOT NULL DEFAULT '',
  goal TEXT NOT NULL DEFAULT '',
  width REAL
) STRICT;

-- table tags
CREATE TABLE tags (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE
) STRICT;

-- table tombstones
CREATE TABLE tombstones (
  id TEXT PRIMARY KEY,
  map_id TEXT,
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  payload TEXT NOT NULL CHECK (json_valid(payload))
) STRICT;

-- table versions
CREATE TABLE versions (
  id TEXT PRIMARY KEY,
  map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  snapshot TEXT NOT NULL CHECK (json_valid(snapshot))
) STRICT;

-- trigger interviews_fts_delete
CREATE TRIGGER interviews_fts_delete AFTER DELETE ON interviews BEGIN
  INSERT INTO interviews_fts(interviews_fts, rowid, title, participant, transcript)
    VALUES ('delete', old.rowid, old.title, old.participant, old.transcript);
END;

-- trigger interviews_fts_insert
CREATE TRIGGER interviews_fts_insert AFTER INSERT ON interviews BEGIN
  INSERT INTO interviews_fts(rowid, title, participant, transcript) VALUES (new.rowid, new.title, new.participant, new.transcript);
END;

-- trigger interviews_fts_update
CREATE TRIGGER interviews_fts_update AFTER UPDATE OF title, participant, transcript ON interviews BEGIN
  INSERT INTO interviews_fts(interviews_fts, rowid, title, participant, transcript)
    VALUES ('delete', old.rowid, old.title, old.participant, old.transcript);
  INSERT INTO interviews_fts(rowid, title, participant, transcript) VALUES (new.rowid, new.title, new.participant, new.transcript);
END;

-- trigger quote_facets_interview_update
CREATE TRIGGER quote_facets_interview_update AFTER UPDATE OF id, persona_id ON interviews
  WHEN old.id IS NOT new.id OR old.persona_id IS NOT new.persona_id BEGIN
  INSERT INTO quote_facets_fts(quote_facets_fts, rowid, text, facets) SELECT 'delete', quote_rowid, text, facets FROM quote_facets_content WHERE quote_rowid IN (SELECT rowid FROM quotes WHERE interview_id IN (old.id, new.id));
  UPDATE quote_facets SET facets = NULL WHERE quote_rowid IN (SELECT rowid FROM quotes WHERE interview_id IN (old.id, new.id)) AND facets IS NOT NULL;
END;

-- trigger quote_facets_link_delete
CREATE TRIGGER quote_facets_link_delete AFTER DELETE ON quote_links BEGIN
  INSERT INTO quote_facets_fts(quote_facets_fts, rowid, text, facets) SELECT 'delete', quote_rowid, text, facets FROM quote_facets_content WHERE quote_rowid IN (SELECT rowid FROM quotes WHERE id = old.quote_id);
  UPDATE quote_facets SET facets = NULL WHERE quote_rowid IN (SELECT rowid FROM quotes WHERE id = old.quote_id) AND facets IS NOT NULL;
END;

-- trigger quote_facets_link_insert
CREATE TRIGGER quote_facets_link_insert AFTER INSERT ON quote_links WHEN EXISTS (SELECT 1 FROM quote_facets WHERE quote_rowid = (SELECT rowid FROM quotes WHERE id = new.quote_id) AND facets IS NOT NULL) BEGIN
  INSERT INTO quote_facets_fts(quote_facets_fts, rowid, text, facets) SELECT 'delete', quote_rowid, text, facets FROM quote_facets_content WHERE quote_rowid IN (SELECT rowid FROM quotes WHERE id = new.quote_id);
  UPDATE quote_facets SET facets = NULL WHERE quote_rowid IN (SELECT rowid FROM quotes WHERE id = new.quote_id) AND facets IS NOT NULL;
END;

-- trigger quote_facets_link_update
CREATE TRIGGER quote_facets_link_update AFTER UPDATE OF quote_id, map_id, stage_id, card_id ON quote_links BEGIN
  INSERT INTO quote_facets_fts(quote_facets_fts, rowid, text, facets) SELECT 'delete', quote_rowid, text, facets FROM quote_facets_content WHERE quote_rowid IN (SELECT rowid FROM quotes WHERE id = old.quote_id UNION SELECT rowid FROM quotes WHERE id = new.quote_id);
  UPDATE quote_facets SET facets = NULL WHERE quote_rowid IN (SELECT rowid FROM quotes WHERE id = old.quote_id UNION SELECT rowid FROM quotes WHERE id = new.quote_id) AND facets IS NOT NULL;
END;

-- trigger quote_facets_quote_delete
CREATE TRIGGER quote_facets_quote_delete AFTER DELETE ON quotes BEGIN
  INSERT INTO quote_facets_fts(quote_facets_fts, rowid, text, facets) SELECT 'delete', old.rowid, old.text, facets FROM quote_facets WHERE quote_rowid = old.rowid AND facets IS NOT NULL;
  DELETE FROM quote_facets WHERE quote_rowid = old.rowid;
END;

-- trigger quote_facets_quote_insert
CREATE TRIGGER quote_facets_quote_insert AFTER INSERT ON quotes BEGIN
  INSERT INTO quote_facets (quote_rowid, facets) VALUES (new.rowid, NULL);
END;

-- trigger quote_facets_quote_update
CREATE TRIGGER quote_facets_quote_update AFTER UPDATE OF text, sentiment, interview_id ON quotes
  WHEN old.text IS NOT new.text OR old.sentiment IS NOT new.sentiment OR old.interview_id IS NOT new.interview_id BEGIN
  INSERT INTO quote_facets_fts(quote_facets_fts, rowid, text, facets) SELECT 'delete', old.rowid, old.text, facets FROM quote_facets WHERE quote_rowid = old.rowid AND facets IS NOT NULL;
  UPDATE quote_facets SET facets = NULL WHERE quote_rowid = old.rowid;
END;

-- trigger quote_facets_tag_delete
CREATE TRIGGER quote_facets_tag_delete AFTER DELETE ON quote_tags BEGIN
  INSERT INTO quote_facets_fts(quote_facets_fts, rowid, text, facets) SELECT 'delete', quote_rowid, text, facets FROM quote_facets_content WHERE quote_rowid IN (SELECT rowid FROM quotes WHERE id = old.quote_id);
  UPDATE quote_facets SET facets = NULL WHERE quote_rowid IN (SELECT rowid FROM quotes WHERE id = old.quote_id) AND facets IS NOT NULL;
END;

-- trigger quote_facets_tag_insert
CREATE TRIGGER quote_facets_tag_insert AFTER INSERT ON quote_tags WHEN EXISTS (SELECT 1 FROM quote_facets WHERE quote_rowid = (SELECT rowid FROM quotes WHERE id = new.quote_id) AND facets IS NOT NULL) BEGIN
  INSERT INTO quote_facets_fts(quote_facets_fts, rowid, text, facets) SELECT 'delete', quote_rowid, text, facets FROM quote_facets_content WHERE quote_rowid IN (SELECT rowid FROM quotes WHERE id = new.quote_id);
  UPDATE quote_facets SET facets = NULL WHERE quote_rowid IN (SELECT rowid FROM quotes WHERE id = new.quote_id) AND facets IS NOT NULL;
END;

-- trigger quote_facets_tag_update
CREATE TRIGGER quote_facets_tag_update AFTER UPDATE OF quote_id, tag_id ON quote_tags BEGIN
  INSERT INTO quote_facets_fts(quote_facets_fts, rowid, text, facets) SELECT 'delete', quote_rowid, text, facets FROM quote_facets_content WHERE quote_rowid IN (SELECT rowid FROM quotes WHERE id = old.quote_id UNION SELECT rowid FROM quotes WHERE id = new.quote_id);
  UPDATE quote_facets SET facets = NULL WHERE quote_rowid IN (SELECT rowid FROM quotes WHERE id = old.quote_id UNION SELECT rowid FROM quotes WHERE id = new.quote_id) AND facets IS NOT NULL;
END;

-- trigger quotes_fts_delete
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
  INSERT INTO quotes_fts(quotes_fts, rowid, sm2, sm1, s0, sp1, sp2, snone) VALUES ('delete', old.rowid, iif(old.sentiment = -2, old.text, NULL), iif(old.sentiment = -1, old.text, NULL), iif(old.sentiment = 0, old.text, NULL), iif(old.sentiment = 1, old.text, NULL), iif(old.sentiment = 2, old.text, NULL), iif(old.sentiment IS NULL, old.text, NULL));
END;

-- trigger quotes_fts_insert
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
  INSERT INTO quotes_fts(rowid, sm2, sm1, s0, sp1, sp2, snone) VALUES (new.rowid, iif(new.sentiment = -2, new.text, NULL), iif(new.sentiment = -1, new.text, NULL), iif(new.sentiment = 0, new.text, NULL), iif(new.sentiment = 1, new.text, NULL), iif(new.sentiment = 2, new.text, NULL), iif(new.sentiment IS NULL, new.text, NULL));
END;

-- trigger quotes_fts_update
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text, sentiment ON quotes BEGIN
  INSERT INTO quotes_fts(quotes_fts, rowid, sm2, sm1, s0, sp1, sp2, snone) VALUES ('delete', old.rowid, iif(old.sentiment = -2, old.text, NULL), iif(old.sentiment = -1, old.text, NULL), iif(old.sentiment = 0, old.text, NULL), iif(old.sentiment = 1, old.text, NULL), iif(old.sentiment = 2, old.text, NULL), iif(old.sentiment IS NULL, old.text, NULL));
  INSERT INTO quotes_fts(rowid, sm2, sm1, s0, sp1, sp2, snone) VALUES (new.rowid, iif(new.sentiment = -2, new.text, NULL), iif(new.sentiment = -1, new.text, NULL), iif(new.sentiment = 0, new.text, NULL), iif(new.sentiment = 1, new.text, NULL), iif(new.sentiment = 2, new.text, NULL), iif(new.sentiment IS NULL, new.text, NULL));
END;

-- view quote_facets_content
CREATE VIEW quote_facets_content AS
  SELECT q.rowid AS quote_rowid, q.text AS text, f.facets AS facets FROM quotes q JOIN quote_facets f ON f.quote_rowid = q.rowid WHERE f.facets IS NOT NULL;

-- view quote_facets_fresh
CREATE VIEW quote_facets_fresh AS
  SELECT q.rowid AS quote_rowid,
    'sentiment' || CASE WHEN q.sentiment IS NULL THEN 'none' WHEN q.sentiment < 0 THEN 'm' || -q.sentiment ELSE 'p' || q.sentiment END
    || ' interview' || hex(q.interview_id) || ' persona' || CASE WHEN i.persona_id IS NULL THEN 'none' ELSE hex(i.persona_id) END
    || ifnull((SELECT ' ' || group_concat('map' || hex(l.map_id) || ' stage' || hex(l.stage_id) || CASE WHEN l.card_id IS NULL THEN '' ELSE ' card' || hex(l.card_id) END, ' ') FROM quote_links l WHERE l.quote_id = q.id), ' unplaced')
    || ifnull((SELECT ' ' || group_concat('tag' || hex(t.tag_id), ' ') FROM quote_tags t WHERE t.quote_id = q.id), '') AS facets
  FROM quotes q JOIN interviews i ON i.id = q.interview_id;

-- view quotes_fts_content
CREATE VIEW quotes_fts_content(quote_rowid, sm2, sm1, s0, sp1, sp2, snone) AS SELECT quotes.rowid, iif(quotes.sentiment = -2, quotes.text, NULL), iif(quotes.sentiment = -1, quotes.text, NULL), iif(quotes.sentiment = 0, quotes.text, NULL), iif(quotes.sentiment = 1, quotes.text, NULL), iif(quotes.sentiment = 2, quotes.text, NULL), iif(quotes.sentiment IS NULL, quotes.text, NULL) FROM quotes;
