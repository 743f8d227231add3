// Real text nobody on the project wrote, read at test time from Debian packages that
// scripts/setup.sh installs: English prose (license texts and package copyright files, base-files
// and others), C++ source (libstdc++'s headers), multilingual text (the translations in iso-codes'
// and other packages' message catalogs) and every emoji sequence (unicode-data's emoji-test.txt).
import fs from 'node:fs';
import path from 'node:path';

function filesUnder(dir, keep, limit) {
  const out = [];
  const walk = (d) => {
    let entries;
    try { entries = fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name)); } catch { return; }
    for (const e of entries) {
      if (out.length >= limit) return;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && keep(p)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

function readUpTo(files, maxBytes) {
  const chunks = [];
  let total = 0;
  for (const f of files) {
    if (total >= maxBytes) break;
    const text = fs.readFileSync(f, 'utf8');
    chunks.push(text);
    total += Buffer.byteLength(text);
  }
  return chunks.join('\n');
}

// GNU gettext .mo files: a table of (length, offset) pairs for the original and translated strings.
function moStrings(file) {
  const b = fs.readFileSync(file);
  const magic = b.readUInt32LE(0);
  const le = magic === 0x950412de;
  if (!le && b.readUInt32BE(0) !== 0x950412de) return [];
  const u32 = (o) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const n = u32(8), translations = u32(16);
  const out = [];
  for (let i = 1; i < n; i++) {  // entry 0 is the catalog header
    const len = u32(translations + 8 * i), off = u32(translations + 8 * i + 4);
    out.push(b.subarray(off, off + len).toString('utf8').replace(/\0/g, '\n'));
  }
  return out;
}

const LANGUAGES = ['ja', 'zh_CN', 'zh_TW', 'ko', 'ru', 'uk', 'ar', 'fa', 'he', 'hi', 'bn', 'ta', 'th', 'el', 'ka', 'am', 'vi', 'tr', 'pl', 'de', 'fr', 'es'];

export function loadCorpora({ maxBytes = 1 << 20 } = {}) {
  const prose = readUpTo([
    ...['GPL-3', 'GPL-2', 'LGPL-2.1', 'Apache-2.0', 'MPL-2.0', 'GFDL-1.3', 'Artistic', 'LGPL-3']
      .map((n) => `/usr/share/common-licenses/${n}`).filter((f) => fs.existsSync(f)),
    ...filesUnder('/usr/share/doc', (p) => p.endsWith('/copyright'), 2000),
  ], maxBytes);
  const code = readUpTo(filesUnder('/usr/include/c++/12', (p) => /\.(h|tcc)$|\/[a-z_]+$/.test(p), 5000), maxBytes);
  const translated = [];
  let size = 0;
  for (const lang of LANGUAGES) {
    for (const f of filesUnder(`/usr/share/locale/${lang}/LC_MESSAGES`, (p) => p.endsWith('.mo'), 200)) {
      for (const s of moStrings(f)) {
        translated.push(s);
        size += s.length * 2;
      }
      if (size > maxBytes * (LANGUAGES.indexOf(lang) + 1) / LANGUAGES.length) break;
    }
  }
  const emojiFile = '/usr/share/unicode/emoji/emoji-test.txt';
  const emoji = fs.existsSync(emojiFile) ? fs.readFileSync(emojiFile, 'utf8') : '';
  const corpora = { prose, code, multilingual: translated.join('\n'), emoji };
  for (const [name, text] of Object.entries(corpora)) {
    if (text.length < 10000) throw new Error(`corpus ${name} is missing or tiny (${text.length} chars): run ./scripts/setup.sh`);
  }
  return corpora;
}
