// The page by keyboard and screen reader (web/page/access/, ui/access/): the semantic copy of the canvas
// driven by keys alone (Tab to the Encoding picker, choose cl100k_base: the ids are npm tiktoken's; Tab to the
// tabs, the arrows switch views), read from Playwright's ariaSnapshot and compared with what is drawn
// (bpeviz.state()), the focus ring on the canvas, the single-key shortcuts outside the text box, and axe-core's
// WCAG 2.1 AA rules on the Tokens view in light and dark. Screenshots (access-*.png) land in --out.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { assert, assertEqual, frames, pixel, waitFor, withReadyPage } from './harness.mjs';
import { focused, mirrorReady, press, tabTo } from './access_keys.mjs';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'));
const tiktoken = require('tiktoken');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const cl100k = (text) => {
  const enc = tiktoken.get_encoding('cl100k_base');
  try { return [...enc.encode(text, 'all')]; } finally { enc.free(); }
};

const state = (page) => page.evaluate(() => window.bpeviz.state());
// Whether the focus ring's colour (ui/access/record.cpp) is drawn around the rectangle [x, y, w, h], left of it.
async function ringAt(page, rect, colour) {
  const y = rect[1] + rect[3] / 2;
  for (let dx = 1; dx <= 5; dx++) {
    const p = await pixel(page, rect[0] - dx, y);
    if (p.every((v, i) => Math.abs(v - colour[i]) <= 40)) return true;
  }
  return false;
}
const RING_LIGHT = [26, 86, 196], RING_DARK = [138, 180, 255];
const rectOf = (page, key) => page.evaluate((k) => {
  const el = document.querySelector(`#access [data-key="${k}"]`);
  return [parseFloat(el.style.left), parseFloat(el.style.top), parseFloat(el.style.width), parseFloat(el.style.height)];
}, key);

