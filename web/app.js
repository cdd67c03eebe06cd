// petrel explorer: filters → /v1/events, /v1/stats, /v1/actors → map, timeline, network,
// event table and the article view with the event's spans highlighted.

import { EventMap } from "./map.js";
import { legend, network, timeline } from "./charts.js";

// CAMEO root codes (the event types offered in the filter).
const ROOTS = [
  ["01", "make public statement"], ["02", "appeal"], ["03", "express intent to cooperate"],
  ["04", "consult"], ["05", "engage in diplomatic cooperation"], ["06", "engage in material cooperation"],
  ["07", "provide aid"], ["08", "yield"], ["09", "investigate"], ["10", "demand"],
  ["11", "disapprove"], ["12", "reject"], ["13", "threaten"], ["14", "protest"],
  ["15", "exhibit force posture"], ["16", "reduce relations"], ["17", "coerce"], ["18", "assault"],
  ["19", "fight"], ["20", "use unconventional mass violence"],
];

const $ = (id) => document.getElementById(id);
const form = $("filters");
const state = { events: [], selected: null, article: null };

function status(msg, error = false) {
  $("status").textContent = msg;
  $("status").classList.toggle("error", error);
}

async function api(path) {
  const r = await fetch(path, { headers: { accept: "application/json" } });
  const body = await r.json().catch(() => null);
  if (!r.ok) throw new Error(body?.error?.message ?? `${r.status} ${r.statusText}`);
  return body;
}

function query() {
  const p = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (String(v).trim()) p.set(k, String(v).trim());
  return p;
}

const map = new EventMap($("map"), (e) => select(e.id));
$("zoom-in").addEventListener("click", () => map.zoom(0.8));
$("zoom-out").addEventListener("click", () => map.zoom(1.25));

async function refresh() {
  const q = query();
  history.replaceState(null, "", q.toString() ? `?${q}` : location.pathname);
  status("loading…");
  try {
    const ev = new URLSearchParams(q); ev.set("limit", "1000");
    const [page, stats, net] = await Promise.all([
      api(`/v1/events?${ev}`), api(`/v1/stats?${q}`), api(`/v1/actors?${q}`),
    ]);
    state.events = page.events;
    renderTable(page);
    map.show(page.events);
    timeline($("timeline"), stats.by_day, (day) => { form.from.value = day; form.to.value = day; refresh(); });
    network($("network"), net, (code) => { form.actor.value = code; refresh(); });
    status(`${page.total} event(s) from ${stats.articles} stored article(s)` + (page.total > page.events.length ? `, first ${page.events.length} shown` : ""));
    if (state.selected && !state.events.some((e) => e.id === state.selected)) state.selected = null;
    map.highlight(state.selected);
  } catch (err) {
    status(`error: ${err.message}`, true);
  }
}

function cell(tr, text, cls) {
  const td = document.createElement("td");
  td.textContent = text ?? "";
  if (cls) td.className = cls;
  tr.appendChild(td);
}

function who(side) {
  return side ? `${side.code ?? "?"}${side.text ? ` (${side.text})` : ""}` : "—";
}

function renderTable(page) {
  $("event-count").textContent = `(${page.total})`;
  const body = $("events").tBodies[0];
  body.replaceChildren();
  for (const e of page.events) {
    const tr = document.createElement("tr");
    tr.dataset.event = e.id;
    tr.setAttribute("data-testid", "event-row");
    cell(tr, e.date);
    cell(tr, who(e.source));
    cell(tr, `${e.cameo} ${e.verb}`, "code");
    cell(tr, who(e.target));
    cell(tr, e.location ? `${e.location.name ?? ""} ${e.location.country ?? ""}` : "");
    tr.addEventListener("click", () => select(e.id));
    body.appendChild(tr);
  }
  markRows();
}

function markRows() {
  for (const tr of $("events").tBodies[0].rows) tr.classList.toggle("selected", Number(tr.dataset.event) === state.selected);
}

