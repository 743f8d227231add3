// Put into the page inline by tests/engines/run.mjs, ahead of the page's own scripts: records console errors
// and uncaught exceptions in window.enginesConsoleErrors, for a driver that cannot read the console (WebKit's).
(() => {
  const errors = window.enginesConsoleErrors = [];
  const text = (v) => (v instanceof Error ? `${v.name}: ${v.message}` : typeof v === 'string' ? v : (() => { try { return JSON.stringify(v); } catch { return String(v); } })());
  const consoleError = console.error.bind(console);
  console.error = (...args) => { errors.push(`console: ${args.map(text).join(' ')}`); consoleError(...args); };
  window.addEventListener('error', (e) => errors.push(`page error: ${e.message}`));
  window.addEventListener('unhandledrejection', (e) => errors.push(`unhandled rejection: ${text(e.reason)}`));
})();
