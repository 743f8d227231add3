// The page's foundation: it draws, fills and follows the window, is sharp on HiDPI screens, takes
// typed and pasted text, offers its JavaScript API, and explains itself when WebGL2 is missing.
import path from 'node:path';
import { openPage, waitReady, waitFor, assert, assertEqual } from './harness.mjs';

// Decodes a PNG screenshot in the browser and reports how much is drawn on it.
async function imageStats(browser, png) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const stats = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = new OffscreenCanvas(img.width, img.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, img.width, img.height).data;
    const colors = new Set();
    let dark = 0;
    for (let i = 0; i < data.length; i += 4 * 7) {
      colors.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      if (data[i] + data[i + 1] + data[i + 2] < 60) dark++;
    }
    return { width: img.width, height: img.height, colors: colors.size, darkFraction: dark / (data.length / 28) };
  }, png.toString('base64'));
  await context.close();
  return stats;
}

async function assertDrawn(browser, page, file, what) {
  const png = await page.screenshot({ path: file });
  const stats = await imageStats(browser, png);
  // A black or empty canvas has a handful of colours; text on coloured tiles has hundreds.
  assert(stats.colors > 50, `${what}: screenshot looks empty (${stats.colors} colours)`);
  assert(stats.darkFraction < 0.5, `${what}: screenshot is mostly black`);
  return stats;
}

const state = (page) => page.evaluate(() => window.bpeviz.state());
const utf8 = (s) => [...new TextEncoder().encode(s)];

async function clickEditor(page) {
  const { layout } = await state(page);
  const e = layout.editor;
  assert(e.width > 100 && e.height > 40, `the text box is too small to use: ${JSON.stringify(e)}`);
  await page.mouse.click(e.x + e.width / 2, e.y + e.height / 2);
  await frames(page, 2);
}

// ImGui 1.86 handles a frame's input events together, so keystrokes in the same frame as the click
// that focuses the box would reach it before it is active: let frames pass, as between human keystrokes.
async function frames(page, n) {
  for (let i = 0; i < n; i++) await page.evaluate(() => window.bpeviz.nextFrame());
}

async function selectAll(page) {
  await page.keyboard.press('Control+A');
  await frames(page, 2);
}

// Presses Ctrl+`key` as a busy laptop's browser may deliver it: all four key events before one frame,
// Ctrl let go before or after the letter.
async function pressCtrlWithinOneFrame(page, key, ctrlFirst) {
  await page.evaluate(([key, ctrlFirst]) => {
    const code = `Key${key.toUpperCase()}`;
    const send = (type, init) => window.dispatchEvent(new KeyboardEvent(type, { bubbles: true, cancelable: true, ...init }));
    send('keydown', { key: 'Control', code: 'ControlLeft', ctrlKey: true });
    send('keydown', { key, code, ctrlKey: true });
    if (ctrlFirst) send('keyup', { key: 'Control', code: 'ControlLeft' });
    send('keyup', { key, code, ctrlKey: !ctrlFirst });
    if (!ctrlFirst) send('keyup', { key: 'Control', code: 'ControlLeft' });
  }, [key, ctrlFirst]);
}

// These tests are about the page, not the tokenizers: they use the byte-level one.
async function withPage(browser, baseUrl, options, fn) {
  const session = await openPage(browser, baseUrl, options);
  try {
    if (!options.initScript) {
      await waitReady(session.page);
      await session.page.evaluate(() => window.bpeviz.setEncoding('bytes'));
    }
    await fn(session.page, session);
    assertEqual(session.errors, [], 'console errors');
  } finally {
    await session.context.close();
  }
}

