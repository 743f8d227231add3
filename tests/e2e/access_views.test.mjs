// The views beyond Tokens by keyboard and screen reader (web/page/access/, ui/access/): the Merge steps view's
// step read from the accessibility tree and checked against the page's own trace of the merges (bpeviz.trace)
// and its state, its buttons and slider driven by keys alone, and the step announced politely and throttled
// while playing; a refused paste said as an alert. Screenshots and the Merge steps tree (access-*.png/.txt)
// land in --out.
import fs from 'node:fs';
import path from 'node:path';
import { assert, assertEqual, frames, waitFor, withReadyPage } from './harness.mjs';

const state = (page) => page.evaluate(() => window.bpeviz.state());
const keyOfFocus = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return el.id === 'text-input' ? 'text' : el.dataset.key;
});
const mirrorReady = (page) => waitFor(page, () => document.querySelector('#access [role="tab"][aria-selected="true"]'), null, 'the mirror');

async function press(page, key) {
  await page.keyboard.press(key);
  await frames(page, 2);
}

async function tabTo(page, key, wanted, most = 40) {
  const passed = [];
  for (let i = 0; i < most; i++) {
    await press(page, key);
    passed.push(await keyOfFocus(page));
    if (passed.at(-1) === wanted) return passed;
  }
  throw new Error(`${key} never reached ${wanted}: ${passed.join(', ')}`);
}

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
};
