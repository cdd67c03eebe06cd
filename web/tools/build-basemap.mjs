// Converts world-atlas's Natural Earth 1:110m country outlines (TopoJSON) into the compact
// basemap the explorer draws: web/world.json = {source, countries: [{id, name, rings}]},
// where each ring is a flat [lon, lat, lon, lat, ...] array rounded to 0.01 degree.
// Run with `npm ci && npm run basemap` in web/tools; the output is committed.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);
const topo = JSON.parse(readFileSync(require.resolve("world-atlas/countries-110m.json"), "utf8"));
const fc = feature(topo, topo.objects.countries);
const round = (v) => Math.round(v * 100) / 100;

const countries = fc.features.map((f) => {
  const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  const rings = [];
  for (const poly of polys) {
    for (const ring of poly) {
      const flat = [];
      for (const [lon, lat] of ring) flat.push(round(lon), round(lat));
      rings.push(flat);
    }
  }
  return { id: f.id ?? null, name: f.properties.name, rings };
});

const out = {
  source: "Natural Earth 1:110m admin-0 countries (public domain), via world-atlas 2.0.2 (ISC)",
  countries,
};
const path = new URL("../world.json", import.meta.url);
writeFileSync(path, JSON.stringify(out));
console.log(`wrote ${countries.length} countries to ${path.pathname}`);
