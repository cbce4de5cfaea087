/**
 * The playground page: try the bot in a browser, without a token, as a chair would see it on a
 * phone. One self-contained HTML document (inline CSS and script, no build step). The reply's HTML
 * is never assigned to innerHTML: it is parsed inert and rebuilt from an allow-list of tags.
 */

export const EXAMPLE_COMMANDS = [
  "/diem Tan Hong 2022",
  "/hang Gia Loc 2022",
  "/tieuchi Song Cau 2022",
  "/tthc Bac An",
  // The playground has no linked unit, so the schedule example names one, and its year: the demo's
  // schedules are of 2024, and a week without a year is of the current one.
  "/lich 12/2024 Kinh Mon",
  "/help",
] as const;

const STYLE = `
:root { --brand: #0b5cab; --brand-dark: #084a8a; --bg: #eef2f6; --bot: #ffffff; --me: #d8ebff;
  --ink: #17212b; --muted: #5b6875; --line: #d5dde6; color-scheme: light; }
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; height: 100dvh; background: var(--bg); color: var(--ink);
  font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; }
.top { display: flex; align-items: center; gap: 12px; padding: 10px 16px;
  padding-top: max(10px, env(safe-area-inset-top)); background: var(--brand); color: #fff; }
.avatar { flex: none; width: 40px; height: 40px; border-radius: 50%; background: #fff; color: var(--brand);
  display: grid; place-items: center; font-weight: 800; font-size: 11px; letter-spacing: -.2px; }
.top h1 { margin: 0; font-size: 17px; line-height: 1.2; }
.top p { margin: 2px 0 0; font-size: 13px; opacity: .9; }
.log { position: relative; flex: 1; overflow-y: auto; padding: 12px 10px 16px; display: flex; flex-direction: column; gap: 10px;
  overscroll-behavior: contain; }
.msg { display: flex; flex-direction: column; max-width: min(92%, 640px); }
.msg.me { align-self: flex-end; align-items: flex-end; }
.msg.bot { align-self: flex-start; }
.bubble { padding: 9px 12px; border-radius: 16px; white-space: pre-wrap; overflow-wrap: anywhere;
  box-shadow: 0 1px 1px rgba(0,0,0,.08); }
.bot .bubble { background: var(--bot); border-top-left-radius: 4px; }
.me .bubble { background: var(--me); border-top-right-radius: 4px; }
.bubble code { font: 14px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  background: #f1f4f8; border-radius: 4px; padding: 0 3px; }
.bubble a { color: var(--brand); }
.bubble.error { background: #fff4f2; color: #8a1f11; border: 1px solid #f3c4bb; }
.bubble.typing { color: var(--muted); font-style: italic; }
.label { margin: 0 6px 3px; font-size: 12px; color: var(--muted); }
.msg.notice .bubble { border-left: 4px solid var(--brand); }
.choices { display: flex; flex-direction: column; gap: 6px; margin-top: 6px; width: 100%; }
.choices button { min-height: 44px; padding: 10px 14px; text-align: left; border: 1px solid var(--brand);
  border-radius: 12px; background: #fff; color: var(--brand-dark); font: inherit; font-size: 15px;
  cursor: pointer; }
.choices button:active, .chips button:active { background: #e3efff; }
.composer { background: #fff; border-top: 1px solid var(--line);
  padding: 8px 10px max(10px, env(safe-area-inset-bottom)); }
.chips-label { margin: 0 2px 6px; font-size: 13px; color: var(--muted); }
.chips { display: flex; gap: 8px; overflow-x: auto; padding-bottom: 8px; scrollbar-width: none;
  -webkit-mask-image: linear-gradient(to right, #000 85%, transparent);
  mask-image: linear-gradient(to right, #000 85%, transparent); }
.chips::-webkit-scrollbar { display: none; }
.chips button { flex: none; min-height: 40px; padding: 8px 14px; border-radius: 20px; border: 1px solid var(--line);
  background: #f7f9fb; color: var(--ink); font: inherit; font-size: 15px; cursor: pointer; white-space: nowrap; }
form { display: flex; gap: 8px; }
input { flex: 1; min-width: 0; min-height: 48px; padding: 10px 14px; font: inherit; font-size: 16px;
  border: 1px solid var(--line); border-radius: 24px; background: #fff; color: var(--ink); }
input:focus { outline: 2px solid var(--brand); outline-offset: 0; border-color: var(--brand); }
form button { flex: none; min-width: 72px; min-height: 48px; padding: 0 18px; border: 0; border-radius: 24px;
  background: var(--brand); color: #fff; font: inherit; font-weight: 600; cursor: pointer; }
form button:disabled { opacity: .55; cursor: default; }
`;

