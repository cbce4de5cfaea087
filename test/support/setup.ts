/**
 * Every test file runs the embedded driver as `npm start` does (src/db/open.ts): with its statements
 * kept per connection, so the whole suite checks that the cache changes no result.
 */
import { cacheEmbeddedStatements } from "../../src/db/statement-cache.ts";

cacheEmbeddedStatements();
