// End-to-end test of the web explorer: load, filter, click an event, read its article.
// Usage: node explorer.test.mjs http://127.0.0.1:PORT  (run.sh starts the server).
// Screenshots go to ./artifacts/. Any request to a host other than the server fails the test.

import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import assert from "node:assert/strict";

const base = process.argv[2] ?? process.env.PETREL_URL;
if (!base) {
  console.error("usage: node explorer.test.mjs http://127.0.0.1:PORT");
  process.exit(2);
}
const artifacts = new URL("./artifacts/", import.meta.url).pathname;
mkdirSync(artifacts, { recursive: true });
const origin = new URL(base).origin;

async function api(path) {
  const r = await fetch(new URL(path, base));
  assert.equal(r.status, 200, `${path}: HTTP ${r.status}`);
  return r.json();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-dev-shm-usage"],
});
const problems = [];
let step = "start";
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
  page.on("request", (req) => {
    const u = new URL(req.url());
    if (u.protocol !== "data:" && u.origin !== origin) problems.push(`outside request: ${req.url()}`);
  });
  const shot = (name) => page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });

  step = "load";
  await page.goto(base, { waitUntil: "load" });
  await page.waitForSelector("body[data-ready='1']", { timeout: 20000 });
  const all = await api("/v1/events?limit=1000");
  assert.ok(all.total > 0, "the store holds events");
  const located = all.events.filter((e) => e.location).length;
  assert.ok(await page.locator("#map path.country").count() > 150, "basemap drawn");
  assert.equal(await page.locator("[data-testid=map-event]").count(), located, "one dot per located event");
  assert.equal(await page.locator("[data-testid=event-row]").count(), all.events.length, "one row per event");
  assert.ok(await page.locator("[data-testid=timeline-bar]").count() > 0, "timeline bars");
  assert.ok(await page.locator("[data-testid=network-node]").count() > 1, "network nodes");
  assert.ok(await page.locator("[data-testid=network-edge]").count() > 0, "network edges");
  assert.match(await page.locator("#status").textContent(), new RegExp(`^${all.total} event`));
  await shot("01-loaded");

  step = "map zoom and pan";
  const view = async () => (await page.locator("#map").getAttribute("viewBox")).split(" ").map(Number);
  const fitted = await view();
  const radius = async () => Number(await page.locator("[data-testid=map-event]").first().getAttribute("r"));
  const rFitted = await radius();
  const box = await page.locator("#map").boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -200);
  await page.waitForFunction((w) => Number(document.querySelector("#map").getAttribute("viewBox").split(" ")[2]) < w, fitted[2]);
  const zoomed = await view();
  assert.ok(zoomed[2] < fitted[2] && zoomed[3] < fitted[3], `wheel zooms in: ${fitted} → ${zoomed}`);
  const rZoomed = await radius();
  assert.ok(rZoomed > 0 && rZoomed < rFitted, "dots shrink in map units, keeping their size on screen");
  await page.mouse.move(box.x + 20, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + 70, { steps: 5 });
  await page.mouse.up();
  const panned = await view();
  assert.ok(panned[0] < zoomed[0] && panned[1] < zoomed[1] && panned[2] === zoomed[2], `drag pans: ${zoomed} → ${panned}`);
  await page.locator("[data-testid=zoom-out]").click();
  assert.ok((await view())[2] > panned[2], "the − button zooms out");
  await page.locator("#map").dblclick({ position: { x: 5, y: 5 } });
  assert.deepEqual(await view(), fitted, "double click fits the events again");

  step = "filter";
  // Protests (CAMEO root 14) in the first days of the sample period.
  const protests = await api("/v1/events?code=14&limit=1000");
  assert.ok(protests.total > 0 && protests.total < all.total, "the filter narrows the events");
  await page.selectOption("[data-testid=code]", "14");
  await page.click("[data-testid=apply]");
  await page.waitForFunction((n) => document.querySelectorAll("[data-testid=event-row]").length === n, protests.events.length);
  assert.equal(await page.locator("[data-testid=map-event]").count(), protests.events.filter((e) => e.location).length);
  assert.ok(page.url().includes("code=14"), "filters are kept in the URL");
  const stats = await api("/v1/stats?code=14");
  const bars = await page.locator("[data-testid=timeline-bar]").count();
  assert.equal(bars, stats.by_day.reduce((n, d) => n + d.quad.filter((q) => q > 0).length, 0), "timeline follows the filter");
  await shot("02-filtered");

  step = "click event";
  const first = protests.events[0];
  await page.click(`[data-testid=event-row][data-event='${first.id}']`);
  await page.waitForSelector(`#article[data-event='${first.id}'] [data-testid=article-text]`);
  const article = await api(`/v1/articles/${encodeURIComponent(first.article)}`);
  assert.equal(await page.locator("[data-testid=article-title]").textContent(), article.title || article.id);
  const cut = (span) => Buffer.from(article.text, "utf8").subarray(span[0], span[1]).toString("utf8");
  assert.equal((await page.locator(".article-text .verb").allTextContents()).join(""), cut(first.verb_span), "verb highlighted");
  if (first.source?.span) {
    assert.equal((await page.locator(".article-text .src").allTextContents()).join(""), cut(first.source.span), "source highlighted");
  }
  if (first.target?.span) {
    assert.equal((await page.locator(".article-text .tgt").allTextContents()).join(""), cut(first.target.span), "target highlighted");
  }
  assert.equal((await page.locator(".article-text .sent").allTextContents()).join(""), first.text, "sentence highlighted");
  assert.equal(await page.locator("[data-testid=article-text]").textContent(), article.text, "the whole article is shown");
  assert.equal(await page.locator("[data-testid=map-event].selected").count(), first.location ? 1 : 0, "event marked on the map");
  await shot("03-article");

  step = "map click and actor network";
  await page.click("[data-testid=reset]");
  await page.waitForFunction((n) => document.querySelectorAll("[data-testid=event-row]").length === n, all.events.length);
  const other = all.events.find((e) => e.location && e.article !== first.article);
  assert.ok(other, "an event of another article");
  await page.locator(`[data-testid=map-event][data-event='${other.id}']`).dispatchEvent("click");
  await page.waitForSelector(`#article[data-event='${other.id}'] [data-testid=article-text]`);
  const otherArticle = await api(`/v1/articles/${encodeURIComponent(other.article)}`);
  assert.equal(await page.locator("[data-testid=article-text]").textContent(), otherArticle.text);
  const node = page.locator("[data-testid=network-node]").first();
  const code = await node.getAttribute("data-actor");
  const byActor = await api(`/v1/events?actor=${code}&limit=1000`);
  await node.dispatchEvent("click");
  await page.waitForFunction((n) => document.querySelectorAll("[data-testid=event-row]").length === n, byActor.events.length);
  assert.equal(await page.inputValue("[data-testid=actor]"), code);
  await shot("04-actor");

  step = "bad filter";
  const before = problems.length;
  await page.fill("[data-testid=from]", "2010-04-12");
  await page.fill("[data-testid=to]", "2010-04-01");
  await page.click("[data-testid=apply]");
  await page.waitForSelector("#status.error");
  assert.match(await page.locator("#status").textContent(), /from/);
  // The rejected requests are logged by the browser as failed loads; only those are expected.
  const rejected = problems.splice(before);
  assert.ok(rejected.every((p) => p.includes("status of 400")), rejected.join("\n"));

  assert.deepEqual(problems, [], "no page errors and nothing fetched from outside");
  console.log(`ok: explorer loaded ${all.total} events, filtered to ${protests.total}, showed article ${first.article}; screenshots in ${artifacts}`);
} catch (e) {
  console.error(`FAILED at step "${step}": ${e.message}`);
  if (problems.length) console.error(problems.join("\n"));
  process.exitCode = 1;
} finally {
  await browser.close();
}
