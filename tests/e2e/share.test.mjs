// Share: the page's link as a QR code a class scans from the projector. The code is decoded from the
// screenshot with jsQR and must give state().share.link, in normal and presentation mode; presenting at
// 1920×1080 it has at least 12 pixels a module; a link too long for a readable code drops the text, and says so.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { withReadyPage, setText, frames, pngPixels, assert, assertEqual } from './harness.mjs';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'));
const jsQR = require('jsqr');
const GPL = fs.readFileSync('/usr/share/common-licenses/GPL-3', 'utf8').slice(0, 3000);

// The text a QR code in the screenshot holds: the code's square (with its quiet zone and a margin) is read
// out of a screenshot as RGBA pixels (harness.pngPixels) and given to jsQR, as a phone's camera would see the screen.
async function decodeShown(page, share, file) {
  const margin = 8;
  const clip = { x: share.rect.x - margin, y: share.rect.y - margin, width: share.rect.width + 2 * margin, height: share.rect.height + 2 * margin };
  const png = await page.screenshot({ clip, path: file });
  const { width, height, data } = await pngPixels(page, png);
  const code = jsQR(data, width, height);
  assert(code, `a QR code is found in ${path.basename(file)}`);
  return code.data;
}

// What a link opens: its encoding and text (web/page/share_links.js's format).
const linkFields = (link) => Object.fromEntries(new URL(link).hash.slice(1).split('&').map((p) => p.split('=')).map(([k, v]) => [k, decodeURIComponent(v)]));

export const tests = {
  async 'Share shows the link as a QR code that decodes to it, and F2 closes it'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await setText(page, 'Hello, class! Scan me.');
      const share = await page.evaluate(() => window.bpeviz.share(true));
      assert(share.open && share.modulePixels >= 4, `the code is drawn: ${JSON.stringify(share)}`);
      assertEqual(linkFields(share.link), { encoding: 'o200k_base', text: 'Hello, class! Scan me.' }, 'what the link opens');
      assertEqual(share.dropped, '', 'nothing left out');
      assertEqual(share.address, new URL(baseUrl).host + '/', 'the short address under the code');
      assertEqual(await decodeShown(page, share, path.join(out, 'share-code.png')), share.link, 'the decoded QR code');
      assertEqual(share.rect.width, share.modulePixels * (share.size + 8), 'whole pixels a module, with the quiet zone');
      await page.screenshot({ path: path.join(out, 'share.png') });
      await page.keyboard.press('F2');
      await frames(page, 2);
      const closed = (await page.evaluate(() => window.bpeviz.state())).share;
      assert(!closed.open && closed.rect.width === 0, 'F2 closed it');
      await page.keyboard.press('F2');
      await frames(page, 3);
      assert((await page.evaluate(() => window.bpeviz.state())).share.open, 'F2 opened it');
    });
  },

  async 'presenting at 1920×1080 the code fills the screen at 12 pixels a module or more'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, { viewport: { width: 1920, height: 1080 } }, async (page) => {
      await page.evaluate(() => window.bpeviz.setEncoding('cl100k_base'));
      await setText(page, 'Tokenizers split “naïve” text: 12345 apples, 👍🏽 and 你好!');
      await page.evaluate(() => window.bpeviz.present(true));
      const share = await page.evaluate(() => window.bpeviz.share(true));
      assert(share.modulePixels >= 12, `at least 12 pixels a module: ${share.modulePixels} (version ${share.version})`);
      assert(share.rect.height >= 1080 * 0.75, `the code fills most of the screen: ${share.rect.height} pixels high`);
      assertEqual(await decodeShown(page, share, path.join(out, 'share-presenting-code.png')), share.link, 'the decoded QR code');
      assertEqual(linkFields(share.link).encoding, 'cl100k_base', 'the link opens cl100k_base');
      await page.screenshot({ path: path.join(out, 'share-presenting.png') });
      await page.evaluate(() => window.bpeviz.share(false));
    });
  },

  async 'a text too long for a readable code is left out of it, and the page says so'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, { viewport: { width: 1920, height: 1080 } }, async (page) => {
      await page.evaluate(() => window.bpeviz.present(true));
      await setText(page, GPL);
      await page.evaluate(() => window.bpeviz.showPanel('merges'));
      const share = await page.evaluate(() => window.bpeviz.share(true));
      assert(share.link.length <= 300, `the link stays scannable: ${share.link.length} characters`);
      assertEqual(linkFields(share.link).text, undefined, 'the link has no text');
      assertEqual(linkFields(share.link).panel, 'merges', 'it keeps the tab');
      assertEqual(share.dropped, 'The QR code opens o200k_base without your text: the link would be too long to scan.', 'what it says');
      assert(share.modulePixels >= 12, `at least 12 pixels a module: ${share.modulePixels}`);
      assertEqual(await decodeShown(page, share, path.join(out, 'share-long-text-code.png')), share.link, 'the decoded QR code');
      await page.screenshot({ path: path.join(out, 'share-long-text.png') });
    });
  },
};