const SCRIPT = `
const log = document.getElementById("log");
const form = document.getElementById("form");
const input = document.getElementById("text");
const sendButton = document.getElementById("send");
const TAGS = { B: "strong", STRONG: "strong", I: "em", EM: "em", U: "u", S: "s", CODE: "code", PRE: "pre",
  BLOCKQUOTE: "blockquote", A: "a" };

function bubble(side, className) {
  const msg = document.createElement("div");
  msg.className = "msg " + side;
  const inner = document.createElement("div");
  inner.className = "bubble" + (className ? " " + className : "");
  msg.appendChild(inner);
  log.appendChild(msg);
  return { msg, inner };
}

function copyAllowed(from, to) {
  for (const node of from.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      to.appendChild(document.createTextNode(node.nodeValue));
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      const tag = TAGS[node.tagName];
      if (!tag) { copyAllowed(node, to); continue; }
      const out = document.createElement(tag);
      if (tag === "a") {
        const href = node.getAttribute("href") || "";
        if (/^https?:\\/\\//i.test(href)) { out.href = href; out.target = "_blank"; out.rel = "noopener noreferrer"; }
      }
      copyAllowed(node, out);
      to.appendChild(out);
    }
  }
}

function showReply(target, data) {
  target.inner.textContent = "";
  target.inner.className = "bubble";
  const parsed = new DOMParser().parseFromString("<!doctype html><body>" + (data.html || ""), "text/html");
  copyAllowed(parsed.body, target.inner);
  if (!data.html) target.inner.textContent = data.text || "";
  if (Array.isArray(data.choices) && data.choices.length > 0) {
    const list = document.createElement("div");
    list.className = "choices";
    for (const choice of data.choices) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = choice.label;
      button.addEventListener("click", () => ask(choice.command, choice.label));
      list.appendChild(button);
    }
    target.msg.appendChild(list);
  }
}

function scrollDown() { log.scrollTop = log.scrollHeight; }
// A score card is taller than a phone screen: show its beginning (under the question), not its end.
function showFrom(element) { log.scrollTop = Math.max(0, element.offsetTop - 8); }

let busy = false;
async function ask(command, shown) {
  if (busy) return;
  busy = true;
  sendButton.disabled = true;
  const question = bubble("me");
  question.inner.textContent = shown || command;
  const answer = bubble("bot", "typing");
  answer.inner.textContent = "Đang trả lời…";
  scrollDown();
  try {
    const response = await fetch("/api/chat", { method: "POST", credentials: "same-origin",
      headers: { "content-type": "application/json" }, body: JSON.stringify({ text: command }) });
    const data = await response.json().catch(() => ({}));
    if (response.ok) showReply(answer, data);
    else {
      answer.inner.className = "bubble error";
      answer.inner.textContent = data.error || "Máy chủ không trả lời được. Vui lòng thử lại.";
    }
  } catch {
    answer.inner.className = "bubble error";
    answer.inner.textContent = "Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.";
  } finally {
    busy = false;
    sendButton.disabled = false;
    showFrom(question.msg);
  }
}

// Notices the bot pushed to this conversation (after /dangky): the server keeps them, the page asks.
let noticeCursor = null;
const shownTime = (iso) => iso ? new Date(iso).toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh",
  hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", year: "numeric" }) : "";
async function pollNotices() {
  try {
    const url = noticeCursor === null ? "/api/notices" : "/api/notices?after=" + noticeCursor;
    const response = await fetch(url, { credentials: "same-origin" });
    if (response.ok) {
      const data = await response.json();
      const notices = Array.isArray(data.notices) ? data.notices : [];
      for (const notice of notices) {
        const target = bubble("bot");
        target.msg.classList.add("notice");
        const label = document.createElement("div");
        label.className = "label";
        label.textContent = "Thông báo · " + shownTime(notice.sentAt);
        target.msg.insertBefore(label, target.inner);
        showReply(target, notice);
      }
      if (typeof data.cursor === "number") noticeCursor = data.cursor;
      if (notices.length > 0) scrollDown();
    }
  } catch {
    // The next poll tries again.
  }
  setTimeout(pollNotices, document.hidden ? 15000 : 3000);
}
pollNotices();

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) { input.focus(); return; }
  input.value = "";
  ask(text);
});
for (const chip of document.querySelectorAll(".chips button")) {
  chip.addEventListener("click", () => ask(chip.dataset.command));
}
`;

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The page; `nonce` admits its inline style and script under the response's Content-Security-Policy. */
export function playgroundHtml(nonce: string): string {
  const chips = EXAMPLE_COMMANDS.map(
    (command) =>
      `<button type="button" data-command="${escapeHtml(command)}">${escapeHtml(command)}</button>`,
  ).join("");
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="theme-color" content="#0b5cab">
<title>Thử bot Chỉ số CCHC</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<header class="top">
  <div class="avatar" aria-hidden="true">CCHC</div>
  <div><h1>Bot Chỉ số CCHC</h1><p>Trang thử: trả lời như trong Telegram, Zalo</p></div>
</header>
<main id="log" class="log" aria-live="polite">
  <div class="msg bot"><div class="bubble">Xin chào! Đây là trang thử bot Chỉ số cải cách hành chính (CCHC).
Gõ một lệnh vào ô bên dưới, hoặc chạm vào một ví dụ. Tên xã gõ không dấu cũng được.
Có mã mời? Gõ /dangky &lt;mã&gt; để nhận thông báo (kết quả, lịch tuần, nhắc hồ sơ) ngay tại đây.</div></div>
</main>
<footer class="composer">
  <p class="chips-label">Ví dụ:</p>
  <div class="chips">${chips}</div>
  <form id="form" autocomplete="off">
    <input id="text" name="text" type="text" maxlength="1000" enterkeyhint="send" autocapitalize="off"
      spellcheck="false" placeholder="Gõ lệnh, ví dụ /diem Tân Hồng" aria-label="Lệnh gửi cho bot">
    <button id="send" type="submit">Gửi</button>
  </form>
</footer>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
}
