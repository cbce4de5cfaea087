/**
 * What an officer reads of their subtree: who they are, the chats linked to a unit, TTHC figures across the
 * subtree, a week's schedule, one notice's deliveries, and the audit log by unit and time.
 */

import type { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { existsDuring } from "../domain/unit.ts";
import { formatDateTime, vnIsoDate } from "../format/vi.ts";
import { type IsoWeekRef, parseIsoWeek } from "../imports/dates.ts";
import { yearWindow } from "../store/index.ts";
import { actorLabel, auditLabel } from "./audit-labels.ts";
import type { AdminEnv } from "./auth.ts";
import { type AdminDeps, instantOf, inVietnamese, unitsForCode } from "./route-support.ts";
import {
  auditRoute,
  chatsRoute,
  meRoute,
  noticeRoute,
  scheduleRoute,
  tthcRoute,
  unitsRoute,
} from "./routes.ts";

export function registerReadRoutes(admin: OpenAPIHono<AdminEnv>, deps: AdminDeps): void {
  const { store, now } = deps;
  admin.openapi(
    meRoute,
    (c) => {
      const { tokenId, role, scopeName, expiresAt } = c.get("officer");
      return c.json({
        token: tokenId,
        role,
        scope: scopeName,
        expiresAt,
        expires: expiresAt === null ? null : formatDateTime(new Date(expiresAt)),
      });
    },
    inVietnamese(meRoute),
  );

  admin.openapi(
    chatsRoute,
    async (c) => {
      const units = await unitsForCode(c, store, c.req.valid("param").code);
      const chats = [];
      for (const unit of units) chats.push(...(await store.admin.chatsInSubtree(unit.id)));
      return c.json({
        units: units.map((u) => ({
          id: u.id,
          code: u.code,
          name: u.name,
          validFrom: u.validFrom,
          validTo: u.validTo,
        })),
        chats,
      });
    },
    inVietnamese(chatsRoute),
  );

  admin.openapi(
    unitsRoute,
    async (c) => {
      const year = c.req.valid("query").year;
      const today = vnIsoDate(now());
      const window = year === undefined ? { from: today, to: today } : yearWindow(year);
      const code = c.req.valid("param").code;
      const scope = (await unitsForCode(c, store, code)).find(
        (u) => u.level !== "commune" && existsDuring(u, window),
      );
      if (scope === undefined) {
        throw new HTTPException(404, {
          message: `Không có tỉnh hoặc huyện mã ${code} ${year === undefined ? "hiện hành" : `trong năm ${year}`}.`,
        });
      }
      const units = await store.units.descendants(scope.id, window);
      return c.json({
        scope: { code: scope.code, name: scope.name, level: scope.level },
        window,
        units: units.map((u) => ({
          code: u.code,
          name: u.name,
          kind: u.kind,
          level: u.level,
          parentCode: u.parentCode,
          validFrom: u.validFrom,
          validTo: u.validTo,
        })),
      });
    },
    inVietnamese(unitsRoute),
  );

  admin.openapi(
    tthcRoute,
    async (c) => {
      const units = await unitsForCode(c, store, c.req.valid("param").code);
      const limit = c.req.valid("query").limit ?? 12;
      const rows = [];
      // The whole subtree: a province's communes are its grandchildren before the 2025 reform.
      for (const unit of units) {
        for (const { unit: member, periods } of await store.admin.tthcInSubtree(unit.id, limit)) {
          rows.push({ unit: { code: member.code, name: member.name }, periods });
        }
      }
      return c.json({ units: rows });
    },
    inVietnamese(tthcRoute),
  );

  admin.openapi(
    scheduleRoute,
    async (c) => {
      const units = await unitsForCode(c, store, c.req.valid("param").code);
      const week = parseIsoWeek(c.req.valid("query").week) as IsoWeekRef;
      const scopes = [];
      for (const unit of units) {
        const items = await store.schedules.week(unit.id, week);
        if (items.length > 0) scopes.push({ unit: { code: unit.code, name: unit.name }, items });
      }
      return c.json({ week, scopes });
    },
    inVietnamese(scheduleRoute),
  );

  admin.openapi(
    noticeRoute,
    async (c) => {
      const { key } = c.req.valid("param");
      const notice = await store.outbox.notice(key);
      if (notice === null) throw new HTTPException(404, { message: `Không có thông báo ${key}.` });
      let deliveries = await store.outbox.deliveries(key);
      const root = c.get("officer").unitId;
      if (root !== null) {
        const inside = await store.admin.subtreeIds(root);
        if (notice.scopeUnitId === null || !inside.has(notice.scopeUnitId)) {
          // A wider notice (a province's, the nation's): only the deliveries to the caller's chats.
          const chats = new Set((await store.admin.chatsInSubtree(root)).map((chat) => chat.chatRef));
          deliveries = deliveries.filter((d) => chats.has(d.chatRef));
          if (deliveries.length === 0) {
            throw new HTTPException(403, {
              message: `Thông báo ${key} không gửi tới đơn vị nào thuộc phạm vi ${c.get("officer").scopeName}.`,
            });
          }
        }
      }
      const counts: Record<string, number> = {};
      for (const d of deliveries) counts[d.state] = (counts[d.state] ?? 0) + 1;
      return c.json({
        notice: {
          key: notice.key,
          job: notice.job,
          title: notice.title,
          runAt: notice.runAt,
          createdAt: notice.createdAt,
        },
        counts,
        // Never the platform's chat id nor the message: who (the store's number and title), what became of it.
        deliveries: deliveries.map((d) => ({
          chatRef: d.chatRef,
          platform: d.platform,
          chatTitle: d.chatTitle,
          state: d.state,
          attempts: d.attempts,
          notBefore: d.notBefore,
          sentAt: d.sentAt,
          lastError: d.lastError,
        })),
      });
    },
    inVietnamese(noticeRoute),
  );

  admin.openapi(
    auditRoute,
    async (c) => {
      const query = { data: c.req.valid("query") };
      const officer = c.get("officer");
      let subtreeOf: number[] | null = officer.unitId === null ? null : [officer.unitId];
      // Every version of a reused code the caller may see (Kinh Môn's 10714 of 2021, Hải Phòng's of 2026).
      if (query.data.unit !== undefined) {
        subtreeOf = (await unitsForCode(c, store, query.data.unit)).map((unit) => unit.id);
      }
      const entries = await store.admin.audit({
        subtreeOf,
        from: query.data.from === undefined ? null : instantOf(query.data.from, false),
        to: query.data.to === undefined ? null : instantOf(query.data.to, true),
        limit: query.data.limit ?? 200,
      });
      return c.json({
        entries: entries.map((entry) => ({
          ...entry,
          what: auditLabel(entry.action),
          who: actorLabel(entry.actor),
          when: formatDateTime(new Date(entry.at)),
        })),
      });
    },
    inVietnamese(auditRoute),
  );
}
