// The X display the engines run headed on: Debian's Xvfb (Mesa draws WebGL2 in software there), started
// and stopped by the suite itself, and every process the suite starts killed when it exits, however it exits.
import { spawn } from 'node:child_process';

const started = new Set();  // child processes, each leading its own process group

// Starts a command in its own process group, so that killing it also kills what it started
// (WebKitWebDriver starts MiniBrowser, which starts WebKit's web and network processes).
export function spawnGroup(command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true });
  started.add(child);
  child.on('exit', () => started.delete(child));
  return child;
}

export function killGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
}

const killAll = () => { for (const child of started) killGroup(child); };
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => { killAll(); process.exit(1); });

// Starts Xvfb on a free display (it picks the number and writes it to fd 3); resolves to ":N".
export function startXvfb(screen = '1400x900x24', timeoutMs = 20000) {
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawnGroup('Xvfb', ['-displayfd', '3', '-screen', '0', screen, '-nolisten', 'tcp', '-noreset'],
                         { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    } catch (e) {
      reject(new Error(`cannot start Xvfb (Debian package xvfb): ${e.message}`));
      return;
    }
    let stderr = '', number = '';
    const timer = setTimeout(() => { killGroup(child); reject(new Error(`Xvfb gave no display within ${timeoutMs / 1000} s: ${stderr.trim()}`)); }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(new Error(`cannot start Xvfb (Debian package xvfb): ${e.message}`)); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`Xvfb exited (${code}): ${stderr.trim().slice(-500)}`)); });
    child.stderr.on('data', (d) => { stderr += d; });
    child.stdio[3].on('data', (d) => {
      number += d;
      if (number.includes('\n')) {
        clearTimeout(timer);
        child.stdio[3].destroy();
        resolve(`:${number.trim()}`);
      }
    });
  });
}

// Puts text on the display's clipboard as another program would (xclip serves it from the background
// until something else takes the clipboard), so that a paste is the engine's own, from a real Ctrl+V.
export function setClipboard(display, text, timeoutMs = 10000) {
  return new Promise((resolve, reject) => {
    const child = spawnGroup('xclip', ['-selection', 'clipboard', '-in'], { env: { ...process.env, DISPLAY: display }, stdio: ['pipe', 'ignore', 'ignore'] });
    const timer = setTimeout(() => { killGroup(child); reject(new Error(`xclip did not take the clipboard within ${timeoutMs / 1000} s`)); }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(new Error(`cannot run xclip (Debian package xclip): ${e.message}`)); });
    child.on('exit', (code) => { clearTimeout(timer); if (code === 0) resolve(); else reject(new Error(`xclip exited with ${code}`)); });
    child.stdin.end(text);
  });
}
