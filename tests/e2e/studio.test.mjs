// The Train BPE tab: the literature's examples give their known merges, the two tie rules differ,
// training on the page's text makes the model bpeviz-cli makes from the same text (compared byte for
// byte through the export download), and the trained model goes to the visualizer. Screenshots at
// 1280×720 and 1920×1080 (DPR 2) land in --out.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, assertEqual, setText, withReadyPage } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build/native/bpeviz-cli');
const studio = async (page) => (await page.evaluate(() => window.bpeviz.state())).studio;
const sample = (s, prefix) => s.samples.find((n) => n.startsWith(prefix));
const pairs = (s) => s.merged.map(([left, right]) => `${left} ${right}`);

export const tests = {
  async 'the literature\'s examples: aaabdaaabac, overlapping aaaa, and a tie the two rules decide differently'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await page.evaluate(() => window.bpeviz.showPanel('studio'));
      let s = await studio(page);
      await page.evaluate((name) => window.bpeviz.studio({ source: name }), sample(s, 'aaabdaaabac'));
      await page.evaluate(() => window.bpeviz.studio({ step: 3 }));
      s = await studio(page);
      assert(s.trained, `trained: ${s.error}`);
      assertEqual(pairs(s), ['a a', 'aa a', 'aaa b'], 'aaabdaaabac merges');
      assertEqual(s.merged[0].slice(2), [256, 4, 2], 'aa: id 256, counted 4 times, replaced at 2 places');
      assert(/^Step 3 of 3/.test(s.description), s.description);
      await page.screenshot({ path: path.join(out, 'studio-aaabdaaabac.png') });

      await page.evaluate((name) => window.bpeviz.studio({ source: name, step: 2 }), sample(s, 'aaaa'));
      s = await studio(page);
      assertEqual(s.merged.map((m) => m.slice(3)), [[3, 2], [1, 1]], '(a, a) counted 3 times, replaced twice');

      const tie = sample(s, 'ab cd');
      await page.evaluate((name) => window.bpeviz.studio({ source: name, tie: 'greater', train: true, step: 1 }), tie);
      const greater = pairs(await studio(page));
      await page.evaluate(() => window.bpeviz.studio({ tie: 'first', train: true, step: 1 }));
      const first = pairs(await studio(page));
      assertEqual([greater, first], [['c d'], ['a b']], 'the tie rules');
      await page.screenshot({ path: path.join(out, 'studio-tie-first.png') });
    });
  },

  async 'training on the page\'s text makes bpeviz-cli\'s model, and the visualizer uses it'({ browser, baseUrl, out }) {
    const text = fs.readFileSync('/usr/share/common-licenses/GPL-3', 'utf8').slice(0, 6000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpeviz-studio-'));
    try {
      fs.writeFileSync(path.join(dir, 'corpus.txt'), text);
      execFileSync(cli, ['train', '--merges', '120', '--pretokenizer', 'gpt2', '--special', '<|endoftext|>',
        path.join(dir, 'corpus.txt'), '-o', path.join(dir, 'model')], { stdio: 'ignore' });
      const cliModel = fs.readFileSync(path.join(dir, 'model', 'bpeviz.model'), 'utf8');
      const cliIds = JSON.parse(execFileSync(cli, ['encode', '--tokenizer', path.join(dir, 'model'), '--allow-special', 'all',
        path.join(dir, 'corpus.txt')]).toString());

      await withReadyPage(browser, baseUrl, { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 2, acceptDownloads: true }, async (page) => {
        await setText(page, text);
        await page.evaluate(() => window.bpeviz.showPanel('studio'));
        await page.evaluate(() => window.bpeviz.studio({ source: 'text', merges: 120, pretokenizer: 'gpt2', tie: 'greater',
                                                           specials: '<|endoftext|>', train: true }));
        let s = await studio(page);
        assert(s.trained && s.merges === 120, `trained 120 merges: ${s.error}`);
        await page.evaluate(() => window.bpeviz.studio({ step: 120 }));
        s = await studio(page);
        assertEqual(s.tokens.map((t) => t[0]), cliIds, 'the text after 120 merges is the CLI model\'s encoding');
        await page.evaluate(() => window.bpeviz.studio({ step: 40 }));
        await page.screenshot({ path: path.join(out, 'studio-1080p-dpr2.png') });

        await page.evaluate(() => window.bpeviz.studio({ step: 120 }));
        const [download] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => window.bpeviz.studio({ export: 'model' }))]);
        const saved = path.join(dir, 'download.model');
        await download.saveAs(saved);
        assertEqual(fs.readFileSync(saved, 'utf8'), cliModel, 'the exported model file is the CLI\'s');

        await page.evaluate(() => window.bpeviz.studio({ use: true }));
        // The Tokens tab shows a frame after the tokens are made (ImGui selects a tab at its next layout).
        await page.waitForFunction(() => window.bpeviz.state().encoding === 'trained (120 merges)' && window.bpeviz.state().panel === 'tokens',
                                   null, { timeout: 10000 });
        const v = await page.evaluate(() => window.bpeviz.state());
        assertEqual(v.tokens.map((t) => t.id), cliIds, 'the visualizer uses the trained model');
        assertEqual(v.panel, 'tokens', 'and shows its tokens');
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },

  async 'bpeviz.train gives the merges the Train BPE tab shows, and keeps special tokens whole'({ browser, baseUrl }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      const text = fs.readFileSync('/usr/share/common-licenses/GPL-3', 'utf8').slice(0, 4000);
      await setText(page, text);
      await page.evaluate(() => window.bpeviz.showPanel('studio'));
      for (const [pretokenizer, tie] of [['gpt2', 'greater'], ['none', 'first'], ['whitespace', 'greater']]) {
        await page.evaluate((o) => window.bpeviz.studio({ source: 'text', merges: 60, specials: '', train: true, step: 60, ...o }),
                            { pretokenizer, tie });
        const shown = (await studio(page)).merged;
        const merges = await page.evaluate(([t, o]) => window.bpeviz.train(t, o), [text, { numMerges: 60, pretokenizer, tie }]);
        assertEqual(merges.length, 60, `${pretokenizer}: merges made`);
        const decode = (bytes) => Buffer.from(bytes).toString('latin1');
        const asShown = (m) => [m.id, m.count, m.replaced];
        assertEqual(merges.map(asShown), shown.map(([, , id, count, replaced]) => [id, count, replaced]), `${pretokenizer}/${tie}: ids and counts`);
        // Each merge's bytes are its two parts' bytes, and each part is a byte or an earlier merge.
        const made = new Map();
        for (const m of merges) {
          for (const part of [m.left, m.right]) assert(part.length === 1 || made.has(decode(part)), `a part of merge ${m.id} exists`);
          made.set(decode([...m.left, ...m.right]), m.id);
        }
      }
      // A special token is never merged across or into.
      const special = '<|endoftext|>';
      const merges = await page.evaluate(([t, o]) => window.bpeviz.train(t, o),
                                         [`${special}aa${special}aa${special}`.repeat(50), { numMerges: 10, pretokenizer: 'none', specials: [special] }]);
      const texts = merges.map((m) => Buffer.from([...m.left, ...m.right]).toString('latin1'));
      assertEqual(texts, ['aa'], 'only "aa" can merge');
      await page.evaluate(() => window.bpeviz.train('x', { numMerges: 1, tie: 'sideways' })).then(
        () => assert(false, 'an unknown tie rule is refused'), (e) => assert(/unknown tie rule sideways/.test(e.message), e.message));
    });
  },
};
