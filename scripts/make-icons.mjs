// Writes the add-in's icons, assets/icon-<size>.png at 16, 20, 24, 32, 40, 48, 64, 80 and 96 px, with no
// download and no image library: PNG encoded with node:zlib. The design follows Office's add-in icon style
// (monoline, transparent background, dark grey strokes with one accent colour): a loss curve stepping down a
// staircase to its minimum, the blue dot. Each size is drawn for its own pixel grid (stroke width and margins
// scale with the size, 4×4 supersampling for the anti-aliasing), not scaled from one bitmap.
// Run: node scripts/make-icons.mjs   (the PNGs are committed; rerun only to change the design)
import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

export const ICON_SIZES = [16, 20, 24, 32, 40, 48, 64, 80, 96];
const STROKE = [0x42, 0x42, 0x42]; // Office icon dark grey
const ACCENT = [0x00, 0x78, 0xd4]; // Office blue
const SUPERSAMPLE = 4;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** What covers the point (u, v) of the unit square: "accent", "stroke" or null (transparent). */
function shapeAt(u, v, n) {
  const stroke = Math.max(1.5, n / 14) / n; // 1.5 px at 16 px, ~7 px at 96 px
  const margin = Math.max(1.5, n / 10) / n;
  const dot = { u: 1 - margin - 0.09, v: 1 - margin - 0.09, r: 0.11 };
  if ((u - dot.u) ** 2 + (v - dot.v) ** 2 <= dot.r ** 2) return "accent";
  // Three treads going down-right, joined by risers; the last riser ends at the dot.
  const treads = 3;
  const width = (1 - 2 * margin - 0.2) / treads;
  const drop = (1 - 2 * margin - 0.2) / treads;
  for (let i = 0; i < treads; i++) {
    const x0 = margin + i * width;
    const y = margin + i * drop + stroke / 2;
    if (u >= x0 && u <= x0 + width + stroke / 2 && Math.abs(v - y) <= stroke / 2) return "stroke";
    const xr = x0 + width;
    if (Math.abs(u - xr) <= stroke / 2 && v >= y && v <= y + drop) return "stroke";
  }
  return null;
}

/** RGBA bytes of an n×n icon. */
export function iconPixels(n) {
  const pixels = Buffer.alloc(n * n * 4);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      let stroke = 0;
      let accent = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const hit = shapeAt((x + (sx + 0.5) / SUPERSAMPLE) / n, (y + (sy + 0.5) / SUPERSAMPLE) / n, n);
          if (hit === "stroke") stroke++;
          else if (hit === "accent") accent++;
        }
      }
      const covered = stroke + accent;
      const at = 4 * (y * n + x);
      if (covered === 0) continue;
      for (let c = 0; c < 3; c++) {
        pixels[at + c] = Math.round((STROKE[c] * stroke + ACCENT[c] * accent) / covered);
      }
      pixels[at + 3] = Math.round((255 * covered) / SUPERSAMPLE ** 2);
    }
  }
  return pixels;
}

/** A PNG file (8-bit RGBA, no interlace) for an n×n icon. */
export function iconPng(n) {
  const pixels = iconPixels(n);
  const raw = Buffer.alloc(n * (1 + 4 * n));
  for (let y = 0; y < n; y++) {
    raw[y * (1 + 4 * n)] = 0; // filter: none
    pixels.copy(raw, y * (1 + 4 * n) + 1, y * 4 * n, (y + 1) * 4 * n);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(n, 0);
  header.writeUInt32BE(n, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const assets = join(dirname(fileURLToPath(import.meta.url)), "..", "assets");
  for (const n of ICON_SIZES) {
    const file = join(assets, `icon-${n}.png`);
    writeFileSync(file, iconPng(n));
    console.log(`wrote assets/icon-${n}.png`);
  }
}
