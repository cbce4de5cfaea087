-- Migration 0012: each unit's name key (its name folded, without type word or spaces: "Xã Tân Hồng" →
-- "tanhong", src/resolve/unit-index.ts `nameKey`), indexed, so a new Worker isolate can look up the
-- units a message names without loading the national register. The key is computed by the code, not
-- in SQL: `name_key_of` records the key function's version and the name it was computed from, and a key whose name has changed since
-- (or was never computed) is found through the partial index and refilled after every migration, register
-- load and unit import (`units.fillNameKeys`). A reader that finds any stale key falls back to the whole
-- register.

ALTER TABLE units ADD COLUMN name_key TEXT;
ALTER TABLE units ADD COLUMN name_key_of TEXT;
CREATE INDEX units_name_key ON units (name_key);
-- 'v1:' is the key function's version (NAME_KEY_VERSION in src/store/name-keys.ts): a new version comes
-- with a migration recreating this index for its own prefix.
CREATE INDEX units_name_key_stale ON units (id) WHERE name_key_of IS NOT 'v1:' || name;