export const tests = {
  async 'keyboard alone: Escape and Shift+Tab reach the Encoding picker, typing picks cl100k_base, and the ids are tiktoken\'s'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await mirrorReady(page);
      assertEqual((await focused(page)).key, 'text', 'the text box has the focus at the start');
      await press(page, 'Escape');
      const passed = await tabTo(page, 'Shift+Tab', 'encoding');
      // Reading order backwards from the text box: the header's controls, right to left.
      assertEqual(passed[0], 'copy-link', 'the control before the text box');
      const f = await focused(page);
      assertEqual([f.role, f.name], ['select', 'Encoding'], 'the encoding picker');
      assertEqual((await state(page)).textBox.caret, -1, 'the text box let go of the keyboard');
      // The ring, drawn on the canvas around the picker.
      await frames(page, 2);
      assert(await ringAt(page, await rectOf(page, 'encoding'), RING_LIGHT), 'a focus ring around the Encoding picker');
      await page.screenshot({ path: path.join(out, 'access-focus-encoding.png') });
      // Type-ahead in the focused picker chooses the option, as a click on its entry would.
      await page.keyboard.type('cl100k');
      await waitFor(page, () => window.bpeviz.state().encoding === 'cl100k_base', null, 'cl100k_base', 30000);
      await frames(page, 2);
      const s = await state(page);
      assertEqual(s.tokens.map((t) => t.id), cl100k(s.text), 'ids against npm tiktoken');
      assertEqual(await page.evaluate(() => document.querySelector('#access select[aria-label="Encoding"]').value), 'cl100k_base',
                  'the picker shows the encoding now in use');
      assertEqual((await focused(page)).key, 'encoding', 'the focus stays on the picker');
    });
  },

  async 'keyboard alone: Tab reaches the tabs, the arrows switch views, and the single keys still work'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await mirrorReady(page);
      await press(page, 'Escape');
      const passed = await tabTo(page, 'Tab', 'tab:tokens');
      assertEqual(passed.slice(0, 2), ['export', 'switch:whitespace'], 'after the text box: Export, then the switches');
      await frames(page, 2);
      assert(await ringAt(page, await rectOf(page, 'tab:tokens'), RING_LIGHT), 'a focus ring around the Tokens tab');
      await page.screenshot({ path: path.join(out, 'access-focus-tab.png') });
      await press(page, 'ArrowRight');
      await waitFor(page, () => window.bpeviz.state().panel === 'ids', null, 'the Ids view');
      assertEqual((await focused(page)).key, 'tab:ids', 'the focus follows');
      await press(page, 'End');
      await waitFor(page, () => window.bpeviz.state().panel === 'chat', null, 'the Chat view');
      await press(page, 'ArrowRight');  // wraps around
      await waitFor(page, () => window.bpeviz.state().panel === 'tokens', null, 'the Tokens view again');
      await frames(page, 2);
      assertEqual(await page.evaluate(() => document.querySelector('#access [aria-selected="true"]').textContent), 'Tokens',
                  'the selected tab');
      // A single key outside the text box: T switches the theme, as after a click on the tokens.
      const theme = (await state(page)).theme;
      await press(page, 't');
      await waitFor(page, (t) => window.bpeviz.state().theme !== t, theme, 'the theme to change');
      await frames(page, 2);
      assert(await ringAt(page, await rectOf(page, 'tab:tokens'), RING_DARK), 'the ring in the dark theme');
      await page.screenshot({ path: path.join(out, 'access-focus-tab-dark.png') });
      // Back into the text box by Shift+Tab: it takes the keyboard, and keys type again.
      const text = (await state(page)).text;
      await tabTo(page, 'Shift+Tab', 'text');
      await press(page, 'x');
      await waitFor(page, (n) => window.bpeviz.state().text.length === n + 1, text.length, 'the typed x');
      assert((await state(page)).text.includes('x'), 'x typed into the text');
      // Tab in the text box types a tab; Escape, then Tab leaves it.
      await press(page, 'Tab');
      await waitFor(page, (n) => window.bpeviz.state().text.length === n + 2, text.length, 'the typed tab');
      assert((await state(page)).text.includes('\t'), 'a tab typed');
      assertEqual((await focused(page)).key, 'text', 'Tab alone stays in the text box');
      await press(page, 'Escape');
      await press(page, 'Tab');
      assertEqual((await focused(page)).key, 'export', 'Escape, then Tab leaves it');
    });
  },

  async 'the accessibility tree names the tabs, the controls and the counts that are drawn'({ browser, baseUrl }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await mirrorReady(page);
      await page.evaluate(() => window.bpeviz.setEncoding('cl100k_base'));
      await waitFor(page, () => window.bpeviz.state().encoding === 'cl100k_base', null, 'cl100k_base', 30000);
      await page.evaluate(() => window.bpeviz.setText('Hello world, hello tokens!'));
      await frames(page, 4);
      const s = await state(page);
      const tree = await page.locator('#access').ariaSnapshot();
      const has = (line) => assert(tree.includes(line), `the tree has ${line}:\n${tree}`);
      has('- banner:');
      has('- heading "bpeviz" [level=1]');
      has('- region "Text":');
      has('- textbox "Text"');
      has('- region "Counts":');
      has('- region "Views":');
      // Every drawn tab, the one on show selected.
      const tabs = [...tree.matchAll(/- tab "([^"]+)"( \[selected\])?/g)];
      assertEqual(tabs.length, Object.keys(s.layout.tabs).length, 'one tab per drawn tab');
      assertEqual(tabs.filter((t) => t[2]).map((t) => t[1]), ['Tokens'], 'the selected tab');
      assertEqual(s.panel, 'tokens', 'the view on show');
      has('- tabpanel "Tokens"');
      // The counts, as drawn.
      has(`- listitem: "Tokens: ${s.counts.tokens}"`);
      has(`- listitem: "Characters: ${s.counts.characters}"`);
      has(`- listitem: "Bytes: ${s.counts.bytes}"`);
      has(`- listitem: "Pre-tokens: ${s.counts.pretokens}"`);
      // The controls, with their state.
      has('- combobox "Encoding"');
      assert(/- combobox "Encoding"[^\n]*\n(\s+- option[^\n]*\n)*\s+- option "cl100k_base" \[selected\]/.test(tree),
             `cl100k_base selected in the tree:\n${tree}`);
      has('- button "Dark theme"');
      has('- button "Present"\n');  // not pressed
      has(`- checkbox "Show whitespace"${s.options.whitespace ? ' [checked]' : ''}`);
      has('- button "Export…"');
      // Acting on a control in the tree does what clicking it does.
      await page.locator('#access').getByRole('checkbox', { name: 'Show whitespace' }).focus();
      await press(page, ' ');
      await waitFor(page, (w) => window.bpeviz.state().options.whitespace !== w, s.options.whitespace, 'the switch');
      await frames(page, 2);
      const after = await page.locator('#access').ariaSnapshot();
      assert(after.includes(`- checkbox "Show whitespace"${s.options.whitespace ? '' : ' [checked]'}`), `switched in the tree:\n${after}`);
      // A toggle pressed by Enter: presentation mode, and the tree says it is on.
      await page.locator('#access').getByRole('button', { name: 'Present' }).focus();
      await press(page, 'Enter');
      await waitFor(page, () => window.bpeviz.state().presenting, null, 'presentation mode');
      await frames(page, 3);
      const presenting = await page.locator('#access').ariaSnapshot();
      assert(presenting.includes('- button "Present" [pressed]'), `Present pressed in the tree:\n${presenting}`);
      await press(page, 'Enter');
      await waitFor(page, () => !window.bpeviz.state().presenting, null, 'presentation mode off');
    });
  },

  async 'keyboard alone: the tokens as a list, the arrows move through it, the canvas hovers the current one, and the counts are announced'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await mirrorReady(page);
      await page.evaluate(() => window.bpeviz.setEncoding('cl100k_base'));
      await waitFor(page, () => window.bpeviz.state().encoding === 'cl100k_base', null, 'cl100k_base', 30000);
      const text = 'Tokens:  hello world, 你好 and 👋\nagain';
      await page.evaluate((t) => window.bpeviz.setText(t), text);
      await frames(page, 3);
      await press(page, 'Escape');
      await tabTo(page, 'Tab', 'tab:tokens');
      await tabTo(page, 'Tab', 'tokens', 2);  // the list comes right after the tabs
      const ids = cl100k(text);
      const s = await state(page);
      assertEqual(s.tokens.map((t) => t.id), ids, 'ids against npm tiktoken');
      const bytes = new TextEncoder().encode(text);
      const slice = (b, e) => new TextDecoder().decode(bytes.slice(b, e));
      // What the list says of tile g, built from what the page draws (its groups' tokens) and tiktoken's ids.
      const active = () => page.evaluate(() => {
        const list = document.querySelector('#access [role="listbox"]');
        const option = document.getElementById(list.getAttribute('aria-activedescendant'));
        return { name: option.textContent, place: +option.getAttribute('aria-posinset'), size: +option.getAttribute('aria-setsize'),
                 options: list.querySelectorAll('[role="option"]').length };
      });
      const steps = ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowLeft', 'End', 'Home'];
      let expected = -1;
      for (const key of steps) {
        await press(page, key);
        await frames(page, 2);
        const h = (await state(page)).hover;
        assert(h, `a tile hovered after ${key}`);
        expected = key === 'Home' ? 0 : key === 'End' ? h.group : key === 'ArrowLeft' ? expected - 1 : expected + 1;
        assertEqual(h.group, expected, `the hovered tile after ${key}`);
        const a = await active();
        assertEqual(a.place, h.group + 1, 'the active option is the hovered tile');
        // "token 3 of 9: ' world', id 1917, 6 bytes, pre-token ' world'" (a tile of several tokens: "tokens 6 to 7 of 9: …, ids …").
        const hoverIds = String(h.ids).split(' ').map(Number);
        const first = Number(/^tokens? (\d+)/.exec(a.name)?.[1]) - 1;
        assertEqual(ids.slice(first, first + hoverIds.length), hoverIds, `tiktoken's ids at ${a.name}`);
        assert(a.name.includes(hoverIds.length === 1 ? `, id ${hoverIds[0]}, ` : `, ids ${hoverIds.join(' ')}, `), `the ids: ${a.name}`);
        assert(a.name.includes(` of ${ids.length}: `), `of all tokens: ${a.name}`);
        assert(a.name.includes(`${h.bytes} byte`), `the bytes: ${a.name}`);
        assert(a.options <= 21, `a window of options: ${a.options}`);
        if (key === 'End') assertEqual(a.place, a.size, 'End: the last tile');
      }
      // The first tile, spelled out in full.
      const t0 = s.tokens[0];
      assertEqual((await active()).name, `token 1 of ${ids.length}: '${slice(t0.begin, t0.end)}', id ${ids[0]}, ${t0.end - t0.begin} bytes, pre-token '${slice(t0.begin, t0.end)}'`,
                  'the first tile\'s name');
      await page.screenshot({ path: path.join(out, 'access-token-list.png') });
      // Enter on the current tile does what a click on it does: its merge tree.
      await press(page, 'Enter');
      await waitFor(page, () => window.bpeviz.state().panel === 'tree', null, 'the Merge tree tab');
      assertEqual((await state(page)).tree.id, ids[0], 'the merge tree of the first token');
      await page.evaluate(() => window.bpeviz.showPanel('tokens'));
      // The counts, announced once the edit has settled (politely, not at each keystroke).
      await page.evaluate(() => window.bpeviz.setText('hello hello'));
      await frames(page, 2);
      await page.waitForTimeout(2000);
      const after = await state(page);
      const said = await page.evaluate(() => document.querySelector('[role="status"]').textContent);
      assert(said.startsWith(`Tokens: ${after.counts.tokens}, Characters: ${after.counts.characters}, Bytes: ${after.counts.bytes}`),
             `the status says the counts: ${said}`);
    });
  },

  async 'axe-core finds no WCAG 2.1 AA violation on the Tokens view, light and dark'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await mirrorReady(page);
      await page.evaluate(axeSource);  // evaluated by the driver: the page's policy allows only its own scripts
      const check = async (theme) => {
        await page.evaluate((t) => window.bpeviz.setTheme(t), theme);
        await frames(page, 3);
        const results = await page.evaluate(() => window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
        const violations = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        assertEqual(violations, [], `axe violations (${theme})`);
        // Not a vacuous pass: the rules for names and roles checked the mirror's controls.
        const passed = (id) => results.passes.find((p) => p.id === id)?.nodes.length ?? 0;
        assert(passed('button-name') >= 10, `button-name checked ${passed('button-name')} buttons`);
        assert(passed('select-name') >= 3, `select-name checked ${passed('select-name')} pickers`);
        assert(passed('aria-required-children') >= 1, 'the tab list checked');
        await page.screenshot({ path: path.join(out, `access-axe-${theme}.png`) });
      };
      await check('light');
      await check('dark');
    });
  },
};
