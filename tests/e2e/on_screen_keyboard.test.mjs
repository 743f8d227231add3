// On-screen keyboards, in Chromium's phone emulation: a tap on the text box focuses the hidden text area within
// the tap's own event (iOS opens its keyboard only then), and the edits a phone's keyboard makes there reach
// the text as they would in a text area. The events are made the way Chromium makes them for Android's
// keyboards: a keydown of keyCode 229 ("Unidentified", no code), then the text area's edit (CDP's
// Input.insertText, Input.imeSetComposition, or a keydown's editing command), firing beforeinput and input.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEVICES, withReadyPage, waitFor, frames, setText, tap, assert, assertEqual } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tiktoken = createRequire(path.join(root, 'package.json'))('tiktoken');
const tiktokenIds = (name, text) => {
  const enc = tiktoken.get_encoding(name);
  try { return [...enc.encode(text, 'all')]; } finally { enc.free(); }
};

const device = (name) => DEVICES.find((d) => d.name === name);
const text = (page) => page.evaluate(() => window.bpeviz.text());
// The box's own selection, [begin, end] in characters (the wasm side of what the page mirrors).
const boxSelection = (page) => page.evaluate(() => JSON.parse(window.Module.UTF8ToString(window.Module._bpeviz_keyboard_context())).selection);

// Notes, for each focus of the text area, the event it happened within (listeners on the window around the
// page's own: capture before them, bubble after them).
async function watchFocus(page) {
  await page.evaluate(() => {
    window.focusedWithin = [];
    let within = null;
    for (const type of ['touchstart', 'touchend', 'mousedown', 'mouseup', 'click']) {
      window.addEventListener(type, () => { within = type; }, true);
      window.addEventListener(type, () => { within = null; });
    }
    document.getElementById('text-input').addEventListener('focus', () => window.focusedWithin.push(within ?? 'a timer or none'));
  });
}

// Taps the text box (its upper left, on its first lines) and waits until the caret line is mirrored.
async function tapTextBox(page) {
  const { layout } = await page.evaluate(() => window.bpeviz.state());
  const e = layout.editor;
  assert(e.width > 50 && e.height > 30, `the text box is too small to tap: ${JSON.stringify(e)}`);
  await tap(page, e.x + 20, e.y + 10);
  return e;
}

// The text area as the keyboard sees it: its text and selection.
const field = (page) => page.evaluate(() => {
  const t = document.getElementById('text-input');
  return { value: t.value, start: t.selectionStart, end: t.selectionEnd, focused: document.activeElement === t };
});

// Sets the box's text (caret at its end, the box keeping the focus) and waits for the mirror to hold its last line.
async function textWithCaretAtEnd(page, value) {
  await setText(page, value);
  const line = value.includes('\n') ? value.slice(value.lastIndexOf('\n')) : value;
  await waitFor(page, (l) => {
    const t = document.getElementById('text-input');
    return t.value === l && t.selectionStart === l.length;
  }, line, 'the caret line in the text area');
}

// An Android keyboard's key: keydown 229 (which SDL2 must not take for a key of its own), the edit, keyup.
async function androidKey(cdp, edit) {
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', windowsVirtualKeyCode: 229, key: 'Unidentified', code: '',
                                             ...(edit.commands ? { commands: edit.commands } : {}) });
  if (edit.text !== undefined) await cdp.send('Input.insertText', { text: edit.text });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', windowsVirtualKeyCode: 229, key: 'Unidentified', code: '' });
}
const typeText = async (cdp, s) => { for (const ch of s) await androidKey(cdp, { text: ch }); };
const backspace = (cdp) => androidKey(cdp, { commands: ['deleteBackward'] });

// The input types each edit fired, as the page's text area saw them.
async function watchInputTypes(page) {
  await page.evaluate(() => {
    window.inputTypes = [];
    document.getElementById('text-input').addEventListener('input', (e) => window.inputTypes.push(e.inputType));
  });
}
const takeInputTypes = (page) => page.evaluate(() => window.inputTypes.splice(0));

