// The Merge tree tab: for real tokens of o200k_base and cl100k_base, the tree's leaves are the
// token's bytes in order, every merge joins its children's bytes, ids are tiktoken's ranks, and each
// merge is the lowest-ranked pair left at its step; boxes never overlap. Clicking a tile shows its
// tree; special tokens and unknown ids are explained. bpeviz.trace's steps, applied to the bytes,
// end in tiktoken's ids. Screenshots (tree-*.png) at 1280×720 and 1920×1080 DPR 2 land in --out.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { assert, assertEqual, frames, setText, waitFor, withReadyPage } from './harness.mjs';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'));
const tiktoken = require('tiktoken');

// tiktoken's encoder, freed after fn.
function withTiktoken(name, fn) {
  const enc = tiktoken.get_encoding(name);
  try { return fn(enc); } finally { enc.free(); }
}
const sameBytes = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const ID_END = { o200k_base: 199998, cl100k_base: 100256 };  // the ordinary tokens' ids: 0 to ID_END - 1
// Every ordinary token's bytes by id, and bytes → rank, from tiktoken's decode_single_token_bytes.
// (Asking encode_single_token about bytes that are not a token throws, and that leaves npm
// tiktoken's encoder unusable, so "is this a token?" is answered here.)
const vocabs = {};
function vocab(name) {
  if (!vocabs[name]) {
    vocabs[name] = withTiktoken(name, (enc) => {
      const tokens = [], ranks = new Map();
      for (let id = 0; id < ID_END[name]; id++) {
        tokens.push(enc.decode_single_token_bytes(id));
        ranks.set(tokens[id].join(), id);
      }
      return { tokens, ranks };
    });
  }
  return vocabs[name];
}
function rankOf(name, bytes) {
  const r = vocab(name).ranks.get(bytes.join());
  return r === undefined ? null : r;
}

// The longest token made of ASCII letters (an optional leading space): a long word.
function longestWord(name) {
  const decoder = new TextDecoder();
  let best = null;
  vocab(name).tokens.forEach((bytes, id) => {
    const text = decoder.decode(bytes);
    if (/^ ?[A-Za-z]+$/.test(text) && (!best || text.length > best.text.length)) best = { id, text };
  });
  return best.id;
}
// The longest token of all (128 bytes in cl100k and o200k).
function widestToken(name) {
  const { tokens } = vocab(name);
  return tokens.reduce((best, bytes, id) => (bytes.length > tokens[best].length ? id : best), 0);
}

const tree = async (page) => (await page.evaluate(() => window.bpeviz.state())).tree;

async function showTree(page, id) {
  await page.evaluate((i) => window.bpeviz.mergeTree(i), id);
  await frames(page, 2);
  return tree(page);
}

