// The WebKit driver: Debian's WebKitWebDriver (package webkit2gtk-driver) driving WebKitGTK's MiniBrowser,
// spoken to in plain W3C WebDriver over HTTP (a dozen endpoints; no client library needed).
import net from 'node:net';
import { spawnGroup, killGroup } from './display.mjs';

const MINIBROWSER = process.env.MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const CALL_TIMEOUT_MS = 60000;
// WebDriver's key values for the keys the steps press (W3C WebDriver, "keyboard actions").
const KEYS = { Control: '\uE009', Shift: '\uE008', Backspace: '\uE003', Enter: '\uE007', Escape: '\uE00C', End: '\uE010', Home: '\uE011' };

const freePort = () => new Promise((resolve, reject) => {
  const server = net.createServer();
  server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
  server.on('error', reject);
});

export async function startWebKit({ env, viewport, startTimeoutMs }) {
  const port = await freePort();
  const driver = spawnGroup(process.env.WEBKIT_DRIVER || 'WebKitWebDriver', [`--port=${port}`],
                            { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let driverLog = '';
  driver.stderr.on('data', (d) => { driverLog = (driverLog + d).slice(-2000); });
  const spawnError = new Promise((_, reject) => driver.on('error', (e) => reject(new Error(`cannot start WebKitWebDriver (Debian package webkit2gtk-driver): ${e.message}`))));
  spawnError.catch(() => {});
  const base = `http://127.0.0.1:${port}`;

  async function call(method, path, body, timeoutMs = CALL_TIMEOUT_MS) {
    let response;
    try {
      response = await fetch(base + path, {
        method, headers: { 'Content-Type': 'application/json' }, body: body && JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw new Error(`WebKitWebDriver ${method} ${path}: ${e.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : e.message}`);
    }
    const json = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(`WebKitWebDriver ${method} ${path}: ${json.value?.error || response.status}: ${json.value?.message || ''}`);
    return json.value;
  }

  // The driver listens within a second; MiniBrowser then takes a few seconds to open its window.
  const deadline = Date.now() + startTimeoutMs;
  let session;
  try {
    for (;;) {
      const ready = await Promise.race([call('GET', '/status', undefined, 2000).then((s) => s.ready, () => false), spawnError]);
      if (ready) break;
      if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited (${driver.exitCode}): ${driverLog.trim()}`);
      if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not listen within ${startTimeoutMs / 1000} s: ${driverLog.trim()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    // --automation lets the driver control MiniBrowser; --headless would hang the session, so it runs
    // headed on the suite's Xvfb display.
    session = await call('POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } },
    }, Math.max(1000, deadline - Date.now()));
  } catch (e) {
    killGroup(driver);
    throw new Error(`${e.message}${driverLog ? `\n${driverLog.trim()}` : ''}`);
  }
  const s = `/session/${session.sessionId}`;
  await call('POST', `${s}/timeouts`, { script: CALL_TIMEOUT_MS - 5000, pageLoad: CALL_TIMEOUT_MS - 5000 });
  // The window is sized so that its page area is close to the viewport asked for (MiniBrowser's toolbar takes the rest).
  await call('POST', `${s}/window/rect`, { x: 0, y: 0, width: viewport.width, height: viewport.height + 40 });

  const actions = (list) => call('POST', `${s}/actions`, { actions: list });
  const keyActions = (values) => actions([{ type: 'key', id: 'keyboard', actions: values }]);
  return {
    name: 'webkit',
    version: `WebKitGTK ${session.capabilities.browserVersion}`,
    async open(url) {
      await call('POST', `${s}/url`, { url });
    },
    // Runs fn(...args) in the page and waits for its promise; the answer comes back as JSON.
    async evaluate(fn, ...args) {
      const script = `const done = arguments[arguments.length - 1];
        Promise.resolve().then(() => (${fn})(...Array.prototype.slice.call(arguments, 0, -1)))
          .then((v) => done({ value: v === undefined ? null : v }), (e) => done({ error: String(e && e.message || e) }));`;
      const answer = await call('POST', `${s}/execute/async`, { script, args });
      if (answer.error !== undefined) throw new Error(answer.error);
      return answer.value;
    },
    async type(text) {
      await keyActions([...text].flatMap((c) => [{ type: 'keyDown', value: c }, { type: 'keyUp', value: c }]));
    },
    // A key, or a chord such as ['Control', 'a']: pressed in order, let go in reverse.
    async press(...keys) {
      const values = keys.map((k) => KEYS[k] || k);
      await keyActions([...values.map((v) => ({ type: 'keyDown', value: v })), ...values.reverse().map((v) => ({ type: 'keyUp', value: v }))]);
    },
    async click(x, y) {
      await actions([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [
        { type: 'pointerMove', x: Math.round(x), y: Math.round(y), origin: 'viewport' },
        { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }] }]);
    },
    async screenshot() {
      return Buffer.from(await call('GET', `${s}/screenshot`), 'base64');
    },
    // WebDriver classic has no console log: the suite's server puts console_watch.js into the page, which records them.
    async errors() {
      return this.evaluate(() => window.enginesConsoleErrors || ['console_watch.js did not run']);
    },
    async close() {
      await call('DELETE', s, undefined, 10000).catch(() => {});
      killGroup(driver);
    },
    kill() { killGroup(driver); },
  };
}