// A tap on the text box focuses the text area within the tap; typing and Backspace from the keyboard edit the text.
async function tapTypeDelete(browser, baseUrl, out, d) {
  await withReadyPage(browser, baseUrl, d, async (page) => {
    await watchFocus(page);
    await tapTextBox(page);
    const focused = await page.evaluate(() => window.focusedWithin);
    assert(focused.length > 0, `${d.name}: the tap did not focus the text area`);
    assert(['touchend', 'click'].includes(focused[focused.length - 1]) && !focused.includes('a timer or none'),
           `${d.name}: the text area was focused outside the tap's events: ${focused.join(', ')}`);
    assert((await field(page)).focused, `${d.name}: the text area lost the focus`);
    await textWithCaretAtEnd(page, 'Tokens for');
    const cdp = await page.context().newCDPSession(page);
    await watchInputTypes(page);
    await typeText(cdp, ' a phone');
    await backspace(cdp);
    await backspace(cdp);
    await typeText(cdp, 'ne 📱');
    await backspace(cdp);  // the emoji, two UTF-16 units, one character
    assertEqual(await text(page), 'Tokens for a phone ', `${d.name}: the text typed and deleted`);
    const types = await takeInputTypes(page);
    assertEqual([...new Set(types)].sort(), ['deleteContentBackward', 'insertText'], `${d.name}: the input types`);
    await frames(page, 2);
    assertEqual(await field(page), { value: 'Tokens for a phone ', start: 19, end: 19, focused: true }, `${d.name}: the mirror`);
    // The tokens follow the text: tiktoken's for it.
    await waitFor(page, () => window.bpeviz.state().text === 'Tokens for a phone ', null, 'the typed text in state()');
    const s = await page.evaluate(() => window.bpeviz.state());
    assertEqual(s.tokens.map((t) => t.id), tiktokenIds(s.encoding, 'Tokens for a phone '), `${d.name}: the ids (${s.encoding})`);
  });
}

export const tests = {};
for (const d of DEVICES) {
  tests[`a tap focuses within the tap, and typing and Backspace edit the text (${d.name})`] =
    ({ browser, baseUrl, out }) => tapTypeDelete(browser, baseUrl, out, d);
}

tests['every edit a phone keyboard makes does what it does in a text area, the caret where the user sees it'] =
  async ({ browser, baseUrl, out }) => {
    await withReadyPage(browser, baseUrl, device('phone'), async (page) => {
      await tapTextBox(page);
      await textWithCaretAtEnd(page, 'The quick brown fox');
      const cdp = await page.context().newCDPSession(page);
      await watchInputTypes(page);
      // deleteWordBackward (Ctrl+Backspace's edit): the text area's own idea of a word.
      await typeText(cdp, ' jumps');
      await androidKey(cdp, { commands: ['deleteWordBackward'] });
      assertEqual(await text(page), 'The quick brown fox ', 'after deleteWordBackward');
      // A predictive keyboard composes the word, shown in the box as it grows, and commits it.
      await cdp.send('Input.imeSetComposition', { text: 'ov', selectionStart: 2, selectionEnd: 2 });
      assertEqual(await text(page), 'The quick brown fox ov', 'while composing');
      await cdp.send('Input.imeSetComposition', { text: 'ovet', selectionStart: 4, selectionEnd: 4 });
      await cdp.send('Input.insertText', { text: 'over' });  // the keyboard commits its correction
      assertEqual(await text(page), 'The quick brown fox over', 'after the composition');
      // A suggestion replaces a word: the keyboard selects it, and the text area fires insertReplacementText.
      await frames(page, 2);
      await page.evaluate(() => {
        const t = document.getElementById('text-input');
        const at = t.value.indexOf('quick');
        t.setSelectionRange(at, at + 5);
        t.dispatchEvent(new InputEvent('beforeinput', { inputType: 'insertReplacementText', data: 'slow', cancelable: true, bubbles: true }));
        t.setRangeText('slow', at, at + 5, 'end');
        t.dispatchEvent(new InputEvent('input', { inputType: 'insertReplacementText', data: 'slow', bubbles: true }));
        t.setSelectionRange(t.value.length, t.value.length);  // the keyboard puts the caret back where it was
      });
      await frames(page, 2);
      assertEqual(await text(page), 'The slow brown fox over', 'after insertReplacementText');
      assertEqual(await boxSelection(page), [23, 23], 'the caret after the replacement');
      // insertLineBreak (Enter in a text area) and insertParagraph.
      await androidKey(cdp, { commands: ['insertNewline'] });
      await typeText(cdp, 'the dog');
      await page.evaluate(() => document.execCommand('insertParagraph'));
      await typeText(cdp, 'end');
      assertEqual(await text(page), 'The slow brown fox over\nthe dog\nend', 'after the line breaks');
      // The keyboard moves the caret (a slide on its space bar): the box's caret follows, and
      // deleteContentForward deletes after it.
      await frames(page, 2);
      await page.evaluate(() => document.getElementById('text-input').setSelectionRange(1, 1));  // "\n|end"
      await frames(page, 2);
      assertEqual(await boxSelection(page), [32, 32], 'the caret the keyboard moved');
      await androidKey(cdp, { commands: ['deleteForward'] });
      assertEqual(await text(page), 'The slow brown fox over\nthe dog\nnd', 'after deleteContentForward');
      // Backspace at the line's start joins the lines, as in a text area.
      await backspace(cdp);
      assertEqual(await text(page), 'The slow brown fox over\nthe dognd', 'after Backspace at a line start');
      const types = new Set(await takeInputTypes(page));
      for (const t of ['insertText', 'deleteWordBackward', 'insertCompositionText', 'insertReplacementText', 'insertLineBreak',
                       'insertParagraph', 'deleteContentForward', 'deleteContentBackward']) {
        assert(types.has(t), `the text area saw no ${t}: ${[...types].join(', ')}`);
      }
      // Undo takes the keyboard's edits back as it takes typing back (the box's own Ctrl+Z).
      await page.keyboard.press('Control+Z');
      await frames(page, 2);
      assertEqual(await text(page), 'The slow brown fox over\nthe dog\nnd', 'after Ctrl+Z');
    });
  };