export const tests = {
  async 'first frame is drawn with text and tokens, without console errors'({ browser, baseUrl, out }) {
    await withPage(browser, baseUrl, {}, async (page) => {
      await waitReady(page);
      const s = await state(page);
      assert(s.frame > 0, 'no frame drawn');
      assertEqual(s.encoding, 'bytes', 'encoding');
      assert(s.text.length > 0, 'the page starts with example text');
      assertEqual(s.tokens.map((t) => t.id), utf8(s.text), 'byte-level token ids');
      await assertDrawn(browser, page, path.join(out, 'first-frame.png'), 'first frame');
    });
  },

  async 'the canvas fills the window and follows resizes'({ browser, baseUrl, out }) {
    await withPage(browser, baseUrl, { viewport: { width: 1280, height: 800 } }, async (page) => {
      await waitReady(page);
      const size = () => page.evaluate(() => {
        const c = document.getElementById('canvas');
        return [c.width, c.height, c.clientWidth, c.clientHeight];
      });
      assertEqual(await size(), [1280, 800, 1280, 800], 'canvas size');
      await page.setViewportSize({ width: 700, height: 520 });
      await waitFor(page, () => document.getElementById('canvas').width === 700, null, 'canvas to shrink');
      await page.evaluate(() => window.bpeviz.nextFrame());
      assertEqual(await size(), [700, 520, 700, 520], 'canvas size after resize');
      const { layout } = await state(page);
      assert(layout.tokens.x + layout.tokens.width <= 700, 'token view fits the narrow window');
      await assertDrawn(browser, page, path.join(out, 'resized-700x520.png'), 'resized page');
    });
  },

  async 'the WebGL state the page answers from memory (web/page/webgl_state.js) is the GPU\'s, and the GPU is not asked each frame'({ browser, baseUrl }) {
    // Runs before the page's scripts: keeps WebGL's own getParameter, and counts the questions about
    // the remembered state that still reach it.
    const initScript = () => {
      const real = WebGL2RenderingContext.prototype.getParameter;
      const gl = WebGL2RenderingContext;
      const remembered = [gl.VIEWPORT, gl.SCISSOR_BOX, gl.BLEND_SRC_RGB, gl.BLEND_DST_RGB, gl.BLEND_SRC_ALPHA,
                          gl.BLEND_DST_ALPHA, gl.BLEND_EQUATION_RGB, gl.BLEND_EQUATION_ALPHA];
      window.webglCheck = { real, remembered, asked: 0 };
      WebGL2RenderingContext.prototype.getParameter = function (pname) {
        if (remembered.includes(pname)) window.webglCheck.asked++;
        return real.call(this, pname);
      };
    };
    await withPage(browser, baseUrl, { viewport: { width: 1000, height: 700 }, initScript }, async (page) => {
      await waitReady(page);
      const compare = () => page.evaluate(() => {
        const context = document.getElementById('canvas').getContext('webgl2');
        const { real, remembered } = window.webglCheck;
        return remembered.map((pname) => [String(context.getParameter(pname)), String(real.call(context, pname))]);
      });
      await page.evaluate(() => window.bpeviz.setText('blend, scissor and viewport, every frame'));
      await frames(page, 3);
      for (const [answered, actual] of await compare()) assertEqual(answered, actual, 'remembered and actual state');
      const asked = await page.evaluate(() => window.webglCheck.asked);
      await page.setViewportSize({ width: 800, height: 500 });
      await waitFor(page, () => document.getElementById('canvas').width === 800, null, 'canvas to shrink');
      await page.evaluate(() => window.bpeviz.setText('a smaller window'));
      await frames(page, 5);
      for (const [answered, actual] of await compare()) assertEqual(answered, actual, 'remembered and actual state after a resize');
      assertEqual(await page.evaluate(() => window.webglCheck.asked), asked, 'questions that reached the GPU in 5 frames');
      assert(asked <= 8, `each remembered value was asked for at most once: ${asked}`);
    });
  },

  async 'HiDPI: backing store is CSS size × devicePixelRatio'({ browser, baseUrl, out }) {
    await withPage(browser, baseUrl, { viewport: { width: 800, height: 600 }, deviceScaleFactor: 2 }, async (page) => {
      await waitReady(page);
      await page.evaluate(() => window.bpeviz.nextFrame());
      const size = await page.evaluate(() => {
        const c = document.getElementById('canvas');
        return [c.width, c.height, c.clientWidth, c.clientHeight, window.devicePixelRatio];
      });
      assertEqual(size, [1600, 1200, 800, 600, 2], 'canvas backing store and CSS size');
      const stats = await assertDrawn(browser, page, path.join(out, 'hidpi-2x.png'), 'HiDPI page');
      assertEqual([stats.width, stats.height], [1600, 1200], 'screenshot pixels');
    });
  },

  async 'typing changes the tokens'({ browser, baseUrl, out }) {
    await withPage(browser, baseUrl, {}, async (page) => {
      await waitReady(page);
      await clickEditor(page);
      await selectAll(page);
      await page.keyboard.type('hello wörld');
      await waitFor(page, () => window.bpeviz.state().text === 'hello wörld', null, 'typed text');
      const s = await state(page);
      assertEqual(s.tokens.map((t) => t.id), utf8('hello wörld'), 'token ids of typed text');
      assertEqual(s.tokens[7], { id: 0xC3, begin: 7, end: 8 }, 'first byte of ö');
      await page.keyboard.press('Backspace');
      await waitFor(page, () => window.bpeviz.state().text === 'hello wörl', null, 'backspace');
      await assertDrawn(browser, page, path.join(out, 'typed.png'), 'typed text');
    });
  },

  async 'IME composition: the candidates open at the caret, and the committed text lands there'({ browser, baseUrl, out }) {
    await withPage(browser, baseUrl, {}, async (page) => {
      await page.evaluate(() => window.bpeviz.setText('Hello\nworld'));
      await clickEditor(page);
      // The hidden text area, which the IME composes into, follows the caret (the browser opens the
      // window of candidates beside it).
      const textArea = () => page.evaluate(() => {
        const r = document.getElementById('text-input').getBoundingClientRect();
        return { x: r.x, y: r.y, height: r.height, focused: document.activeElement.id === 'text-input' };
      });
      await page.keyboard.press('Control+Home');
      await frames(page, 2);
      const start = await textArea();
      await page.keyboard.press('Control+End');
      await frames(page, 2);
      const end = await textArea();
      const s = await state(page);
      const e = s.layout.editor;
      assert(start.focused && end.focused, 'the text area keeps the focus');
      assert(start.x >= e.x && start.x < e.x + 20 && start.y >= e.y && start.y < e.y + 20,
             `at the start of the text, the text area is at the box's top left: ${JSON.stringify(start)} in ${JSON.stringify(e)}`);
      assert(Math.abs(end.y - start.y - s.fontSize) <= 2, `a line lower at the end: ${start.y} then ${end.y} (font ${s.fontSize})`);
      assert(end.x - start.x > 2 * s.fontSize, `after "world": ${start.x} then ${end.x}`);
      assert(Math.abs(end.height - s.fontSize) <= 1, `as tall as a line: ${end.height}`);
      // A composition (pinyin "nihao") changes nothing until it is committed; then 你好 lands at the
      // caret, and what is typed next follows it.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Input.imeSetComposition', { text: 'nihao', selectionStart: 5, selectionEnd: 5 });
      await frames(page, 2);
      assertEqual((await state(page)).text, 'Hello\nworld', 'the text while composing');
      // What is being composed shows over the caret until it is committed.
      const composing = await page.evaluate(() => {
        const t = document.getElementById('text-input');
        return { value: t.value, opacity: getComputedStyle(t).opacity, width: t.getBoundingClientRect().width };
      });
      assertEqual([composing.value, composing.opacity], ['nihao', '1'], 'the composition on show');
      assert(composing.width > 100, `wide enough to read: ${composing.width}`);
      await page.screenshot({ path: path.join(out, 'ime-composing.png') });
      await cdp.send('Input.insertText', { text: '你好' });
      await waitFor(page, () => window.bpeviz.state().text === 'Hello\nworld你好', null, 'the composed text');
      await frames(page, 2);
      await page.keyboard.type('!');
      await waitFor(page, () => window.bpeviz.state().text === 'Hello\nworld你好!', null, 'typing after the composition');
      await frames(page, 2);
      const after = await textArea();
      assertEqual(await page.evaluate(() => getComputedStyle(document.getElementById('text-input')).opacity), '0', 'hidden again');
      assert(after.x - end.x > 2 * s.fontSize * 0.8, `the text area moved past 你好!: ${end.x} then ${after.x}`);
      await page.screenshot({ path: path.join(out, 'ime-composed.png') });
    });
  },

  async 'a paste event inserts its text at the caret, replacing the selection'({ browser, baseUrl, out }) {
    const paste = (page, text) => page.evaluate((t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
    await withPage(browser, baseUrl, {}, async (page) => {
      await waitReady(page);
      await clickEditor(page);
      await selectAll(page);
      const pasted = 'Pasted: naïve café 👍\nsecond line\ttab';
      await paste(page, pasted);
      await waitFor(page, (t) => window.bpeviz.state().text === t, pasted, 'pasted text to replace the selection');
      assertEqual((await state(page)).tokens.map((t) => t.id), utf8(pasted), 'token ids of pasted text');
      // Undo takes the paste back, as in any text box.
      await page.keyboard.press('Control+Z');
      await waitFor(page, (t) => window.bpeviz.state().text !== t, pasted, 'undo of the paste');
      await page.keyboard.press('Control+Y');
      await waitFor(page, (t) => window.bpeviz.state().text === t, pasted, 'redo of the paste');
      // The same when a shortcut's key events all arrive between two frames (ImGui 1.86 reads only
      // which keys are down at a frame, and SDL's modifier state had Ctrl released already).
      for (const ctrlFirst of [false, true]) {
        await pressCtrlWithinOneFrame(page, 'z', ctrlFirst);
        await waitFor(page, (t) => window.bpeviz.state().text !== t, pasted, `undo within one frame (Ctrl let go ${ctrlFirst ? 'first' : 'last'})`);
        await pressCtrlWithinOneFrame(page, 'y', ctrlFirst);
        await waitFor(page, (t) => window.bpeviz.state().text === t, pasted, `redo within one frame (Ctrl let go ${ctrlFirst ? 'first' : 'last'})`);
      }
      await assertDrawn(browser, page, path.join(out, 'pasted.png'), 'pasted text');

      // With the focus elsewhere, a paste still lands in the text box, at the end.
      const { layout } = await state(page);
      await page.mouse.click(layout.tokens.x + 20, layout.tokens.y + layout.tokens.height - 10);
      await paste(page, ' + more');
      await waitFor(page, (t) => window.bpeviz.state().text === t, pasted + ' + more', 'paste without focus');
      // Escape keeps it all (ImGui's text box would put back its text from when it got the focus), and
      // a paste keeps every character a text area keeps: a form feed, a private use character.
      await page.keyboard.press('Escape');
      await frames(page, 3);
      assertEqual((await state(page)).text, pasted + ' + more', 'the text after Escape');
      await paste(page, '\f\uE000\r\n');
      await waitFor(page, (t) => window.bpeviz.state().text === t, pasted + ' + more\f\uE000\n', 'control and private use characters pasted');
    });
  },

  async 'Ctrl+V pastes the operating system clipboard once'({ browser, baseUrl }) {
    await withPage(browser, baseUrl, { permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
      await waitReady(page);
      await page.evaluate(() => navigator.clipboard.writeText('from the clipboard'));
      await page.evaluate(() => document.addEventListener('paste', () => { window.pasteEvents = (window.pasteEvents || 0) + 1; }, true));
      await clickEditor(page);
      await selectAll(page);
      await page.keyboard.press('Control+V');
      try {
        await waitFor(page, () => window.bpeviz.state().text === 'from the clipboard', null, 'Ctrl+V paste');
      } catch (e) {
        const seen = await page.evaluate(() => [window.pasteEvents, window.bpeviz.state().text.slice(0, 40), document.activeElement.id]);
        throw new Error(`${e.message} (paste events: ${seen[0]}, text: ${JSON.stringify(seen[1])}, focus: ${seen[2]})`);
      }
      await frames(page, 5);
      assertEqual((await state(page)).text, 'from the clipboard', 'text after Ctrl+V (pasted exactly once)');
    });
  },

  async 'JavaScript API: setText, setEncoding, encodings'({ browser, baseUrl }) {
    await withPage(browser, baseUrl, {}, async (page) => {
      await waitReady(page);
      const result = await page.evaluate(async () => {
        const api = window.bpeviz;
        api.setText('a\uD800b');  // a lone surrogate, as JavaScript strings may hold
        const afterSet = api.state();
        let error = null;
        try { await api.setEncoding('no-such-encoding'); } catch (e) { error = e.message; }
        await api.setEncoding('bytes');
        return { afterSet, error, encodings: api.encodings(), encoding: api.state().encoding };
      });
      assertEqual(result.afterSet.text, 'a\uFFFDb', 'lone surrogate becomes U+FFFD');
      assertEqual(result.afterSet.tokens.map((t) => t.id), [0x61, 0xEF, 0xBF, 0xBD, 0x62], 'ids');
      assertEqual(result.afterSet.tokens[4], { id: 0x62, begin: 4, end: 5 }, 'byte span of b');
      assert(/unknown encoding "no-such-encoding"/.test(result.error || ''), `error message: ${result.error}`);
      assert(result.encodings.includes('bytes'), 'encodings lists bytes');
      assertEqual(result.encoding, 'bytes', 'encoding after setEncoding');
    });
  },

  async 'without WebGL2 the page says so instead of showing a black canvas'({ browser, baseUrl, out }) {
    const initScript = () => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
        return kind === 'webgl2' ? null : original.call(this, kind, ...rest);
      };
    };
    await withPage(browser, baseUrl, { initScript }, async (page) => {
      const rejected = await page.evaluate(() => window.bpeviz.ready.then(() => null, (e) => e.message));
      assertEqual(rejected, 'WebGL2 is not available', 'ready rejects');
      const message = await page.locator('#message').innerText();
      assert(/WebGL2/.test(message), `message mentions WebGL2: ${message}`);
      assert(await page.locator('#message').isVisible(), 'message is visible');
      await page.screenshot({ path: path.join(out, 'no-webgl2.png') });
    });
  },
};