// Everything a tree of token `id` must satisfy, checked against tiktoken.
function checkTree(name, t, id, what) {
  withTiktoken(name, (enc) => checkTreeWith(enc, name, t, id, what));
}
function checkTreeWith(enc, name, t, id, what) {
  assertEqual(t.error, '', `${what}: no error`);
  assertEqual(t.id, id, `${what}: the tree's token`);
  const bytes = [...enc.decode_single_token_bytes(id)];
  const nodes = t.nodes;
  const root = nodes[nodes.length - 1];
  assertEqual([root.id, root.begin, root.end], [id, 0, bytes.length], `${what}: the root is the token`);
  assertEqual(t.wholeParts, [], `${what}: reached by merges alone`);
  const slice = (n) => bytes.slice(n.begin, n.end);
  // Leaves: exactly the bytes, in order, each with tiktoken's rank for that byte.
  const leaves = nodes.filter((n) => n.left < 0);
  assertEqual(leaves.map((n) => [n.begin, n.end]), bytes.map((_, i) => [i, i + 1]), `${what}: leaves are the bytes in order`);
  for (const n of leaves) assertEqual(n.id, enc.encode_single_token(Uint8Array.from(slice(n))), `${what}: byte ${n.begin}'s rank`);
  // Merges: the node's bytes are its children's joined, its id is tiktoken's rank for them, and the
  // children were made before it.
  const merges = nodes.filter((n) => n.left >= 0);
  assertEqual(merges.length, bytes.length - 1, `${what}: one merge fewer than bytes`);
  assertEqual(merges.map((n) => n.step), merges.map((_, i) => i + 1), `${what}: merges numbered in order`);
  for (const n of merges) {
    const l = nodes[n.left], r = nodes[n.right];
    const own = [...enc.decode_single_token_bytes(n.id)];
    assert(sameBytes(own, slice(n)), `${what}: node ${n.id}'s bytes are where it sits`);
    assertEqual(enc.encode_single_token(Uint8Array.from(own)), n.id, `${what}: tiktoken's rank of node ${n.id}`);
    assert(sameBytes([...enc.decode_single_token_bytes(l.id), ...enc.decode_single_token_bytes(r.id)], own),
           `${what}: ${l.id} + ${r.id} make ${n.id}`);
    assert(l.end === r.begin && l.begin === n.begin && r.end === n.end, `${what}: children side by side under ${n.id}`);
    assert(l.step < n.step && r.step < n.step, `${what}: children of ${n.id} come first`);
  }
  // Replay: at every step the merge made is the lowest-ranked adjacent pair of the tokens so far.
  let parts = bytes.map((b) => [b]);
  for (const n of merges) {
    let lowest = null, at = -1;
    for (let i = 0; i + 1 < parts.length; i++) {
      const r = rankOf(name, [...parts[i], ...parts[i + 1]]);
      if (r !== null && (lowest === null || r < lowest)) { lowest = r; at = i; }
    }
    assertEqual(n.id, lowest, `${what}: merge ${n.step} is the lowest-ranked pair`);
    assertEqual(parts.slice(0, at).flat().length, n.begin, `${what}: merge ${n.step} is leftmost of its rank`);
    parts.splice(at, 2, [...parts[at], ...parts[at + 1]]);
  }
  assertEqual(parts.length, 1, `${what}: the merges end in one token`);
}

// The drawn boxes: one per node, none overlapping, leaves on one row in byte order, parents above children.
function checkDrawing(t, what) {
  const rects = t.rects.map(([x, y, w, h]) => ({ x, y, w, h }));
  assertEqual(rects.length, t.nodes.length, `${what}: a box per node`);
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i], b = rects[j];
      const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
      assert(apart, `${what}: boxes ${i} and ${j} overlap: ${JSON.stringify([a, b])}`);
    }
  }
  const leaves = t.nodes.map((n, i) => [n, rects[i]]).filter(([n]) => n.left < 0).sort(([a], [b]) => a.begin - b.begin);
  for (let i = 1; i < leaves.length; i++) {
    assertEqual(leaves[i][1].y, leaves[0][1].y, `${what}: leaves on one row`);
    assert(leaves[i][1].x > leaves[i - 1][1].x, `${what}: leaves in byte order`);
  }
  t.nodes.forEach((n, i) => {
    for (const c of n.left >= 0 ? [n.left, n.right] : []) {
      assert(rects[i].y + rects[i].h <= rects[c].y, `${what}: node ${i} above its child ${c}`);
    }
  });
  assert(t.scale >= 0.75, `${what}: text stays readable (scale ${t.scale})`);
  // The root is in view, whole: a tree starts at its top, and a wide one scrolled to its root.
  const root = rects[rects.length - 1], [vx, vy, vw, vh] = t.view;
  assert(root.y >= vy && root.y + root.h <= vy + vh && root.x >= vx && root.x + root.w <= vx + vw,
         `${what}: the root is visible: ${JSON.stringify(root)} in ${t.view}`);
  if (rects.every((r) => r.x + r.w <= vx + vw)) assert(rects.every((r) => r.x >= vx), `${what}: nothing cut off on the left`);
}