tests['when the keyboard opens the canvas follows the visual viewport, and the caret line stays in sight'] =
  async ({ browser, baseUrl, out }) => {
    await withReadyPage(browser, baseUrl, device('phone'), async (page) => {
      await tapTextBox(page);
      const lines = Array.from({ length: 40 }, (_, i) => `line ${i + 1} of the lesson`).join('\n');
      await textWithCaretAtEnd(page, lines);
      // A phone's keyboard shrinks the visual viewport, not the layout viewport (Chrome on Android, Safari on
      // iOS): emulated on the page's own visualViewport, whose height and resize event the page reads.
      const visible = 430;
      await page.evaluate((h) => {
        Object.defineProperty(window.visualViewport, 'height', { get: () => h, configurable: true });
        window.visualViewport.dispatchEvent(new Event('resize'));
      }, visible);
      await frames(page, 4);
      const cdp = await page.context().newCDPSession(page);
      await typeText(cdp, '!');
      await frames(page, 3);
      const s = await page.evaluate(() => window.bpeviz.state());
      const canvas = await page.evaluate(() => document.getElementById('canvas').getBoundingClientRect().height);
      assertEqual(canvas, visible, 'the canvas height');
      assert(s.layout.editor.y + s.layout.editor.height <= visible, `the text box reaches under the keyboard: ${JSON.stringify(s.layout.editor)}`);
      // The caret's line: where ImGui places the IME, the text area sits (web/page/input/text_input.js).
      const caret = await page.evaluate(() => document.getElementById('text-input').getBoundingClientRect());
      assert(caret.top >= s.layout.editor.y && caret.bottom <= s.layout.editor.y + s.layout.editor.height + 2,
             `the caret line (${caret.top}-${caret.bottom}) is outside the text box ${JSON.stringify(s.layout.editor)}`);
      assert(s.text.endsWith('lesson!'), 'the typed character');
      // A picture, with the keyboard drawn where it would be.
      await page.evaluate((h) => {
        const k = document.createElement('div');
        k.style.cssText = `position:fixed;left:0;right:0;top:${h}px;bottom:0;background:#d1d4da;z-index:5;` +
          'font:16px system-ui;color:#555;display:flex;align-items:center;justify-content:center';
        k.textContent = 'on-screen keyboard';
        document.body.appendChild(k);
      }, visible);
      await page.screenshot({ path: path.join(out, 'on-screen-keyboard-phone.png') });
      // The keyboard closes: the whole page again.
      await page.evaluate(() => {
        delete window.visualViewport.height;
        window.visualViewport.dispatchEvent(new Event('resize'));
      });
      await frames(page, 3);
      const whole = await page.evaluate(() => document.getElementById('canvas').getBoundingClientRect().height);
      assertEqual(whole, device('phone').viewport.height, 'the canvas height with the keyboard closed');
    });
  };