async function select(id) {
  state.selected = id;
  markRows();
  map.highlight(id);
  const e = state.events.find((x) => x.id === id) ?? state.article?.events.find((x) => x.id === id);
  if (!e) return;
  try {
    if (state.article?.id !== e.article) state.article = await api(`/v1/articles/${encodeURIComponent(e.article)}`);
    renderArticle(state.article, id);
  } catch (err) {
    status(`error: ${err.message}`, true);
  }
}

/// Splits the article at every span boundary; offsets are UTF-8 byte offsets, so the text is
/// cut as bytes and each piece decoded.
function highlighted(text, spans) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  const cuts = new Set([0, bytes.length]);
  for (const s of spans) { cuts.add(s.span[0]); cuts.add(s.span[1]); }
  const points = [...cuts].filter((c) => c >= 0 && c <= bytes.length).sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = dec.decode(bytes.subarray(a, b));
    const cls = spans.filter((s) => s.span[0] <= a && b <= s.span[1]).map((s) => s.cls);
    if (!cls.length) { frag.append(piece); continue; }
    const span = document.createElement("span");
    span.className = cls.join(" ");
    span.textContent = piece;
    for (const c of cls) span.dataset[c] = "1";
    frag.append(span);
  }
  return frag;
}

function renderArticle(a, eventId) {
  const panel = $("article");
  panel.replaceChildren();
  panel.dataset.article = a.id;
  panel.dataset.event = String(eventId);
  const h = document.createElement("h2");
  h.textContent = a.title || a.id;
  h.setAttribute("data-testid", "article-title");
  const meta = document.createElement("div");
  meta.className = "meta";
  meta.textContent = [a.date, a.source, a.id].filter(Boolean).join(" · ");
  if (a.url) {
    meta.append(" · ");
    const link = document.createElement("a");
    link.href = a.url; link.textContent = "source"; link.rel = "noreferrer"; link.target = "_blank";
    meta.append(link);
  }
  const e = a.events.find((x) => x.id === eventId);
  const spans = [];
  if (e) {
    if (e.sentence_span) spans.push({ span: e.sentence_span, cls: "sent" });
    if (e.source?.span) spans.push({ span: e.source.span, cls: "src" });
    if (e.target?.span) spans.push({ span: e.target.span, cls: "tgt" });
    if (e.verb_span) spans.push({ span: e.verb_span, cls: "verb" });
  }
  const body = document.createElement("p");
  body.className = "article-text";
  body.setAttribute("data-testid", "article-text");
  body.append(highlighted(a.text, spans));
  const summary = document.createElement("p");
  summary.className = "meta";
  if (e) summary.textContent = `${who(e.source)} —${e.cameo} ${e.verb} (Goldstein ${e.goldstein}, quad ${e.quad_class}, ${e.modality})→ ${who(e.target)}`;
  const list = document.createElement("ol");
  list.className = "article-events";
  list.start = 1;
  for (const x of a.events) {
    const li = document.createElement("li");
    li.textContent = `${x.source?.code ?? "?"} ${x.cameo} ${x.target?.code ?? "?"}: “${x.verb}”`;
    li.classList.toggle("selected", x.id === eventId);
    li.addEventListener("click", () => select(x.id));
    list.appendChild(li);
  }
  panel.append(h, meta, summary, body, list);
}

async function main() {
  for (const [code, name] of ROOTS) form.code.add(new Option(`${code} ${name}`, code));
  legend($("legend"));
  const p = new URLSearchParams(location.search);
  for (const k of ["from", "to", "country", "actor", "code", "quad"]) if (p.has(k) && form[k]) form[k].value = p.get(k);
  form.addEventListener("submit", (ev) => { ev.preventDefault(); refresh(); });
  form.addEventListener("reset", () => setTimeout(refresh, 0));
  try {
    map.drawBasemap(await api("/assets/world.json"));
  } catch (err) {
    status(`basemap: ${err.message}`, true);
  }
  await refresh();
  document.body.dataset.ready = "1";
}

main();
