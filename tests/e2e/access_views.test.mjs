// The views beyond Tokens by keyboard and screen reader (web/page/access/, ui/access/): the Merge steps view's
// step read from the accessibility tree and checked against the page's own trace of the merges (bpeviz.trace)
// and its state, its buttons and slider driven by keys alone, and the step announced politely and throttled
// while playing; a refused paste said as an alert; the Ids view as a windowed list (npm tiktoken's ids), Decode
// ids typed by keys (tiktoken's decode), the merge tree as a tree of items (the page's tree); axe-core's WCAG
// 2.1 AA rules on every view in light, dark and presentation mode; Train BPE's step, Predict's question and
// verdict (the studio's own merges); nothing playing by itself under prefers-reduced-motion. Screenshots and the Merge steps tree (access-*.png/.txt)
// land in --out.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { assert, assertEqual, frames, waitFor, withReadyPage } from './harness.mjs';
import { mirrorReady, press, tabTo } from './access_keys.mjs';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'));
const tiktoken = require('tiktoken');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const withCl100k = (fn) => {
  const enc = tiktoken.get_encoding('cl100k_base');
  try { return fn(enc); } finally { enc.free(); }
};

const state = (page) => page.evaluate(() => window.bpeviz.state());
// A token's bytes as the mirror quotes them (ui/access/spoken.h).
const spoken = (bytes) => `'${new TextDecoder().decode(new Uint8Array(bytes)).replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r')}'`;

// What the mirror may say of step `step` (from 1) of `steps`: one line per pair merged at that step in the page's
// trace of the text (a step that makes one token from two pairs has a trace entry for each; the view names one).
function sayings(trace, bytes, step, steps) {
  return trace.filter((t) => t.step === step).map((t) => (t.whole
    ? `Step ${step} of ${steps}: ${spoken(bytes.slice(t.places[0][0], t.places[0][2]))} is a token itself: taken whole (id ${t.id})`
    : `Step ${step} of ${steps}: ${spoken(t.left)} + ${spoken(t.right)} → ${spoken([...t.left, ...t.right])}, id ${t.id}`));
}

const description = (page) => page.evaluate(() => document.querySelector('#access [data-key="player:description"]')?.textContent);
const announced = (page) => page.evaluate(() => document.getElementById('access-announce').textContent);

