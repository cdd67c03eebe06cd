// The timeline (stacked bars of events per day by quad class) and the actor network
// (a small force layout; edge width = number of events, arrows point at the target).

import { el } from "./map.js";

const QUADS = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];

export function legend(div) {
  div.replaceChildren();
  QUADS.forEach((name, i) => {
    const s = document.createElement("span");
    const sw = document.createElement("i");
    sw.className = `q${i + 1}`;
    s.append(sw, `${i + 1} ${name}`);
    div.appendChild(s);
  });
}

/// Every day from the first to the last in `days` (ISO strings), so gaps show as gaps.
function dayRange(first, last) {
  const out = [];
  const d = new Date(first + "T00:00:00Z"), end = new Date(last + "T00:00:00Z");
  while (d <= end && out.length < 4000) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

export function timeline(svg, byDay, onDay) {
  svg.replaceChildren();
  const W = svg.clientWidth || 500, H = svg.clientHeight || 170, pad = { l: 28, r: 6, t: 6, b: 20 };
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  if (!byDay.length) {
    el("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "axis" }, svg).textContent = "no dated events";
    return;
  }
  const counts = new Map(byDay.map((d) => [d.day, d]));
  const days = dayRange(byDay[0].day, byDay[byDay.length - 1].day);
  const max = Math.max(...byDay.map((d) => d.count));
  const bw = (W - pad.l - pad.r) / days.length;
  const y = (v) => H - pad.b - (v / max) * (H - pad.t - pad.b);
  el("text", { x: 2, y: pad.t + 8, class: "axis" }, svg).textContent = String(max);
  el("text", { x: 2, y: H - pad.b, class: "axis" }, svg).textContent = "0";
  days.forEach((day, i) => {
    const d = counts.get(day);
    const x = pad.l + i * bw;
    if (d) {
      let acc = 0;
      d.quad.forEach((n, q) => {
        if (!n) return;
        const r = el("rect", {
          x: x + 0.5, width: Math.max(bw - 1, 1), y: y(acc + n), height: y(acc) - y(acc + n),
          class: `q${q + 1}`, "data-day": day, "data-testid": "timeline-bar",
        }, svg);
        el("title", {}, r).textContent = `${day}: ${n} ${QUADS[q]} (${d.count} in all)`;
        r.addEventListener("click", () => onDay(day));
        acc += n;
      });
    }
    if (i === 0 || i === days.length - 1 || (days.length > 2 && i === Math.floor(days.length / 2))) {
      el("text", { x: x + bw / 2, y: H - 5, "text-anchor": "middle", class: "axis" }, svg).textContent = day;
    }
  });
}

export function network(svg, net, onActor) {
  svg.replaceChildren();
  const W = svg.clientWidth || 500, H = svg.clientHeight || 260;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  const defs = el("defs", {}, svg);
  const m = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto" }, defs);
  el("path", { d: "M0,0L10,5L0,10z", fill: "#8899aa" }, m);
  const nodes = net.actors.map((a, i) => {
    const ang = (2 * Math.PI * i) / Math.max(net.actors.length, 1);
    return { ...a, deg: a.as_source + a.as_target, x: W / 2 + (W / 3) * Math.cos(ang), y: H / 2 + (H / 3) * Math.sin(ang), vx: 0, vy: 0 };
  });
  if (!nodes.length) {
    el("text", { x: W / 2, y: H / 2, "text-anchor": "middle", fill: "#777" }, svg).textContent = "no actors";
    return;
  }
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const edges = net.edges.map((e) => ({ ...e, s: byCode.get(e.source), t: byCode.get(e.target) })).filter((e) => e.s && e.t);
  // Fruchterman–Reingold: repulsion k²/d between all nodes, attraction d²/k along edges,
  // moves capped by a temperature that cools to zero.
  const k = 0.45 * Math.sqrt((W * H) / nodes.length);
  let temp = W / 8;
  for (let it = 0; it < 200; it++) {
    for (const n of nodes) { n.vx = 0; n.vy = 0; }
    for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i], b = nodes[j];
      let dx = a.x - b.x, dy = a.y - b.y;
      const d = Math.max(Math.sqrt(dx * dx + dy * dy), 0.01), f = (k * k) / d;
      dx /= d; dy /= d;
      a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
    }
    for (const e of edges) {
      if (e.s === e.t) continue;
      let dx = e.s.x - e.t.x, dy = e.s.y - e.t.y;
      const d = Math.max(Math.sqrt(dx * dx + dy * dy), 0.01), f = (d * d) / k;
      dx /= d; dy /= d;
      e.s.vx -= dx * f; e.s.vy -= dy * f; e.t.vx += dx * f; e.t.vy += dy * f;
    }
    for (const n of nodes) {
      // A little gravity keeps unconnected actors on screen.
      n.vx += (W / 2 - n.x) * 0.4; n.vy += (H / 2 - n.y) * 0.8;
      const v = Math.sqrt(n.vx * n.vx + n.vy * n.vy) || 1, step = Math.min(v, temp);
      n.x = Math.min(W - 60, Math.max(20, n.x + (n.vx / v) * step));
      n.y = Math.min(H - 15, Math.max(15, n.y + (n.vy / v) * step));
    }
    temp *= 0.97;
  }
  // Then push apart nodes that ended up on top of each other, so labels stay readable.
  for (let it = 0; it < 60; it++) {
    for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i], b = nodes[j], dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 0.01;
      if (d >= 70) continue;
      const push = (70 - d) / 2, ux = d > 0.01 ? dx / d : 1, uy = d > 0.01 ? dy / d : 0;
      a.x = Math.min(W - 60, Math.max(20, a.x - ux * push)); a.y = Math.min(H - 15, Math.max(15, a.y - uy * push));
      b.x = Math.min(W - 60, Math.max(20, b.x + ux * push)); b.y = Math.min(H - 15, Math.max(15, b.y + uy * push));
    }
  }
  const maxW = Math.max(...edges.map((e) => e.weight), 1);
  const rad = (n) => 4 + 8 * Math.sqrt(n.deg / Math.max(...nodes.map((x) => x.deg), 1));
  for (const e of edges) {
    let d;
    if (e.s === e.t) {
      const r = rad(e.s);
      d = `M${e.s.x},${e.s.y - r}c-18,-24 18,-24 ${0.1},0`;
    } else {
      // A slight arc to the left of the direction of travel keeps A→B and B→A apart.
      const dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
      const cx = (e.s.x + e.t.x) / 2 + (dy / len) * len * 0.15, cy = (e.s.y + e.t.y) / 2 - (dx / len) * len * 0.15;
      const ux = e.t.x - cx, uy = e.t.y - cy, ul = Math.sqrt(ux * ux + uy * uy) || 1;
      const ex = e.t.x - (ux / ul) * (rad(e.t) + 2), ey = e.t.y - (uy / ul) * (rad(e.t) + 2);
      d = `M${e.s.x},${e.s.y}Q${cx},${cy} ${ex},${ey}`;
    }
    const p = el("path", { class: "edge", d, "stroke-width": 1 + 5 * (e.weight / maxW), "marker-end": "url(#arrow)", "data-testid": "network-edge" }, svg);
    el("title", {}, p).textContent = `${e.source} → ${e.target}: ${e.weight} event(s)`;
  }
  for (const n of nodes) {
    const g = el("g", { class: "node", "data-actor": n.code, "data-testid": "network-node" }, svg);
    el("circle", { cx: n.x, cy: n.y, r: rad(n) }, g);
    el("text", { x: n.x + rad(n) + 2, y: n.y + 3 }, g).textContent = n.code;
    el("title", {}, g).textContent = `${n.name ?? n.code}: ${n.as_source} as source, ${n.as_target} as target (click to filter)`;
    g.addEventListener("click", () => onActor(n.code));
  }
}
