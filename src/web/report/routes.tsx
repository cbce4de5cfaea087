/**
 * GET /bao-cao/<scope code>/<year> and GET /don-vi/<unit code>/<year>: the public report pages, from
 * the publication snapshot only. A code is read as the unit it named in that year (codes were reused
 * in July 2025). An unknown code, a year without a published result, or a draft year: 404, in Vietnamese.
 */
import type { Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import { NONCE, secureHeaders } from "hono/secure-headers";
import { parseYear, type ReportDeps, rankingPage, unitPage } from "./model.ts";
import { Layout, type Meta, NotFoundView, PredecessorsView, RankingView, UnitView } from "./pages.tsx";

export interface ReportRouteOptions {
  /** The public https address, for og:url; none: the tag is left out. */
  publicBaseUrl?: string | null;
}

export function mountReportPages(app: Hono, deps: ReportDeps, options: ReportRouteOptions = {}): void {
  const baseUrl = options.publicBaseUrl?.replace(/\/+$/u, "") ?? null;
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: [NONCE],
      imgSrc: ["'self'", "data:"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: "strict-origin-when-cross-origin",
  });

  const render = async (c: Context, meta: Meta, body: Child, status: 200 | 404 = 200) => {
    const nonce = (c.get("secureHeadersNonce" as never) as string | undefined) ?? "";
    // Computed from the snapshot on every request: a withdrawal shows at once, nothing to invalidate.
    c.header("cache-control", "no-cache");
    const page = (
      <Layout meta={meta} nonce={nonce} baseUrl={baseUrl}>
        {body}
      </Layout>
    );
    return c.html(`<!DOCTYPE html>${await page.toString()}`, status);
  };
  const notFound = (c: Context, message: string) =>
    render(
      c,
      { title: "Không tìm thấy · Chỉ số CCHC", description: message, path: c.req.path },
      <NotFoundView message={message} />,
      404,
    );

  app.get("/bao-cao/:code/:year", headers, async (c) => {
    const code = c.req.param("code");
    const year = parseYear(c.req.param("year"));
    if (year === null) return notFound(c, "Năm không hợp lệ: năm có bốn chữ số, ví dụ /bao-cao/297/2022.");
    const page = await rankingPage(deps, code, year);
    if (page === null) {
      return notFound(c, `Không có bảng xếp hạng Chỉ số CCHC năm ${year} đã công bố cho mã đơn vị ${code}.`);
    }
    const first = page.rows[0];
    const lead = first === undefined ? "" : ` Dẫn đầu: ${first.name} ${first.score}${first.mark}.`;
    return render(
      c,
      {
        title: `Xếp hạng Chỉ số CCHC ${page.year} · ${page.scopeTitle}`,
        description: `${page.rows.length} ${page.peersPhrase}.${lead}`,
        path: c.req.path,
      },
      <RankingView page={page} />,
    );
  });

  app.get("/don-vi/:code/:year", headers, async (c) => {
    const code = c.req.param("code");
    const year = parseYear(c.req.param("year"));
    if (year === null) return notFound(c, "Năm không hợp lệ: năm có bốn chữ số, ví dụ /don-vi/10972/2022.");
    const page = await unitPage(deps, code, year);
    if (page === null) {
      return notFound(c, `Không có kết quả Chỉ số CCHC năm ${year} đã công bố cho mã đơn vị ${code}.`);
    }
    if (page.kind === "predecessors") {
      return render(
        c,
        {
          title: `${page.name} · kết quả Chỉ số CCHC của các đơn vị cũ`,
          description: `${page.name} được thành lập ngày 01/07/2025; kết quả năm ${page.year} của các đơn vị trước sắp xếp.`,
          path: c.req.path,
        },
        <PredecessorsView page={page} />,
      );
    }
    const rank = page.rank === null ? "" : `, hạng ${page.rank}`;
    return render(
      c,
      {
        title: `${page.name} · Chỉ số CCHC ${page.year}`,
        description: `Điểm ${page.score}${rank}.${page.legend === null ? "" : ` ${page.legend}.`}`,
        path: c.req.path,
      },
      <UnitView page={page} />,
    );
  });
}
