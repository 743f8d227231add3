// Decodes a screenshot PNG in Node (8-bit RGB or RGBA, not interlaced: what browsers' screenshots are),
// so a picture is judged the same way whichever engine took it, without asking that engine.
import zlib from 'node:zlib';

export function decodePng(bytes) {
  const b = Buffer.from(bytes);
  if (b.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let width = 0, height = 0, channels = 0;
  const idat = [];
  for (let at = 8; at < b.length;) {
    const length = b.readUInt32BE(at), type = b.toString('latin1', at + 4, at + 8), data = b.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      const [depth, colourType, , , interlace] = data.subarray(8, 13);
      channels = { 2: 3, 6: 4 }[colourType];
      if (depth !== 8 || !channels || interlace) throw new Error(`PNG kind not handled: depth ${depth}, colour type ${colourType}, interlace ${interlace}`);
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels, rgb = Buffer.alloc(width * height * 3);
  let previous = Buffer.alloc(stride), line = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)], src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {  // undo the row's filter (PNG spec, section 9)
      const a = i >= channels ? line[i - channels] : 0, up = previous[i], c = i >= channels ? previous[i - channels] : 0;
      const p = a + up - c, pa = Math.abs(p - a), pb = Math.abs(p - up), pc = Math.abs(p - c);
      const predictor = [0, a, up, (a + up) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? up : c][filter];
      line[i] = (src[i] + predictor) & 255;
    }
    for (let x = 0; x < width; x++) line.copy(rgb, (y * width + x) * 3, x * channels, x * channels + 3);
    [previous, line] = [line, previous];
  }
  return { width, height, rgb };
}

// How much of a rectangle (in the picture's pixels) is drawn: its distinct colours, the share of pixels
// away from its commonest colour (the background), and a hash to tell pictures apart. A blank canvas,
// or one filled with a single colour, has one colour and nothing drawn.
export function regionStats({ width, height, rgb }, rect = { x: 0, y: 0, width, height }) {
  const x0 = Math.max(0, Math.floor(rect.x)), y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(width, Math.ceil(rect.x + rect.width)), y1 = Math.min(height, Math.ceil(rect.y + rect.height));
  const counts = new Map();
  let hash = 2166136261;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * width + x) * 3, colour = (rgb[i] << 16) | (rgb[i + 1] << 8) | rgb[i + 2];
      counts.set(colour, (counts.get(colour) || 0) + 1);
      hash = Math.imul(hash ^ colour, 16777619) >>> 0;
    }
  }
  let background = 0, most = 0, total = 0;
  for (const [colour, n] of counts) { total += n; if (n > most) { most = n; background = colour; } }
  const channels = (c) => [c >> 16, (c >> 8) & 255, c & 255];
  const [br, bg, bb] = channels(background);
  let other = 0;
  for (const [colour, n] of counts) {
    const [r, g, b] = channels(colour);
    if (Math.abs(r - br) + Math.abs(g - bg) + Math.abs(b - bb) > 30) other += n;
  }
  return { colours: counts.size, drawn: total ? other / total : 0, hash };
}
