// Phones and tablets (harness.mjs's DEVICES, Chromium's emulation with touch): every control state().layout
// names lies on screen and is at least 24×24 CSS pixels (WCAG 2.2, 2.5.8), including those behind a phone's
// Menu; the encoding is switched by touch alone and the ids are npm tiktoken's; screenshots of each size
// (device-*.png), and of presentation mode and a lesson on the tablet, land in --out.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { DEVICES, assert, assertEqual, frames, setText, tap, waitFor, withReadyPage } from './harness.mjs';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'));
const tiktoken = require('tiktoken');
const tiktokenIds = (name, text) => {
  const enc = tiktoken.get_encoding(name);
  try { return [...enc.encode(text)]; } finally { enc.free(); }
};

const SENTENCE = 'A lecturer puts the link on a slide; thirty students open it on their phones — ça marche, 123!';
const state = (page) => page.evaluate(() => window.bpeviz.state());
const MIN_TARGET = 24;

// The layout's entries that are controls a finger must hit (the others are areas: the text box, views, bands).
const AREAS = new Set(['editor', 'tokens', 'panel', 'caption', 'status', 'rowHeight', 'exportMenu', 'tabs', 'encodingMenu']);
function controls(layout) {
  const out = [];
  for (const [name, r] of Object.entries(layout)) {
    if (!AREAS.has(name) && r.width > 0) out.push([name, r]);
  }
  for (const [name, r] of Object.entries(layout.tabs)) if (r.width > 0) out.push([`tab ${name}`, r]);
  return out;
}

// Every drawn control on screen and at least 24×24; returns their names.
async function checkControls(page, device, when) {
  const { layout } = await state(page);
  const { w, h } = await page.evaluate(() => ({ w: window.innerWidth, h: window.innerHeight }));
  const drawn = controls(layout);
  for (const [name, r] of drawn) {
    const where = `${device.name} ${when}: ${name} ${JSON.stringify(r)} in ${w}×${h}`;
    assert(r.x >= 0 && r.y >= 0 && r.x + r.width <= w + 0.5 && r.y + r.height <= h + 0.5, `on screen: ${where}`);
    assert(r.width >= MIN_TARGET && r.height >= MIN_TARGET, `at least ${MIN_TARGET}×${MIN_TARGET}: ${where}`);
  }
  return drawn.map(([name]) => name);
}

const centre = (r) => [r.x + r.width / 2, r.y + r.height / 2];
const tapRect = (page, r) => tap(page, ...centre(r));

// Opens the phone's Menu by touch when the header has one; returns whether it did.
async function openMenu(page) {
  const { layout } = await state(page);
  if (layout.menu.width === 0) return false;
  await tapRect(page, layout.menu);
  await waitFor(page, () => window.bpeviz.state().layout.theme.width > 0, null, 'the menu to open');
  await frames(page, 2);  // its first frame only measures it
  return true;
}

// Every control a desktop user has, on this device (in the Menu on a phone).
const EVERY_CONTROL = ['lessons', 'theme', 'present', 'help', 'model', 'encoding', 'copyLink', 'export',
  'specialPolicy', 'whitespace', 'byteNotation', 'pretokenLane'];

export const tests = {};