export const tests = {
  async 'keyboard alone: the Merge steps view reads its step as the trace has it, its buttons and slider step it, and the step is announced'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await mirrorReady(page);
      await page.evaluate(() => window.bpeviz.setEncoding('cl100k_base'));
      await waitFor(page, () => window.bpeviz.state().encoding === 'cl100k_base', null, 'cl100k_base', 30000);
      const text = 'The cat sat on the mat, then the cat ate.';
      await page.evaluate((t) => window.bpeviz.setText(t), text);
      await page.evaluate(() => window.bpeviz.showPanel('merges'));
      await waitFor(page, () => window.bpeviz.state().player.built, null, 'the merge steps');
      await frames(page, 3);
      const trace = await page.evaluate((t) => window.bpeviz.trace(t), text);
      const steps = (await state(page)).player.steps;
      const bytes = [...new TextEncoder().encode(text)];
      assertEqual(steps, Math.max(...trace.map((t) => t.step)), 'the view has as many steps as the trace');
      const check = async (what) => {
        const s = (await state(page)).player;
        const said = await description(page);
        if (s.step === 0) {
          assert(said.includes('one token per byte') && said.includes(`${steps} merge steps`), `${what}: the start: ${said}`);
        } else {
          const lines = sayings(trace, bytes, s.step, steps);
          assert(lines.some((l) => said.startsWith(l)), `${what}: step ${s.step} said as "${said}", the trace has ${lines.join(' | ')}`);
        }
        const slider = await page.evaluate(() => {
          const el = document.querySelector('#access input[type="range"][aria-label="Step"]');
          return [+el.min, +el.max, +el.value];
        });
        assertEqual(slider, [0, steps, s.step], `${what}: the Step slider`);
        return said;
      };
      await check('at the start');

      // By keys alone: Escape leaves the text box, Tab reaches Next step (First and Back are disabled at step 0).
      await press(page, 'Escape');
      const passed = await tabTo(page, 'Tab', 'player:next', 60);
      assert(passed.includes('player:play') && !passed.includes('player:back'), `play on the way, back disabled: ${passed.join(', ')}`);
      for (let i = 1; i <= 3; i++) {
        await press(page, 'Enter');
        await waitFor(page, (n) => window.bpeviz.state().player.step === n, i, `step ${i}`);
        await frames(page, 2);
        await check(`after Enter ${i}`);
      }
      // The announcement: the step now shown, within the throttle's second.
      const third = await description(page);
      await waitFor(page, (t) => document.getElementById('access-announce').textContent === t, third, 'the step announced', 3000);
      // The slider: End goes to the last step, Home to the first, the arrows one step.
      await tabTo(page, 'Tab', 'player:step', 4);
      await press(page, 'End');
      await waitFor(page, (n) => window.bpeviz.state().player.step === n, steps, 'the last step');
      await frames(page, 2);
      await check('after End');
      await press(page, 'Home');
      await waitFor(page, () => window.bpeviz.state().player.step === 0, null, 'the first step');
      await press(page, 'ArrowRight');
      await press(page, 'ArrowRight');
      await waitFor(page, () => window.bpeviz.state().player.step === 2, null, 'step 2');
      await frames(page, 2);
      await check('after two arrows');

      // The tree a screen reader reads, checked against the view; kept for the report.
      const tree = await page.locator('#access [role="tabpanel"]').ariaSnapshot();
      fs.writeFileSync(path.join(out, 'access-merges-tree.txt'), `${tree}\n`);
      const has = (line) => assert(tree.includes(line), `the tree has ${line}:\n${tree}`);
      has('- tabpanel "Merge steps"');
      for (const name of ['First step', 'Previous step', 'Play', 'Next step', 'Last step']) has(`- button "${name}"`);
      has('- slider "Steps per second"');
      has('- slider "Step": "2"');
      const said = await description(page);
      assert(tree.includes(`- paragraph: ${said}`) || tree.includes(`- paragraph: ${JSON.stringify(said)}`), `the step in the tree:\n${tree}`);
      await page.screenshot({ path: path.join(out, 'access-merges.png') });

      // Playing at 60 steps a second: the announcements are throttled (a few a second at most), and the last
      // one is the step the player stopped at.
      await page.evaluate(() => window.bpeviz.player('speed', 60));
      await page.evaluate(() => {
        window.announcements = 0;
        new MutationObserver(() => window.announcements++).observe(document.getElementById('access-announce'),
                                                                   { childList: true, characterData: true, subtree: true });
      });
      await page.locator('#access').getByRole('button', { name: 'Play' }).focus();
      const started = Date.now();
      await press(page, 'Enter');
      await waitFor(page, () => window.bpeviz.state().player.playing, null, 'playing');
      assertEqual(await page.evaluate(() => document.querySelector('#access [data-key="player:play"]').textContent), 'Pause',
                  'the button says Pause while playing');
      await waitFor(page, (n) => window.bpeviz.state().player.step === n && !window.bpeviz.state().player.playing, steps,
                    'the player to reach the end', 20000);
      await frames(page, 2);
      const final = await check('played to the end');
      await waitFor(page, (t) => document.getElementById('access-announce').textContent === t, final, 'the last step announced', 3000);
      const seconds = (Date.now() - started) / 1000;
      const count = await page.evaluate(() => window.announcements);
      assert(count >= 1 && count <= Math.ceil(seconds) + 2, `${count} announcements in ${seconds.toFixed(1)} s of playing ${steps - 2} steps`);
      assert(steps - 2 > count, 'fewer announcements than steps played');
      assertEqual(await announced(page), final, 'the last announcement');
    });
  },

  async 'a refused paste is an alert in the accessibility tree, and its Dismiss button clears it'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await mirrorReady(page);
      const before = (await state(page)).text;
      // A paste far beyond what the page holds (100 MB), as the browser hands it over.
      await page.evaluate(() => {
        const transfer = new DataTransfer();
        transfer.setData('text/plain', 'Log line 42: all is well.\n'.repeat(4e6));
        document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
      });
      await waitFor(page, () => window.bpeviz.state().message !== '', null, 'the refusal');
      await frames(page, 3);
      const s = await state(page);
      assertEqual(s.text, before, 'the text stays');
      const alert = await page.evaluate(() => [...document.querySelectorAll('#access [role="alert"]')].map((a) => a.textContent));
      assertEqual(alert, [s.message], 'the message as the one alert');
      const tree = await page.locator('#access').ariaSnapshot();
      assert(tree.includes(`- region "Messages":`) && tree.includes(`- alert: ${s.message}`), `the alert in the tree:\n${tree}`);
      await page.screenshot({ path: path.join(out, 'access-alert.png') });
      // Dismissed from the mirror by keys alone, as the band's button does.
      await page.locator('#access').getByRole('button', { name: 'Dismiss the messages' }).focus();
      await press(page, 'Enter');
      await waitFor(page, () => window.bpeviz.state().message === '', null, 'the message dismissed');
      await frames(page, 2);
      assertEqual(await page.evaluate(() => document.querySelectorAll('#access [role="alert"]').length), 0, 'no alert left');
    });
  },

  async 'keyboard alone: the Ids view as a list of tiktoken\'s ids, Decode ids typed by keys, and the merge tree as a tree of items'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await mirrorReady(page);
      await page.evaluate(() => window.bpeviz.setEncoding('cl100k_base'));
      await waitFor(page, () => window.bpeviz.state().encoding === 'cl100k_base', null, 'cl100k_base', 30000);
      const text = 'Hello world, hello tokenizers!\n'.repeat(4);
      await page.evaluate((t) => window.bpeviz.setText(t), text);
      await page.evaluate(() => window.bpeviz.showPanel('ids'));
      await frames(page, 3);
      const ids = withCl100k((enc) => [...enc.encode(text)]);
      const s = await state(page);
      assertEqual(s.tokens.map((t) => t.id), ids, 'the page\'s ids are tiktoken\'s');
      const bytes = new TextEncoder().encode(text);
      // Ids: Escape, Tab through the view's controls to the list; the arrows move the current id.
      await press(page, 'Escape');
      const passed = await tabTo(page, 'Tab', 'ids', 60);
      assertEqual(passed.at(-2), 'copy-ids', 'Copy ids comes before the list');
      const active = () => page.evaluate(() => {
        const list = document.querySelector('#access [role="listbox"][aria-label="Ids"]');
        const option = document.getElementById(list.getAttribute('aria-activedescendant'));
        return { name: option?.textContent, options: list.querySelectorAll('[role="option"]').length };
      });
      let at = -1;
      for (const key of ['ArrowDown', 'ArrowDown', 'End', 'ArrowUp', 'PageUp', 'Home']) {
        await press(page, key);
        at = key === 'Home' ? 0 : key === 'End' ? ids.length - 1 : key === 'PageUp' ? Math.max(0, at - 10)
          : key === 'ArrowUp' ? at - 1 : at + 1;
        const t = s.tokens[at];
        const piece = new TextDecoder().decode(bytes.slice(t.begin, t.end)).replace(/\n/g, '\\n');
        const a = await active();
        assertEqual(a.name, `id ${at + 1} of ${ids.length}: ${ids[at]}, '${piece}'`, `the current id after ${key}`);
        assert(a.options <= 21, `a window of ids: ${a.options}`);
      }
      assertEqual(await page.evaluate(() => document.querySelector('#access [data-key="ids-count"]').textContent),
                  `${ids.length} ids as a JSON array`, 'the count');

      // Decode ids: Shift+Tab back to the tabs, the arrow to Decode ids, Tab into its field, type ids.
      await tabTo(page, 'Shift+Tab', 'tab:ids', 5);
      await press(page, 'ArrowRight');
      await waitFor(page, () => window.bpeviz.state().panel === 'decode', null, 'the Decode ids view');
      await frames(page, 2);
      await tabTo(page, 'Tab', 'decode-input', 3);
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('[9906, 1917, 0, 220, 57668, 53901]');
      await frames(page, 3);
      await waitFor(page, () => window.bpeviz.state().decode.input === '[9906, 1917, 0, 220, 57668, 53901]', null, 'the typed ids');
      await frames(page, 2);
      const decoded = withCl100k((enc) => new TextDecoder().decode(enc.decode(new Uint32Array([9906, 1917, 0, 220, 57668, 53901]))));
      assertEqual((await state(page)).decode.text, decoded, 'the page decodes as tiktoken does');
      assertEqual(await page.evaluate(() => document.querySelector('#access [data-key="decode-text"]').textContent),
                  `Decoded text: '${decoded}'`, 'the decoded text in the mirror');
      assertEqual((await state(page)).text, text, 'the main text is untouched by typing in the field');
      // A bad id: the error, said politely.
      await page.keyboard.type(' x');
      await waitFor(page, () => window.bpeviz.state().decode.error !== '', null, 'the decode error');
      await frames(page, 2);
      const error = (await state(page)).decode.error;
      assertEqual(await page.evaluate(() => document.querySelector('#access [data-key="decode-error"]').textContent), error, 'the error');
      await waitFor(page, (e) => document.getElementById('access-announce').textContent === e, error, 'the error announced', 3000);
      await page.screenshot({ path: path.join(out, 'access-decode.png') });

      // The merge tree of the first token of ' tokenizers' (' token': several merges): a tree whose items nest as the page's nodes do.
      await page.evaluate((i) => window.bpeviz.mergeTree(i), withCl100k((enc) => enc.encode(' tokenizers')[0]));
      await page.evaluate(() => window.bpeviz.showPanel('tree'));
      await frames(page, 3);
      const t = (await state(page)).tree;
      assert(t.nodes.length >= 3, `a tree with merges: ${t.nodes.length} nodes`);
      const items = await page.evaluate(() => [...document.querySelectorAll('#access [role="tree"] [role="treeitem"]')].map((el) => ({
        key: el.dataset.key, name: el.getAttribute('aria-label'),
        kids: [...(el.querySelector(':scope > [role="group"]')?.children ?? [])].map((c) => c.dataset.key) })));
      assertEqual(items.length, t.nodes.length, 'an item per node');
      const root = new TextEncoder().encode(withCl100k((enc) => new TextDecoder().decode(enc.decode(new Uint32Array([t.id])))));
      const said = (n) => `'${new TextDecoder().decode(root.slice(n.begin, n.end))}'`;
      for (const item of items) {
        const n = t.nodes[Number(item.key.split(':')[1])];
        assert(item.name.startsWith(`${said(n)}, id ${n.id}`), `${item.key}: ${item.name}`);
        if (n.left >= 0) {
          assertEqual(item.kids, [`tree-node:${n.left}`, `tree-node:${n.right}`], `${item.key}'s parts`);
          assert(item.name.endsWith(`: ${said(t.nodes[n.left])} + ${said(t.nodes[n.right])}`), `${item.key} names its pair: ${item.name}`);
        } else {
          assertEqual(item.kids, [], `${item.key} is a byte`);
        }
      }
      assertEqual(items[0].key, `tree-node:${t.nodes.length - 1}`, 'the token itself first');
      const snapshot = await page.locator('#access [role="tree"]').ariaSnapshot();
      fs.writeFileSync(path.join(out, 'access-merge-tree.txt'), `${snapshot}\n`);
      const whole = `'${new TextDecoder().decode(root)}'`;
      assert(snapshot.startsWith(`- tree "Merge tree of ${whole}, id ${t.id}":\n`), `the tree's name:\n${snapshot}`);
      assert(snapshot.includes(`[expanded]`) && (snapshot.match(/treeitem/g) ?? []).length === t.nodes.length, `the items:\n${snapshot}`);
      // The tree by keys: focused, the arrows move its current item (the root's first part, then back).
      await page.locator('#access [role="tree"]').focus();
      const current = () => page.evaluate(() => {
        const tree = document.querySelector('#access [role="tree"]');
        return document.getElementById(tree.getAttribute('aria-activedescendant'))?.dataset.key;
      });
      assertEqual(await current(), `tree-node:${t.nodes.length - 1}`, 'the root is current');
      await press(page, 'ArrowRight');
      assertEqual(await current(), `tree-node:${t.nodes.at(-1).left}`, 'ArrowRight: its first part');
      await press(page, 'ArrowLeft');
      assertEqual(await current(), `tree-node:${t.nodes.length - 1}`, 'ArrowLeft: back to the root');
    });
  },

  async 'axe-core finds no WCAG 2.1 AA violation on any view, in light, dark and presentation mode'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await mirrorReady(page);
      await page.evaluate(axeSource);  // evaluated by the driver: the page's policy allows only its own scripts
      await page.evaluate(() => window.bpeviz.setEncoding('cl100k_base'));
      await waitFor(page, () => window.bpeviz.state().encoding === 'cl100k_base', null, 'cl100k_base', 30000);
      await page.evaluate(() => window.bpeviz.setText('Hello world, hello tokens! 你好 👋'));
      await page.evaluate(() => window.bpeviz.setDecodeInput('[9906, 1917]'));
      await page.evaluate(() => window.bpeviz.mergeTree(30632));
      const views = ['tokens', 'ids', 'decode', 'merges', 'tree', 'studio', 'schemes', 'compare', 'chat'];
      const found = [];
      const checked = {};
      for (const mode of ['light', 'dark', 'presentation']) {
        await page.evaluate((m) => window.bpeviz.setTheme(m === 'dark' ? 'dark' : 'light'), mode);
        await page.evaluate((on) => window.bpeviz.present(on), mode === 'presentation');
        for (const view of views) {
          await page.evaluate((v) => window.bpeviz.showPanel(v), view);
          if (view === 'merges') await page.evaluate(() => window.bpeviz.player('step', 3));
          await frames(page, 3);
          const results = await page.evaluate(() => window.axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
          for (const v of results.violations) found.push(`${mode}/${view}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
          checked[`${mode}/${view}`] = results.passes.reduce((n, p) => n + p.nodes.length, 0);
        }
        await page.screenshot({ path: path.join(out, `access-axe-${mode}-chat.png`) });
      }
      fs.writeFileSync(path.join(out, 'access-axe.json'), `${JSON.stringify({ violations: found, passedChecks: checked }, null, 1)}\n`);
      assertEqual(found, [], 'axe violations');
      // Not a vacuous pass: every view had rules checked on its nodes.
      for (const [where, n] of Object.entries(checked)) assert(n >= 20, `${where}: ${n} checks passed`);
    });
  },

  async 'keyboard alone: the training studio says its step and winning pair, asks Predict\'s question with a button per pair, and says the verdict'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await mirrorReady(page);
      await page.evaluate(() => window.bpeviz.showPanel('studio'));
      const sample = (await state(page)).studio.samples.find((n) => n.startsWith('aaabdaaabac'));
      await page.evaluate((name) => window.bpeviz.studio({ source: name, merges: 3, train: true }), sample);
      await waitFor(page, () => window.bpeviz.state().studio.trained, null, 'the training');
      // The merges as trained, for the truth: the pairs and ids in order.
      await page.evaluate(() => window.bpeviz.studio({ step: 3 }));
      const st = (await state(page)).studio;
      const merged = st.merged;
      assertEqual(merged.length, st.merges, 'all merges shown');
      await page.evaluate(() => window.bpeviz.studio({ step: 0 }));
      await frames(page, 2);
      const said = (k) => {
        const [l, r, id] = merged[k - 1];
        return `Step ${k} of ${st.merges}: '${l}' + '${r}' → '${l}${r}', id ${id}, counted `;
      };
      const studioSays = () => page.evaluate(() => document.querySelector('#access [data-key="studio:description"]').textContent);
      await press(page, 'Escape');
      await tabTo(page, 'Tab', 'studio:next', 60);
      await press(page, 'Enter');
      await waitFor(page, () => window.bpeviz.state().studio.step === 1, null, 'step 1');
      await frames(page, 2);
      const first = await studioSays();
      assert(first.startsWith(said(1)), `step 1 said as "${first}", expected "${said(1)}…"`);
      await waitFor(page, (t) => document.getElementById('access-announce').textContent === t, first, 'step 1 announced', 3000);
      // Predict: the switch by Space, then the question and a button per candidate pair.
      await tabTo(page, 'Tab', 'studio:predict', 6);
      await press(page, ' ');
      await waitFor(page, () => window.bpeviz.state().studio.predict.pending, null, 'the question');
      await frames(page, 2);
      const p = (await state(page)).studio.predict;
      const question = await page.evaluate(() => document.querySelector('#access [data-key="studio:question"]').textContent);
      assert(question.startsWith(`Merge 2: `) && (p.candidates.length === 1 || question.includes(`these ${p.candidates.length} pairs`)),
             `the question: ${question}`);
      const buttons = await page.evaluate(() => [...document.querySelectorAll('#access [data-key^="studio:candidate:"]')].map((b) => b.textContent));
      assertEqual(buttons, p.candidates.map(([l, r]) => `'${l}' + '${r}'`), 'a button per candidate, named by its pair');
      await waitFor(page, (q) => document.getElementById('access-announce').textContent === q, question, 'the question announced', 3000);
      // The winner's button, by keys: Tab to it, Enter. The verdict is said.
      const winner = p.candidates.findIndex(([l, r]) => l === merged[1][0] && r === merged[1][1]);
      assert(winner >= 0, 'the winner is a candidate');
      await tabTo(page, 'Tab', `studio:candidate:${winner}`, 20);
      await press(page, 'Enter');
      await waitFor(page, () => window.bpeviz.state().studio.step === 2, null, 'the guess reveals merge 2');
      await frames(page, 2);
      const after = (await state(page)).studio.predict;
      assert(after.verdict.startsWith('Right'), `the verdict: ${after.verdict}`);
      const verdict = await page.evaluate(() => document.querySelector('#access [data-key="studio:verdict"]').textContent);
      assertEqual(verdict, `${after.verdict} Score: ${after.right} of ${after.asked} right.`, 'the verdict and the score in the mirror');
      await waitFor(page, (v) => document.getElementById('access-announce').textContent.includes(v), after.verdict, 'the verdict announced', 3000);
      await page.screenshot({ path: path.join(out, 'access-studio-predict.png') });
    });
  },

  async 'with prefers-reduced-motion nothing plays by itself: a link to the Merge steps view, the lessons, the studio'({ browser, baseUrl }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      assert(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches), 'reduced motion emulated');
      const still = async (what) => {
        const before = await state(page);
        await page.waitForTimeout(1500);
        await frames(page, 2);
        const s = await state(page);
        assert(!s.player.playing && !s.studio.playing, `${what}: nothing playing`);
        assertEqual([s.player.step, s.studio.step], [before.player.step, before.studio.step], `${what}: no step taken by itself`);
      };
      await page.evaluate(() => window.bpeviz.showPanel('merges'));
      await still('the Merge steps view');
      for (const lesson of (await page.evaluate(() => window.bpeviz.lessons())).map((l) => l.name ?? l)) {
        await page.evaluate((n) => window.bpeviz.lesson(n), lesson);
        await still(`lesson ${lesson}`);
      }
      await page.evaluate(() => window.bpeviz.showPanel('studio'));
      await page.evaluate(() => window.bpeviz.studio({ merges: 5, train: true }));
      await still('the studio after training');
      // Play is the reader's own choice, and still plays.
      await page.evaluate(() => window.bpeviz.showPanel('merges'));
      await page.evaluate(() => window.bpeviz.player('play'));
      await waitFor(page, () => window.bpeviz.state().player.step > 0, null, 'Play, pressed, plays');
    });
  },

  async 'Compare and Chat read as tables of their figures, as the page computes them'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await mirrorReady(page);
      const text = 'Hello world, hello tokenizers! 你好';
      await page.evaluate((t) => window.bpeviz.setText(t), text);
      await page.evaluate(() => window.bpeviz.showPanel('compare'));
      await page.evaluate(() => window.bpeviz.setCompare(['cl100k_base', 'o200k_base']));
      await frames(page, 3);
      const rows = () => page.evaluate(() => [...document.querySelectorAll('#access [role="table"] [role="row"]')]
        .map((r) => [...r.querySelectorAll('[role="cell"]')].map((c) => c.textContent)));
      const compare = (await state(page)).compare;
      const ids = withCl100k((enc) => enc.encode(text).length);
      assertEqual(compare.columns.find((c) => c.encoding === 'cl100k_base').tokens, ids, 'cl100k_base\'s count is tiktoken\'s');
      assertEqual(await rows(page), compare.columns.map((c) => [c.encoding, `${c.tokens} tokens`, `${c.bytesPerToken.toFixed(2)} bytes/token`,
                                                             `${c.marks.length} own cuts`]), 'a row per tokenizer');
      const tree = await page.locator('#access [role="table"]').ariaSnapshot();
      assert(tree.startsWith('- table "Tokenizers compared":'), tree);
      await page.evaluate(() => window.bpeviz.showPanel('chat'));
      await page.evaluate(() => window.bpeviz.setChat([{ role: 'system', content: 'You are terse.' }, { role: 'user', content: 'Hello there!' }]));
      await frames(page, 3);
      const chat = (await state(page)).chat;
      assertEqual(await rows(page), [...chat.messages.map((m, i) => [`message ${i + 1}, ${m.role}`, `${m.contentTokens} content tokens`,
                                                                      `${m.formatTokens} format tokens`]),
                                     ['in all', `${chat.messages.reduce((n, m) => n + m.contentTokens, 0)} content tokens`, `${chat.counts.total} tokens`]],
                  'a row per message and the totals');
      assertEqual(chat.counts.total, chat.tokens.length, 'the total is the tokens drawn');
    });
  },

  async 'keyboard alone: the shortcuts and Share are dialogs that take the focus, read their content, and close by their Close button'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await mirrorReady(page);
      const focusedKey = () => page.evaluate(() => document.activeElement?.dataset?.key);
      await page.locator('#access [data-key="help"]').focus();
      await press(page, 'Enter');
      await waitFor(page, () => window.bpeviz.state().shortcutsHelp, null, 'the shortcuts');
      await frames(page, 3);
      assertEqual(await focusedKey(), 'dialog:shortcuts:close', 'the dialog takes the focus, on its Close button');
      const help = await page.locator('#access [role="dialog"]').ariaSnapshot();
      assert(help.startsWith('- dialog "Keyboard shortcuts":\n  - button "Close"\n  - table "Keyboard shortcuts":'), help);
      const rows = await page.evaluate(() => [...document.querySelectorAll('#access [role="dialog"] [role="row"]')].map((r) => r.children.length));
      assert(rows.length >= 5 && rows.every((n) => n === 2), `a row of two cells per shortcut: ${rows}`);
      await page.screenshot({ path: path.join(out, 'access-dialog-shortcuts.png') });
      await press(page, 'Enter');
      await waitFor(page, () => !window.bpeviz.state().shortcutsHelp, null, 'the shortcuts closed');
      await frames(page, 3);
      assertEqual(await page.evaluate(() => document.querySelectorAll('#access [role="dialog"]').length), 0, 'no dialog left');
      assertEqual(await focusedKey(), 'help', 'the focus back on the button that opened it');

      await page.locator('#access [data-key="share"]').focus();
      await press(page, 'Enter');
      await waitFor(page, () => window.bpeviz.state().share.open && window.bpeviz.state().share.address !== '', null, 'Share');
      await frames(page, 3);
      assertEqual(await focusedKey(), 'dialog:share:close', 'Share takes the focus');
      const share = (await state(page)).share;
      const said = await page.evaluate(() => document.querySelector('#access [data-key="share:link"]').textContent);
      assert(said.startsWith(`A QR code of the link ${share.address}`), `the link said: ${said}`);
      await press(page, 'Enter');
      await waitFor(page, () => !window.bpeviz.state().share.open, null, 'Share closed');
      await frames(page, 3);
      assertEqual(await focusedKey(), 'share', 'the focus back on Share');
    });
  },
};
