// Projects the Natural Earth countries in npm's world-atlas into the small SVG paths of the
// world map on "Get help". Run by `make map`; a test checks the committed file is its output.
//   node tools/world-map.mjs > src/popatlas/data/world-map.json
import { readFileSync } from "node:fs";
import { feature } from "topojson-client";
import { geoNaturalEarth1, geoPath } from "d3-geo";

const read = (rel) => JSON.parse(readFileSync(new URL(rel, import.meta.url), "utf8"));
const atlas = read("../node_modules/world-atlas/package.json");
const topology = read("../node_modules/world-atlas/countries-110m.json");
const WIDTH = 1000;

// Antarctica has no services to find and would take a fifth of the height.
const countries = feature(topology, topology.objects.countries).features.filter((f) => f.id !== "010");
const all = { type: "FeatureCollection", features: countries };
const projection = geoNaturalEarth1().fitWidth(WIDTH, all);
const [, [, bottom]] = geoPath(projection).bounds(all);

// Path data in whole pixels (a phone screen needs no more), each step relative to the last and
// a point that rounds onto the one before left out: about half the size of absolute decimals.
function pathData(f) {
  let out = "", x = 0, y = 0, startX = 0, startY = 0;
  geoPath(projection, {
    moveTo(px, py) { x = startX = Math.round(px); y = startY = Math.round(py); out += `M${x},${y}`; },
    lineTo(px, py) {
      const nx = Math.round(px), ny = Math.round(py);
      if (nx === x && ny === y) return;
      out += `l${nx - x},${ny - y}`; x = nx; y = ny;
    },
    closePath() { out += "z"; x = startX; y = startY; },
    arc() {},
  })(f);
  return out;
}

const out = {
  source: `world-atlas ${atlas.version} (npm): Natural Earth 4.1.0, Admin 0 countries, 1:110m`,
  projection: "Natural Earth I (d3-geo)",
  width: WIDTH,
  height: Math.ceil(bottom),
  countries: countries
    .map((f) => ({ numeric: f.id ?? null, name: f.properties.name, d: pathData(f) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
};
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
