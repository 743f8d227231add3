// The Firefox driver: Debian's firefox-esr over WebDriver BiDi, through npm puppeteer-core (no browser
// download: it starts the system's Firefox). Headed, because headless Firefox offers no WebGL2.
import puppeteer from 'puppeteer-core';

const CALL_TIMEOUT_MS = 60000;

export async function startFirefox({ env, viewport, startTimeoutMs }) {
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox', executablePath: process.env.FIREFOX || '/usr/bin/firefox-esr', headless: false, env,
      defaultViewport: viewport, args: [`--width=${viewport.width + 40}`, `--height=${viewport.height + 120}`],
      timeout: startTimeoutMs, protocolTimeout: CALL_TIMEOUT_MS,
    });
  } catch (e) {
    throw new Error(`cannot start Firefox (Debian package firefox-esr) over WebDriver BiDi: ${e.message}`);
  }
  const page = (await browser.pages())[0] || await browser.newPage();
  await page.setViewport(viewport);  // the first tab predates defaultViewport
  let errors = [];
  // BiDi's log.entryAdded: console.error calls and uncaught exceptions.
  page.on('console', (message) => { if (message.type() === 'error') errors.push(`console: ${message.text()}`); });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  const kill = () => { try { process.kill(-browser.process().pid, 'SIGKILL'); } catch { /* gone */ } };
  return {
    name: 'firefox',
    version: await browser.version(),
    async open(url) {
      errors = [];
      await page.goto(url, { timeout: CALL_TIMEOUT_MS });
    },
    evaluate: (fn, ...args) => page.evaluate(fn, ...args),
    type: (text) => page.keyboard.type(text),
    async press(...keys) {
      for (const k of keys) await page.keyboard.down(k);
      for (const k of keys.reverse()) await page.keyboard.up(k);
    },
    click: (x, y) => page.mouse.click(x, y),
    async screenshot() { return Buffer.from(await page.screenshot()); },
    async errors() { return errors; },
    async close() {
      await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 10000))]).catch(() => {});
      kill();
    },
    kill,
  };
}
