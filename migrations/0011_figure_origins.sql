-- Migration 0011: where each figure of a frozen result comes from (published, derived from published
-- figures, or sample), the source's own reasons and contradictions, and the publication cited; see
-- src/domain/provenance.ts. NULL for results frozen before: readers then go by the `sample` flag alone
-- (all sample, or all published), and the demo seed fills in its own results' origins.

ALTER TABLE published_results ADD COLUMN origins TEXT CHECK (origins IS NULL OR json_valid(origins));
