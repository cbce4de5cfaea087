/**
 * The report pages as HTML (hono/jsx, rendered on the server, no script): a ranking with its bar chart,
 * a unit's card, a unit formed in 2025 with its predecessors' results, and the "not found" page.
 * Readable on a 390-px phone; every figure is the published one, marked as the chat marks it.
 */
import type { Child } from "hono/jsx";
import type { PredecessorsPage, RankingPage, UnitCardPage } from "./model.ts";

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f6f7f9}
main{max-width:760px;margin:0 auto;padding:12px}
h1{font-size:1.3rem;margin:.2rem 0 .3rem}
h2{font-size:1.05rem;margin:1.2rem 0 .4rem}
a{color:#0b57d0}
.sub{color:#5f6368;font-size:.9rem;margin:0 0 .6rem}
.card{background:#fff;border-radius:10px;padding:10px 12px;margin:10px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.big{font-size:1.35rem;font-weight:700}
svg{display:block;width:100%;height:auto}
.chart text{font-size:11px;fill:#1b1f24}
.chart .value{font-size:10.5px}
.bar{fill:#1a73e8}
.band0{fill:#e8f0fe}.band1{fill:#fef7e0}.band2{fill:#fce8e6}.band3{fill:#e6f4ea}.band4{fill:#f3e8fd}
.band-label{font-size:9.5px;fill:#5f6368}
.track{fill:#e8eaed}.fill{fill:#1a73e8}.avg{stroke:#d93025;stroke-width:2}
table{width:100%;border-collapse:collapse;font-size:.9rem}
th,td{padding:5px 4px;border-bottom:1px solid #e0e0e0;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;white-space:nowrap}
.years a,.years span{display:inline-block;margin:0 6px 6px 0;padding:6px 10px;border-radius:16px;background:#e8f0fe;text-decoration:none}
.years span{background:#1a73e8;color:#fff}
.note{color:#5f6368;font-size:.85rem;font-style:italic;margin:.3rem 0}
ul{padding-left:1.2rem;margin:.3rem 0}
.field{margin:.5rem 0}
.field .label{display:flex;justify-content:space-between;gap:8px;font-size:.9rem}
tr.band-row th{background:#f1f3f4;font-weight:600;font-size:.85rem}
.climb{margin-top:.3rem}
`;

export interface Meta {
  title: string;
  description: string;
  /** The page's own path, for og:url when the public address is known. */
  path: string;
}

export function Layout(props: { meta: Meta; nonce: string; baseUrl: string | null; children: Child }) {
  const { meta } = props;
  return (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{meta.title}</title>
        <meta name="description" content={meta.description} />
        <meta property="og:type" content="website" />
        <meta property="og:locale" content="vi_VN" />
        <meta property="og:site_name" content="Chỉ số CCHC" />
        <meta property="og:title" content={meta.title} />
        <meta property="og:description" content={meta.description} />
        {props.baseUrl === null ? null : <meta property="og:url" content={`${props.baseUrl}${meta.path}`} />}
        <style nonce={props.nonce}>{CSS}</style>
      </head>
      <body>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

function Years(props: { years: { year: number; href: string; current?: boolean }[]; current: number }) {
  return (
    <nav class="years" aria-label="Các năm đã công bố">
      {props.years.map((y) =>
        y.year === props.current ? <span aria-current="page">{y.year}</span> : <a href={y.href}>{y.year}</a>,
      )}
    </nav>
  );
}

const ROW = 22;
const BAND_HEAD = 15;
const LABEL_W = 118;
const BAR_W = 180;
const WIDTH = 360;

/**
 * Where each row and each band's heading go: a band (a group of the classification) starts with its
 * label on a line of its own, then its rows on a tinted background.
 */
function chartLayout(page: RankingPage) {
  const starts = new Map(page.bands.map((band) => [band.from, band]));
  const rowY: number[] = [];
  const bandBoxes: { label: string; y: number; height: number }[] = [];
  let y = 0;
  page.rows.forEach((_, i) => {
    const band = starts.get(i);
    if (band !== undefined) {
      bandBoxes.push({ label: band.label, y, height: BAND_HEAD + (band.to - band.from + 1) * ROW });
      y += BAND_HEAD;
    }
    rowY.push(y);
    y += ROW;
  });
  return { rowY, bandBoxes, height: y + 2 };
}

/** One bar per unit (its % of the maximum), the group bands behind the rows, the change after the value. */
export function RankingChart(props: { page: RankingPage }) {
  const { rows } = props.page;
  const { rowY, bandBoxes, height } = chartLayout(props.page);
  const bandIndex = new Map([...new Set(bandBoxes.map((b) => b.label))].map((label, i) => [label, i % 5]));
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={`Biểu đồ xếp hạng ${props.page.scopeTitle} năm ${props.page.year}`}
    >
      {bandBoxes.map((band) => (
        <g class="band">
          <rect
            class={`band${bandIndex.get(band.label) ?? 0}`}
            x="0"
            y={band.y}
            width={WIDTH}
            height={band.height}
          />
          <text class="band-label" x="4" y={band.y + 11}>
            {band.label}
          </text>
        </g>
      ))}
      {rows.map((row, i) => {
        const y = rowY[i] ?? 0;
        const width = Math.max(1, (Math.min(100, Math.max(0, row.pct)) / 100) * BAR_W);
        return (
          <g>
            <text x="4" y={y + 15}>
              {`${row.rank ?? "–"}. ${row.name}`.slice(0, 22)}
            </text>
            <rect
              class="bar"
              data-unit={row.code}
              x={LABEL_W}
              y={y + 4}
              width={width.toFixed(1)}
              height={ROW - 8}
            >
              <title>{`${row.name}: ${row.score}${row.mark}`}</title>
            </rect>
            <text class="value" x={LABEL_W + width + 3} y={y + 15}>
              {`${row.score}${row.mark}${row.rankChange ? ` ${row.rankChange}` : ""}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function RankingView(props: { page: RankingPage }) {
  const { page } = props;
  return (
    <>
      <h1>
        Xếp hạng Chỉ số CCHC năm {page.year}: {page.scopeTitle}
      </h1>
      <p class="sub">
        {page.rows.length} {page.peersPhrase}
      </p>
      <Years years={page.years} current={page.year} />
      <section class="card">
        <RankingChart page={page} />
      </section>
      <section class="card">
        <table>
          <thead>
            <tr>
              <th class="num">Hạng</th>
              <th>Đơn vị</th>
              <th class="num">Điểm</th>
              <th class="num">So với năm trước</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row, i) => (
              <>
                {page.bands.some((band) => band.from === i) ? (
                  <tr class="band-row">
                    <th colspan={4}>{row.band}</th>
                  </tr>
                ) : null}
                <tr data-unit={row.code}>
                  <td class="num">{row.rank ?? "–"}</td>
                  <td>
                    <a href={row.href}>{row.name}</a>
                  </td>
                  <td class="num">
                    {row.score}
                    {row.mark}
                  </td>
                  <td class="num">
                    {[row.rankChange, row.pointsChange].filter((p) => p !== null && p !== "").join(" · ")}
                  </td>
                </tr>
              </>
            ))}
          </tbody>
        </table>
      </section>
      {page.conflicts.map((c) => (
        <p class="note">⚠️ {c}</p>
      ))}
      {page.source === null ? null : <p class="note">{page.source}</p>}
      {page.legend === null ? null : <p class="note legend">{page.legend}</p>}
    </>
  );
}

/** A field's points as a bar against its maximum, with the scope's average as a red tick. */
function FieldBarView(props: { field: UnitCardPage["fields"][number]; averageWord: string | null }) {
  const { field } = props;
  const share = (value: number) => (field.max > 0 ? Math.min(1, Math.max(0, value / field.max)) : 0);
  return (
    <div class="field">
      <div class="label">
        <span>{field.name}</span>
        <span>
          {field.text}
          {field.mark}
        </span>
      </div>
      <svg class="field-bar" viewBox="0 0 300 14" role="img" aria-label={`${field.name}: ${field.text}`}>
        <rect class="track" x="0" y="3" width="300" height="8" rx="4" />
        <rect class="fill" x="0" y="3" width={(share(field.points) * 300).toFixed(1)} height="8" rx="4" />
        {field.average === null ? null : (
          <line
            class="avg"
            x1={(share(field.average) * 300).toFixed(1)}
            x2={(share(field.average) * 300).toFixed(1)}
            y1="0"
            y2="14"
          />
        )}
      </svg>
      {field.averageText === null ? null : (
        <div class="note">
          {props.averageWord}: {field.averageText}
        </div>
      )}
    </div>
  );
}

export function UnitView(props: { page: UnitCardPage }) {
  const { page } = props;
  return (
    <>
      <h1>{page.name}</h1>
      <p class="sub">
        Chỉ số CCHC năm {page.year} · {page.path}
        {page.validity ? ` (${page.validity})` : ""}
      </p>
      <Years years={page.years} current={page.year} />
      <section class="card">
        <div>Điểm</div>
        <div class="big score">{page.score}</div>
        {page.rank === null ? (
          <div>Xếp hạng: chưa công bố</div>
        ) : (
          <div>
            Xếp hạng: <strong>{page.rank}</strong>
            {page.rankingHref === null ? null : (
              <>
                {" "}
                · <a href={page.rankingHref}>bảng xếp hạng</a>
              </>
            )}
          </div>
        )}
        {page.changes.map((line) => (
          <div>{line}</div>
        ))}
        {page.group === null ? null : <div>{page.group}</div>}
        {page.climb === null ? null : <div class="climb">Mục tiêu: {page.climb}</div>}
      </section>
      {page.rating === null && page.ratingNote === null ? null : (
        <section class="card rating">
          {page.rating === null ? (
            <div>{page.ratingNote}</div>
          ) : (
            <>
              <div>
                Người đứng đầu: <strong>{page.rating.label}</strong>
              </div>
              {page.rating.reasons.length + page.rating.flags.length === 0 ? null : (
                <ul>
                  {page.rating.reasons.map((r) => (
                    <li>{r}</li>
                  ))}
                  {page.rating.flags.map((f) => (
                    <li>⚑ {f}</li>
                  ))}
                </ul>
              )}
            </>
          )}
        </section>
      )}
      {page.fields.length === 0 ? null : (
        <section class="card">
          <h2>Điểm từng lĩnh vực</h2>
          {page.averageWord === null ? null : (
            <p class="note">Vạch đỏ: điểm trung bình ({page.averageWord}).</p>
          )}
          {page.fields.map((field) => (
            <FieldBarView field={field} averageWord={page.averageWord} />
          ))}
        </section>
      )}
      {page.lowest.length === 0 ? null : (
        <section class="card">
          <h2>Lĩnh vực thấp nhất</h2>
          <ol>
            {page.lowest.map((line) => (
              <li>{line}</li>
            ))}
          </ol>
        </section>
      )}
      {page.notes.map((n) => (
        <p class="note">{n}</p>
      ))}
      {page.tthc.length === 0 ? null : (
        <section class="card" id="tthc">
          <h2>Giải quyết thủ tục hành chính</h2>
          <table>
            <thead>
              <tr>
                <th>Kỳ</th>
                <th>Đã giải quyết</th>
                <th>Đúng hạn</th>
                <th>Trễ hạn</th>
                <th>Thư xin lỗi</th>
              </tr>
            </thead>
            <tbody>
              {page.tthc.map((row) => (
                <tr>
                  <td>
                    {row.period}
                    {row.mark}
                  </td>
                  <td>{row.processed}</td>
                  <td>{row.onTime}</td>
                  <td>{row.late}</td>
                  <td>{row.apologies}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.tthcSources.map((source) => (
            <p class="note">Nguồn: {source}</p>
          ))}
        </section>
      )}
      {page.lineage === null ? null : (
        <section class="card">
          <h2>{page.lineage.title}</h2>
          <ul>
            {page.lineage.units.map((u) => (
              <li>
                {u.note} {u.href === null ? u.name : <a href={u.href}>{u.name}</a>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p class="note">{page.source}</p>
      {page.legend === null ? null : <p class="note legend">{page.legend}</p>}
    </>
  );
}

export function PredecessorsView(props: { page: PredecessorsPage }) {
  const { page } = props;
  return (
    <>
      <h1>{page.name}</h1>
      <p class="sub">{page.path}</p>
      <section class="card">
        <p>
          {page.name} được thành lập khi sắp xếp đơn vị hành chính (01/07/2025) và chưa có kết quả Chỉ số CCHC
          riêng.{" "}
          {page.year === page.asked
            ? `Kết quả năm ${page.year} của các đơn vị trước sắp xếp:`
            : `Kết quả gần nhất (năm ${page.year}) của các đơn vị trước sắp xếp:`}
        </p>
        <ul>
          {page.units.map((u) => (
            <li>
              {u.href === null ? <strong>{u.name}</strong> : <a href={u.href}>{u.name}</a>}
              {u.score === null ? `: ${u.note}` : `: ${u.score}, ${u.note}`}
            </li>
          ))}
        </ul>
        <p class="note">Đây là kết quả của từng đơn vị cũ, không cộng gộp hay so sánh với đơn vị mới.</p>
      </section>
      <p class="note">Các năm có kết quả của đơn vị cũ: {page.years.join(", ")}.</p>
      {page.sources.map((s) => (
        <p class="note">{s}</p>
      ))}
      {page.legend === null ? null : <p class="note legend">{page.legend}</p>}
    </>
  );
}

export function NotFoundView(props: { message: string }) {
  return (
    <>
      <h1>Không tìm thấy trang</h1>
      <p>{props.message}</p>
      <p class="note">Chỉ kết quả Chỉ số CCHC đã được công bố mới có trang báo cáo.</p>
    </>
  );
}
