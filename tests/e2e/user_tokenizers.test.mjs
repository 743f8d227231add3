// Tokenizers users bring: a model trained by bpeviz-cli, dropped on the page or picked with the file
// picker (its exports too), joins the encoding list and gives the CLI's ids; a file that is not a
// tokenizer is refused with a message naming it, and the current tokenizer keeps working.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, assertEqual, setText, withReadyPage } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build/native/bpeviz-cli');
const state = (page) => page.evaluate(() => window.bpeviz.state());
const TEXT = 'The licenses for most software are designed to take away your freedom to share and change it.';

// Trains a small model on a licence text from Debian, as a lecturer would on the command line.
function trainModel() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpeviz-model-'));
  execFileSync(cli, ['train', '--merges', '300', '--pretokenizer', 'gpt2', '--special', '<|endoftext|>',
    '/usr/share/common-licenses/GPL-3', '-o', dir], { stdio: 'ignore' });
  const ids = JSON.parse(execFileSync(cli, ['encode', '--tokenizer', dir, '--allow-special', 'all', '-'], { input: TEXT }).toString());
  return { dir, ids };
}

// Drops files on the page as a browser would deliver them.
function drop(page, files) {
  return page.evaluate((list) => {
    const transfer = new DataTransfer();
    for (const f of list) transfer.items.add(new File([new Uint8Array(f.bytes)], f.name));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, files.map((f) => ({ name: f.name, bytes: [...f.bytes] })));
}

export const tests = {
  async 'a model trained on the command line, dropped on the page, gives the CLI\'s ids'({ browser, baseUrl, out }) {
    const { dir, ids } = trainModel();
    try {
      await withReadyPage(browser, baseUrl, {}, async (page) => {
        await setText(page, TEXT);
        await drop(page, [{ name: 'bpeviz.model', bytes: fs.readFileSync(path.join(dir, 'bpeviz.model')) }]);
        await page.waitForFunction(() => window.bpeviz.state().encoding === 'bpeviz.model', null, { timeout: 10000 });
        let s = await state(page);
        assertEqual(s.tokens.map((t) => t.id), ids, 'ids of the dropped model');
        assertEqual(s.pretokenizer, 'gpt2', 'the model brings its pre-tokenizer');
        assert((await page.evaluate(() => window.bpeviz.encodings())).includes('bpeviz.model'), 'listed with the encodings');
        await page.screenshot({ path: path.join(out, 'user-tokenizer-model.png') });

        // Its exports, picked with the file picker: vocab.json + merges.txt, then ranks.tiktoken.
        await page.setInputFiles('input[type=file]', [path.join(dir, 'vocab.json'), path.join(dir, 'merges.txt')]);
        await page.waitForFunction(() => window.bpeviz.state().encoding === 'vocab.json', null, { timeout: 10000 });
        assertEqual((await state(page)).tokens.map((t) => t.id), ids, 'ids of vocab.json + merges.txt');
        await page.setInputFiles('input[type=file]', [path.join(dir, 'ranks.tiktoken')]);
        await page.waitForFunction(() => window.bpeviz.state().encoding === 'ranks.tiktoken', null, { timeout: 10000 });
        // A .tiktoken file has no special tokens: the trained special is text there.
        s = await state(page);
        assertEqual(s.tokens.map((t) => t.id), ids, 'ids of ranks.tiktoken');

        // The same model twice gets a second name; switching back keeps the text.
        await drop(page, [{ name: 'bpeviz.model', bytes: fs.readFileSync(path.join(dir, 'bpeviz.model')) }]);
        await page.waitForFunction(() => window.bpeviz.state().encoding === 'bpeviz.model (2)', null, { timeout: 10000 });
        await page.evaluate(() => window.bpeviz.setEncoding('cl100k_base'));
        assertEqual((await state(page)).text, TEXT, 'text kept');
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },

  async 'picked files take the special tokens typed at the prompt, as bpeviz-cli --special does'({ browser, baseUrl, out }) {
    const { dir } = trainModel();
    // CS336's overlapping specials: the model has <|endoftext|>, the double is new (the next free id).
    const specials = ['<|endoftext|>', '<|endoftext|><|endoftext|>'];
    const text = `${TEXT}<|endoftext|><|endoftext|> The end.<|endoftext|>`;
    const vocab = path.join(dir, 'vocab.json');
    const ids = JSON.parse(execFileSync(cli, ['encode', '--tokenizer', vocab, '--pretokenizer', 'gpt2',
      ...specials.flatMap((s) => ['--special', s]), '-'], { input: text }).toString());
    try {
      await withReadyPage(browser, baseUrl, {}, async (page) => {
        await setText(page, text);
        let asked = '';
        page.once('dialog', (dialog) => { asked = dialog.message(); dialog.accept(specials.join(', ')); });
        await page.setInputFiles('input[type=file]', [vocab, path.join(dir, 'merges.txt')]);
        await page.waitForFunction(() => window.bpeviz.state().encoding === 'vocab.json', null, { timeout: 10000 });
        assert(/special tokens/i.test(asked), `the prompt asks for special tokens: ${asked}`);
        const s = await state(page);
        assertEqual(s.tokens.map((t) => t.id), ids, 'ids of vocab.json + merges.txt with the typed specials');
        const double = s.tokens.filter((t) => t.end - t.begin === 2 * '<|endoftext|>'.length);
        assertEqual(double.length, 1, 'the double special is one token');
        await page.screenshot({ path: path.join(out, 'user-tokenizer-specials.png') });
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },

  async 'a file that is not a tokenizer is refused with a message naming it'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await setText(page, 'still here');
      const before = await state(page);
      await drop(page, [{ name: 'holiday.png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) }]);
      await page.waitForFunction(() => /holiday\.png/.test(window.bpeviz.state().message), null, { timeout: 10000 });
      const s = await state(page);
      assert(/^Could not load a tokenizer: holiday\.png is not a tokenizer file/.test(s.message), `message: ${s.message}`);
      assertEqual([s.encoding, s.text], [before.encoding, 'still here'], 'the current tokenizer and the text stay');
      await setText(page, 'still works');
      assertEqual((await state(page)).tokens.length > 0, true, 'still encodes');
      await page.screenshot({ path: path.join(out, 'user-tokenizer-refused.png') });
    });
  },
};
