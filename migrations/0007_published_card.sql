-- Migration 0007: each frozen snapshot gets its score card, the detail down to its fields (no criteria
-- below them, no lowest-criteria lists): a quarter of the detail's size. /diem and /tieuchi read the
-- card, on every such message, instead of reading and parsing the whole detail; pages and reports keep
-- the detail. Results published from now on get their card from publishing (`cardOfDetail` in
-- src/domain/published.ts); the ones already published get the same card here.

ALTER TABLE published_results ADD COLUMN card TEXT CHECK (card IS NULL OR json_valid(card));

UPDATE published_results
SET card = json_object(
  'schema', detail -> '$.schema',
  'result', CASE json_type(detail, '$.result')
    WHEN 'object' THEN
      CASE json_type(detail, '$.result.fields')
        WHEN 'array' THEN json_set(
          json_remove(detail -> '$.result', '$.lowest'),
          '$.fields',
          json((
            SELECT json_group_array(
              CASE f.type WHEN 'object' THEN json_remove(f.value, '$.children') ELSE json(detail -> f.fullkey) END
            )
            FROM json_each(detail, '$.result.fields') AS f
          ))
        )
        ELSE json_remove(detail -> '$.result', '$.lowest')
      END
    ELSE detail -> '$.result'
  END,
  'annotations', detail -> '$.annotations'
)
WHERE json_type(detail) = 'object';
