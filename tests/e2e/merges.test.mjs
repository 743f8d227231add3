// The Merge steps tab: the encode player steps from bytes to exactly the ids npm tiktoken gives,
// outlines the places each step merged, plays, and explains what it cannot play. Screenshots at
// 1280×720 and 1920×1080 (DPR 2) land in --out.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { assert, assertEqual, frames, setText, waitFor, withReadyPage } from './harness.mjs';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'));
const tiktoken = require('tiktoken');
const tiktokenIds = (name, text) => {
  const enc = tiktoken.get_encoding(name);
  try { return [...enc.encode(text, 'all')]; } finally { enc.free(); }
};
const player = async (page) => (await page.evaluate(() => window.bpeviz.state())).player;

export const tests = {
  async 'the merge steps go from bytes to tiktoken\'s ids, one rank at a time'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      const text = 'hello hello 123456789 Hello, 🌍! tokenization';
      await setText(page, text);
      await page.evaluate(() => window.bpeviz.showPanel('merges'));
      let p = await player(page);
      assert(p.built, `the player has a script: ${p.error}`);
      assertEqual(p.step, 0, 'it starts at the bytes');
      assertEqual(p.tokens.length, new TextEncoder().encode(text).length, 'one token per byte at step 0');
      assert(/one token per byte/.test(p.description), p.description);
      await page.screenshot({ path: path.join(out, 'merges-start.png') });

      await page.evaluate(() => window.bpeviz.player('step', 3));
      p = await player(page);
      assert(/^Step 3 of \d+: ".*" \(\d+\) \+ ".*" \(\d+\) → ".*", rank\/id \d+, at \d+ places?; \d+ tokens$/.test(p.description),
             `step 3 is described: ${p.description}`);
      assert(p.places.length >= 1, 'the places of step 3 are outlined');
      await page.screenshot({ path: path.join(out, 'merges-step3.png') });

      await page.evaluate((n) => window.bpeviz.player('step', n), p.steps);
      p = await player(page);
      assertEqual(p.tokens.map((t) => t[0]), tiktokenIds('o200k_base', text), 'the last step is tiktoken\'s encoding');

      // Playing at 30 steps a second reaches the end by itself.
      await page.evaluate(() => window.bpeviz.player('step', 0));
      await page.evaluate(() => window.bpeviz.player('speed', 30));
      await page.evaluate(() => window.bpeviz.player('play'));
      await waitFor(page, () => { const q = window.bpeviz.state().player; return q.step === q.steps && !q.playing; }, null,
                    'playing to the end', 15000);
    });
  },

  async 'the merge steps tab explains what it cannot play and plays long texts a part at a time'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 2 }, async (page) => {
      await page.evaluate(() => window.bpeviz.showPanel('merges'));
      await page.evaluate(() => window.bpeviz.setSpecialPolicy('error'));
      await setText(page, 'a <|endoftext|>');
      let p = await player(page);
      assert(!p.built && /<\|endoftext\|>/.test(p.error), `a refused special token is explained: ${p.error}`);
      await page.evaluate(() => window.bpeviz.setSpecialPolicy('all'));
      await frames(page, 2);
      const long = 'The quick brown fox jumps over the lazy dog. '.repeat(200);
      await setText(page, long);
      await page.evaluate(() => window.bpeviz.player('part', 3000));
      p = await player(page);
      assert(p.built && p.span[0] <= 3000 && p.span[1] - p.span[0] < 4096, `a part of the text is played: ${p.span}`);
      await page.evaluate((n) => window.bpeviz.player('step', n), Math.floor(p.steps / 2));
      await page.screenshot({ path: path.join(out, 'merges-1080p-dpr2.png') });
    });
  },
};
