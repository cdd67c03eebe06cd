// The event map: the embedded Natural Earth outlines (world.json) in an equirectangular
// projection, with one dot per located event. The view fits the events shown; the wheel (or
// the + and − buttons) zooms about the pointer, dragging pans, a double click refits.

const NS = "http://www.w3.org/2000/svg";
// Equirectangular: x = lon, y = -lat (SVG y grows downwards); the viewBox does the zoom.
const project = (lon, lat) => [lon, -lat];

export function el(name, attrs = {}, parent = null) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

function ringPath(flat) {
  let d = "";
  for (let i = 0; i < flat.length; i += 2) {
    const [x, y] = project(flat[i], flat[i + 1]);
    // A jump across the antimeridian starts a new piece instead of a line across the map.
    const jump = i > 0 && Math.abs(flat[i] - flat[i - 2]) > 180;
    d += (i && !jump ? "L" : "M") + x + "," + y;
  }
  return d + "Z";
}

export class EventMap {
  constructor(svg, onSelect) {
    this.svg = svg;
    this.onSelect = onSelect;
    this.base = el("g", { class: "basemap" }, svg);
    this.dots = el("g", { class: "events" }, svg);
    this.events = [];
    this.selected = null;
    this.setView(-180, -75, 360, 160);
    this.listen();
  }

  /// Wheel zoom about the pointer, drag to pan, double click to fit the events again.
  listen() {
    const svg = this.svg;
    const at = (ev) => {
      const ctm = svg.getScreenCTM();
      return ctm ? new DOMPoint(ev.clientX, ev.clientY).matrixTransform(ctm.inverse()) : null;
    };
    svg.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      const p = at(ev);
      if (p) this.zoom(ev.deltaY > 0 ? 1.25 : 0.8, p.x, p.y);
    }, { passive: false });
    let drag = null;
    svg.addEventListener("pointerdown", (ev) => {
      if (ev.button !== 0 || ev.target.classList.contains("event")) return;
      drag = { x: ev.clientX, y: ev.clientY, view: { ...this.view }, moved: false };
      svg.setPointerCapture(ev.pointerId);
    });
    svg.addEventListener("pointermove", (ev) => {
      if (!drag) return;
      const ctm = svg.getScreenCTM();
      if (!ctm) return;
      const dx = (ev.clientX - drag.x) / ctm.a, dy = (ev.clientY - drag.y) / ctm.d;
      if (Math.abs(dx) + Math.abs(dy) > 0) drag.moved = true;
      this.setView(drag.view.x - dx, drag.view.y - dy, drag.view.w, drag.view.h);
    });
    const end = () => { drag = null; };
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointercancel", end);
    svg.addEventListener("dblclick", () => { this.fit(this.events); this.layout(); });
  }

  /// Zooms by `factor` (< 1 in, > 1 out) keeping map point (px, py) where it is.
  zoom(factor, px = this.view.x + this.view.w / 2, py = this.view.y + this.view.h / 2) {
    const v = this.view;
    const w = Math.min(Math.max(v.w * factor, 0.05), 720), f = w / v.w, h = v.h * f;
    this.setView(px - (px - v.x) * f, py - (py - v.y) * f, w, h);
    this.layout();
  }

  /// Draws the country outlines once.
  drawBasemap(world) {
    for (const c of world.countries) {
      const p = el("path", { class: "country", d: c.rings.map(ringPath).join("") }, this.base);
      const t = el("title", {}, p);
      t.textContent = c.name;
    }
  }

  setView(x, y, w, h) {
    this.view = { x, y, w, h };
    this.svg.setAttribute("viewBox", `${x} ${y} ${w} ${h}`);
    this.svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
  }

  /// Fits the view to the located events, with a margin and a minimum extent.
  fit(events) {
    const pts = events.filter((e) => e.location).map((e) => project(e.location.lon, e.location.lat));
    if (!pts.length) return this.setView(-180, -75, 360, 160);
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of pts) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
    const w = Math.max(x1 - x0, 30) * 1.3, h = Math.max(y1 - y0, 18) * 1.3;
    this.setView((x0 + x1) / 2 - w / 2, (y0 + y1) / 2 - h / 2, w, h);
  }

  /// Shows these events (dots sized by how many share a place, coloured by quad class).
  show(events) {
    this.events = events;
    this.fit(events);
    this.dots.replaceChildren();
    const seen = new Map();
    for (const e of events) {
      if (!e.location) continue;
      const key = `${e.location.lat},${e.location.lon}`;
      const k = seen.get(key) || 0;
      seen.set(key, k + 1);
      const c = el("circle", {
        class: `event q${e.quad_class}`, "data-event": e.id, "data-testid": "map-event",
      }, this.dots);
      c.spot = { at: project(e.location.lon, e.location.lat), k };
      const t = el("title", {}, c);
      t.textContent = `${e.date ?? ""} ${e.source?.code ?? "?"} ${e.cameo} ${e.target?.code ?? "?"} — ${e.location.name ?? ""}`;
      c.addEventListener("click", () => this.onSelect(e));
    }
    this.layout();
    this.highlight(this.selected);
  }

  /// Places and sizes the dots for the current view, so they keep their size on screen.
  layout() {
    const r = Math.max(this.view.w, this.view.h * 2) / 160;
    for (const c of this.dots.children) {
      const { at: [x, y], k } = c.spot;
      // Events at the same place are spread on a small spiral so each stays clickable.
      const a = k * 2.4, d = k ? r * 1.2 * Math.sqrt(k) : 0;
      c.setAttribute("cx", x + d * Math.cos(a));
      c.setAttribute("cy", y + d * Math.sin(a));
      c.setAttribute("r", r);
    }
  }

  highlight(id) {
    this.selected = id;
    for (const c of this.dots.children) c.classList.toggle("selected", Number(c.dataset.event) === id);
  }
}