for (const device of DEVICES) {
  tests[`${device.name} ${device.viewport.width}×${device.viewport.height}: every control on screen and at least 24×24, the encoding switched by touch, a screenshot`] =
    async ({ browser, baseUrl, out }) => {
      await withReadyPage(browser, baseUrl, device, async (page) => {
        await setText(page, SENTENCE);
        await page.screenshot({ path: path.join(out, `device-${device.name}.png`) });
        const seen = new Set(await checkControls(page, device, 'at first'));
        if (await openMenu(page)) {
          for (const name of await checkControls(page, device, 'with the menu open')) seen.add(name);
          await page.screenshot({ path: path.join(out, `device-${device.name}-menu.png`) });
          await tapRect(page, (await state(page)).layout.menu);  // closes it
        }
        for (const name of EVERY_CONTROL) assert(seen.has(name), `${device.name}: ${name} is reachable (seen: ${[...seen].join(', ')})`);
        // The views: a tab bar whose names are whole, or a picker.
        const { layout } = await state(page);
        const tabs = Object.values(layout.tabs).filter((r) => r.width > 0);
        assert(tabs.length === 9 || layout.tabPicker.width > 0, `${device.name}: nine tabs or the picker`);
        assert(layout.panel.height >= 100, `${device.name}: the view keeps room (${layout.panel.height} px high)`);
        assert(layout.editor.height >= 60, `${device.name}: the text box keeps room (${layout.editor.height} px high)`);

        // The encoding by touch alone: the picker, then an entry of its list.
        const before = await state(page);
        const target = before.encoding === 'cl100k_base' ? 'o200k_base' : 'cl100k_base';
        await tapRect(page, before.layout.encoding);
        await waitFor(page, () => window.bpeviz.state().layout.encodingMenu.length > 0, null, `${device.name}: the encoding list to open`);
        const entry = (await state(page)).layout.encodingMenu.find((e) => e.name === target);
        assert(entry, `${device.name}: ${target} in the list`);
        const { w, h } = await page.evaluate(() => ({ w: window.innerWidth, h: window.innerHeight }));
        assert(entry.x >= 0 && entry.y >= 0 && entry.x + entry.width <= w && entry.y + entry.height <= h, `${device.name}: the entry on screen ${JSON.stringify(entry)}`);
        assert(entry.height >= MIN_TARGET, `${device.name}: the entry at least ${MIN_TARGET} high (${entry.height})`);
        await tapRect(page, entry);
        await waitFor(page, (t) => window.bpeviz.state().encoding === t && window.bpeviz.state().requestedEncoding === '',
                      target, `${device.name}: ${target} after the tap`, 30000);
        await frames(page, 2);
        const ids = await page.evaluate(() => window.bpeviz.ids());
        assertEqual(ids, tiktokenIds(target, SENTENCE), `${device.name}: ${target} ids of the sentence`);
        await checkControls(page, device, 'after switching');
        await page.screenshot({ path: path.join(out, `device-${device.name}-${target}.png`) });
      });
    };
}

tests['tablet 768×1024: presentation mode and a lesson fit, their controls on screen and at least 24×24, screenshots'] =
  async ({ browser, baseUrl, out }) => {
    const tablet = DEVICES.find((d) => d.name === 'tablet');
    await withReadyPage(browser, baseUrl, tablet, async (page) => {
      const lesson = (await page.evaluate(() => window.bpeviz.lessons()))[0];
      await page.evaluate((name) => window.bpeviz.lesson(name), lesson.name);
      await waitFor(page, () => window.bpeviz.state().layout.caption.height > 0, null, 'the lesson caption');
      let s = await state(page);
      assertEqual(s.lesson.name, lesson.name, 'the lesson shown');
      await checkControls(page, tablet, 'in a lesson');
      assertEqual(await page.evaluate(() => window.bpeviz.ids()), tiktokenIds(lesson.encoding, lesson.text), 'the lesson\'s ids');
      await page.screenshot({ path: path.join(out, 'device-tablet-lesson.png') });

      // Presentation mode by touch: the Present button.
      await tapRect(page, s.layout.present);
      await waitFor(page, () => window.bpeviz.state().presenting && window.bpeviz.state().fontScale > 1, null, 'presentation mode');
      await frames(page, 4);
      s = await state(page);
      const names = await checkControls(page, tablet, 'presenting');
      for (const name of ['lessons', 'theme', 'present', 'help', 'encoding']) assert(names.includes(name), `presenting: ${name} drawn (${names.join(', ')})`);
      assert(s.layout.caption.height > 0 && s.layout.caption.y + s.layout.caption.height <= 1024, 'presenting: the caption on screen');
      assert(s.layout.panel.height >= 200, `presenting: the view keeps room (${s.layout.panel.height} px)`);
      await page.screenshot({ path: path.join(out, 'device-tablet-presenting.png') });
    });
  };
