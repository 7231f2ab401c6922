// Writes the add-in's ribbon icons (assets/icon-16/32/64/80.png) without any download or image library:
// a descending staircase (a loss curve stepping down) on a blue tile, encoded as PNG with node:zlib.
// Run: node assets/make-icons.js   (the PNGs are committed; rerun only to change the design)
/* eslint-disable no-undef */
const { writeFileSync } = require("node:fs");
const { deflateSync } = require("node:zlib");
const { join } = require("node:path");

const here = __dirname;
const SIZES = [16, 32, 64, 80];
const BACKGROUND = [0x1f, 0x5f, 0xa8];
const STEP = [0xff, 0xff, 0xff];
const DOT = [0xff, 0xb0, 0x20];

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

/** Colour of pixel (x, y) in an n×n icon: four steps going down-right, a dot at the minimum. */
function pixel(x, y, n) {
  const margin = Math.max(1, Math.round(n / 8));
  const inner = n - 2 * margin;
  const u = (x - margin) / inner;
  const v = (y - margin) / inner;
  if (u < 0 || u >= 1 || v < 0 || v >= 1) return BACKGROUND;
  const thickness = Math.max(1 / inner, 0.09);
  const step = Math.min(3, Math.floor(u * 4));
  const level = 0.1 + step * 0.22;
  const dx = (u - 0.86) ** 2 + (v - 0.86) ** 2;
  if (dx < 0.012) return DOT;
  if (Math.abs(v - level) < thickness / 2) return STEP;
  const edge = (step + 1) / 4;
  if (step < 3 && Math.abs(u - edge) < thickness / 2 && v >= level && v <= level + 0.22) return STEP;
  return BACKGROUND;
}

function png(n) {
  const raw = Buffer.alloc(n * (1 + 3 * n));
  for (let y = 0; y < n; y++) {
    const row = y * (1 + 3 * n);
    raw[row] = 0; // filter: none
    for (let x = 0; x < n; x++) {
      const [r, g, b] = pixel(x, y, n);
      raw[row + 1 + 3 * x] = r;
      raw[row + 2 + 3 * x] = g;
      raw[row + 3 + 3 * x] = b;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(n, 0);
  header.writeUInt32BE(n, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const n of SIZES) {
  const file = join(here, `icon-${n}.png`);
  writeFileSync(file, png(n));
  console.log(`wrote ${file}`);
}
