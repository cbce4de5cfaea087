/**
 * With PUBLIC_BASE_URL set, a score card links to its unit's page and a ranking to its chart, and the
 * links lead to pages that exist; without it, no link. A draft year gets neither reply nor page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChatService } from "../../src/chat/service.ts";
import { createResolver } from "../../src/resolve/index.ts";
import {
  type ApiDoubles,
  type Harness,
  openDemoDatabase,
  startApiDoubles,
  startHarness,
} from "../support/channel-harness.ts";
import { message } from "../support/chat-database.ts";

const BASE = "https://bao-cao.example";
const now = new Date("2026-01-05T03:00:00Z");
let apis: ApiDoubles;
let harness: Harness;

beforeAll(async () => {
  apis = await startApiDoubles();
  harness = await startHarness({ apis, client: await openDemoDatabase() });
});
afterAll(async () => {
  harness?.close();
  await apis?.close();
});

const chatWith = async (pagesBaseUrl: string | null) => {
  const resolver = createResolver(await harness.store.units.listResolvable());
  return createChatService({ store: harness.store, resolver: async () => resolver, pagesBaseUrl });
};

describe("links to the report pages", () => {
  it("links /diem to the unit's page and /hang to the ranking's, both pages there", async () => {
    const chat = await chatWith(BASE);
    const card = await chat.handle(message("/diem Tan Hong 2022"), now);
    expect(card.link?.url).toBe(`${BASE}/don-vi/10972/2022`);
    const ranking = await chat.handle(message("/hang Binh Giang 2022"), now);
    expect(ranking.link?.url).toMatch(new RegExp(`^${BASE}/bao-cao/\\d+/2022$`));
    for (const url of [card.link!.url, ranking.link!.url]) {
      const page = await harness.app.request(url.slice(BASE.length));
      expect(page.status, url).toBe(200);
    }
    expect(await (await harness.app.request(card.link!.url.slice(BASE.length))).text()).toContain("87,032");
  });

  it("adds no link without PUBLIC_BASE_URL, and none for a draft year", async () => {
    const chat = await chatWith(null);
    expect((await chat.handle(message("/diem Tan Hong 2022"), now)).link).toBeUndefined();
    const draft = await (await chatWith(BASE)).handle(message("/diem Tan Hong 2023"), now);
    expect(draft.link).toBeUndefined();
  });
});
