// The oracle for shaped text: the browser's own rendering of the same string in the same font file (an
// @font-face from the file the page fetched), compared with what the canvas drew, ink against ink. Both are
// cut to their ink's bounding box and sampled onto one grid, so size and position do not matter, only shape:
// a conjunct drawn as its letters and a virama, or a vowel sign on the wrong side, moves a lot of ink.
import { pngPixels } from './harness.mjs';

const GRID_W = 48, GRID_H = 24;

// Ink as a grid of 0/1 from RGBA pixels: pixels far from the background colour (the most common one).
function inkGrid({ width, height, data }) {
  const counts = new Map();
  for (let i = 0; i < data.length; i += 4) {
    const key = (data[i] >> 3) << 10 | (data[i + 1] >> 3) << 5 | (data[i + 2] >> 3);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const bg = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const [br, bgc, bb] = [(bg >> 10) << 3, ((bg >> 5) & 31) << 3, (bg & 31) << 3];
  const ink = new Uint8Array(width * height);
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const d = Math.abs(data[i] - br) + Math.abs(data[i + 1] - bgc) + Math.abs(data[i + 2] - bb);
      if (d > 160) {
        ink[y * width + x] = 1;
        x0 = Math.min(x0, x), y0 = Math.min(y0, y), x1 = Math.max(x1, x), y1 = Math.max(y1, y);
      }
    }
  }
  if (x1 < 0) return null;
  // Each grid cell: inked when at least a quarter of its pixels are.
  const grid = new Uint8Array(GRID_W * GRID_H);
  const w = x1 - x0 + 1, h = y1 - y0 + 1;
  for (let gy = 0; gy < GRID_H; gy++) {
    for (let gx = 0; gx < GRID_W; gx++) {
      const ax = x0 + Math.floor(gx * w / GRID_W), bx = x0 + Math.max(Math.floor((gx + 1) * w / GRID_W), Math.floor(gx * w / GRID_W) + 1);
      const ay = y0 + Math.floor(gy * h / GRID_H), by = y0 + Math.max(Math.floor((gy + 1) * h / GRID_H), Math.floor(gy * h / GRID_H) + 1);
      let n = 0, inked = 0;
      for (let y = ay; y < by; y++) for (let x = ax; x < bx; x++) n++, inked += ink[y * width + x];
      grid[gy * GRID_W + gx] = inked * 4 >= n ? 1 : 0;
    }
  }
  return { grid, aspect: w / h };
}

// Intersection over union of two ink grids (1: the same ink), and how far their aspect ratios differ.
export function similarity(a, b) {
  if (!a || !b) return 0;
  let both = 0, either = 0;
  for (let i = 0; i < a.grid.length; i++) both += a.grid[i] & b.grid[i], either += a.grid[i] | b.grid[i];
  const aspect = Math.min(a.aspect, b.aspect) / Math.max(a.aspect, b.aspect);
  return either ? (both / either) * aspect : 0;
}

// The ink the canvas drew inside `clip` (CSS pixels).
export async function drawnInk(page, clip) {
  return inkGrid(await pngPixels(page, await page.screenshot({ clip })));
}

// The browser's rendering of `text` in the font at `fontUrl`, shaped (one fillText) or, for comparison,
// unshaped (each code point drawn alone, one after another, as a renderer without a shaper would).
export async function browserInk(page, fontUrl, text, { shaped = true, size = 32 } = {}) {
  const pixels = await page.evaluate(async ({ fontUrl, text, shaped, size }) => {
    const face = new FontFace('bpevizOracle', `url(${fontUrl})`);
    await face.load();
    document.fonts.add(face);
    const canvas = new OffscreenCanvas(size * (text.length + 4), size * 3);
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.fillStyle = '#000';
    context.font = `${size}px bpevizOracle`;
    let x = size;
    if (shaped) context.fillText(text, x, size * 2);
    else for (const c of text) context.fillText(c, x, size * 2), x += context.measureText(c).width;
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let binary = '';
    for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return { width: canvas.width, height: canvas.height, base64: btoa(binary) };
  }, { fontUrl, text, shaped, size });
  return inkGrid({ width: pixels.width, height: pixels.height, data: new Uint8ClampedArray(Buffer.from(pixels.base64, 'base64')) });
}