async function checkTokens(page, name, out, shots) {
  await page.evaluate((n) => window.bpeviz.setEncoding(n), name);
  await page.evaluate(() => window.bpeviz.showPanel('tree'));
  const cases = withTiktoken(name, (enc) => ({
    ' token': enc.encode(' tokenization')[0],
    ization: enc.encode(' tokenization')[1],
    'long word': longestWord(name),
    '的': enc.encode('的')[0],
    '🌍 (part of a character)': enc.encode('🌍')[0],
  }));
  for (const [label, id] of Object.entries(cases)) {
    const t = await showTree(page, id);
    const what = `${name} ${label} (${id})`;
    checkTree(name, t, id, what);
    checkDrawing(t, what);
    assert(t.caption.includes(`(id ${id})`), `${what}: the caption names the token: ${t.caption}`);
    if (shots[label]) await page.screenshot({ path: path.join(out, shots[label]) });
  }
}

export const tests = {
  async 'trees of o200k_base tokens: bytes, merges and ranks as tiktoken has them (1280x720)'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await setText(page, 'A tokenizer turns text into tokens: tokenization.');
      await checkTokens(page, 'o200k_base', out, { ' token': 'tree-720p-token.png', 'long word': 'tree-720p-long-word.png' });
    });
  },

  async 'trees of cl100k_base tokens, and the widest token, at 1920x1080 DPR 2'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 2 }, async (page) => {
      await checkTokens(page, 'cl100k_base', out, { ization: 'tree-1080p-dpr2-ization.png', '🌍 (part of a character)': 'tree-1080p-dpr2-partial-utf8.png' });
      // The longest tokens (128 bytes) still get every box, readable, scrolled sideways if need be.
      const widest = widestToken('cl100k_base');
      const t = await showTree(page, widest);
      checkTree('cl100k_base', t, widest, `cl100k widest (${widest})`);
      checkDrawing(t, `cl100k widest (${widest})`);
      await page.screenshot({ path: path.join(out, 'tree-1080p-dpr2-widest.png') });
      // Hovering a box names it: the root, drawn in view.
      const [x, y, w, h] = t.rects[t.rects.length - 1];
      await page.mouse.move(x + w / 2, y + h / 2);
      await frames(page, 2);
      assertEqual((await tree(page)).hover, t.nodes.length - 1, 'the hovered box is the root');
    });
  },

  async 'clicking a tile shows its tree; special tokens and unknown ids are explained'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await page.evaluate(() => window.bpeviz.setEncoding('cl100k_base'));
      await page.evaluate(() => window.bpeviz.showPanel('tree'));
      assert(/Pick a token/.test((await tree(page)).error), 'before a pick the tab says how to pick');
      await setText(page, 'Merge trees explain tokenization');
      await page.evaluate(() => window.bpeviz.showPanel('tokens'));
      const tokens = (await page.evaluate(() => window.bpeviz.state())).tokens;
      const index = tokens.length - 1;
      const r = await page.evaluate((i) => window.bpeviz.tokenRect(i), index);
      await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
      await waitFor(page, () => window.bpeviz.state().panel === 'tree', null, 'the Merge tree tab after a click');
      await frames(page, 2);
      let t = await tree(page);
      assertEqual(t.id, tokens[index].id, 'the clicked tile\'s id');
      checkTree('cl100k_base', t, tokens[index].id, 'clicked tile');

      // In the Merge steps tab too: at step 0 its first tile is the text's first byte.
      await page.evaluate(() => window.bpeviz.showPanel('merges'));
      await page.evaluate(() => window.bpeviz.player('step', 0));
      await frames(page, 2);
      const p = (await page.evaluate(() => window.bpeviz.state())).player;
      assert(p.firstTileRect, 'the Merge steps tab drew its tiles');
      const [x, y, w, h] = p.firstTileRect;
      await page.mouse.click(x + w / 2, y + h / 2);
      await waitFor(page, () => window.bpeviz.state().panel === 'tree', null, 'the Merge tree tab after a click in Merge steps');
      t = await tree(page);
      assertEqual(t.id, p.tokens[0][0], 'the clicked byte\'s id');
      assertEqual(t.nodes.length, 1, 'a byte\'s tree is the byte');

      t = await showTree(page, 100257);
      assert(/special token/.test(t.error) && t.error.includes('<|endoftext|>') && t.nodes.length === 0,
             `a special token is explained: ${t.error}`);
      await page.evaluate(() => window.bpeviz.showPanel('tree'));
      await page.screenshot({ path: path.join(out, 'tree-720p-special.png') });
      t = await showTree(page, 100256);
      assert(/no token 100256/.test(t.error) && t.nodes.length === 0, `an unused id is explained: ${t.error}`);
      t = await showTree(page, 4294967295);
      assert(/no token 4294967295/.test(t.error), `a huge id is explained: ${t.error}`);
      await page.evaluate(() => window.bpeviz.setEncoding('bytes'));
      t = await tree(page);
      assert(/byte-level baseline has no merges/.test(t.error), `the baseline is explained: ${t.error}`);
      let threw = false;
      await page.evaluate(() => window.bpeviz.mergeTree(-1)).catch(() => { threw = true; });
      assert(threw, 'mergeTree(-1) is refused');
    });
  },

  async 'trace(text, name): the steps applied to the bytes end in tiktoken\'s ids'({ browser, baseUrl }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      const texts = ['hello hello 123456789 Hello, 🌍! tokenization', 'aaaaaaaa  \n\n\tx = f(y) // 你好, мир',
                     '                   end', 'antidisestablishmentarianism isn\'t a WORD?'];
      for (const name of ['o200k_base', 'cl100k_base']) {
        for (const text of texts) {
          const what = `${name} ${JSON.stringify(text)}`;
          const steps = await page.evaluate(([t, n]) => window.bpeviz.trace(t, n), [text, name]);
          const expected = withTiktoken(name, (enc) => [...enc.encode(text)]);
          const bytes = [...new TextEncoder().encode(text)];
          // tokens: [begin, end) spans; each step must find exactly `left` and `right` at its places.
          let spans = bytes.map((_, i) => [i, i + 1]);
          let lastStep = 0;
          {
            for (const s of steps) {
              assert(s.step >= lastStep, `${what}: steps in order`);
              lastStep = s.step;
              assertEqual(s.count, s.places.length, `${what}: count is the places merged`);
              assertEqual(s.rank, s.id, `${what}: rank is the id made`);
              assertEqual(rankOf(name, [...s.left, ...s.right]), s.id, `${what}: step ${s.step} makes tiktoken's token`);
              for (const [begin, mid, end] of s.places) {
                const i = spans.findIndex(([b]) => b === begin);
                assert(i >= 0 && spans[i][1] === mid && spans[i + 1] && spans[i + 1][1] === end,
                       `${what}: step ${s.step} merges two whole tokens at ${begin}`);
                assert(sameBytes(bytes.slice(begin, mid), s.left) && sameBytes(bytes.slice(mid, end), s.right),
                       `${what}: step ${s.step}'s bytes are at its place`);
                spans.splice(i, 2, [begin, end]);
              }
            }
            assertEqual(spans.map(([b, e]) => rankOf(name, bytes.slice(b, e))), expected, `${what}: the steps end in tiktoken's ids`);
          }
          // The same steps as the Merge steps tab plays.
          await setText(page, text);
          await page.evaluate((n) => window.bpeviz.setEncoding(n), name);
          await page.evaluate(() => window.bpeviz.player('step', 0));
          const player = (await page.evaluate(() => window.bpeviz.state())).player;
          assertEqual(lastStep, player.steps, `${what}: as many steps as the Merge steps tab`);
        }
      }
      let error = '';
      await page.evaluate(() => window.bpeviz.trace('a <|endoftext|>', 'cl100k_base')).catch((e) => { error = e.message; });
      assert(/endoftext/.test(error), `a disallowed special token is an error, as in encode: ${error}`);
    });
  },
};
