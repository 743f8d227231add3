// What a benchmark result depends on besides our code: the machine, the runtime, the compilers and build
// types of our two builds, and the exact version of every baseline (docs/architecture.md, benchmarks).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LIBRARIES, packageVersion, root } from './libraries.mjs';

const firstLine = (cmd, args) => {
  try { return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0].trim(); }
  catch { return 'unknown'; }
};
// The build type of a CMake build tree and the compiler flags it stands for, e.g. "Release (-O3 -DNDEBUG)".
function buildType(buildDir) {
  const cache = fs.readFileSync(path.join(root, buildDir, 'CMakeCache.txt'), 'utf8');
  const value = (key) => cache.match(new RegExp(`^${key}:\\w+=(.*)$`, 'm'))?.[1]?.trim() ?? '';
  const type = value('CMAKE_BUILD_TYPE');
  return `${type} (${value(`CMAKE_CXX_FLAGS_${type.toUpperCase()}`)})`;
}

// The tiktoken-rs crate's version is only recorded in the addon's binary (its Cargo registry path).
function tiktokenRsCrate() {
  const addon = path.join(root, 'node_modules/tiktoken-rs-node-linux-x64-gnu/tiktoken-rs-node.linux-x64-gnu.node');
  return fs.readFileSync(addon).toString('latin1').match(/tiktoken-rs-(\d+\.\d+\.\d+)/)?.[1] ?? 'unknown';
}

export function describeMachine() {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const field = (name) => cpuinfo.match(new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm'))?.[1];
  // A virtual CPU's model name can be as vague as "AMD EPYC": family and model say which generation.
  const cpu = `${field('model name')} (family ${field('cpu family')}, model ${field('model')}, ${Math.round(field('cpu MHz'))} MHz)`;
  const commit = firstLine('git', ['-C', root, 'rev-parse', '--short', 'HEAD']);
  const dirty = firstLine('git', ['-C', root, 'status', '--porcelain']) !== '';
  const baselines = {};
  for (const [name, lib] of Object.entries(LIBRARIES)) {
    if (lib.package) baselines[name] = { package: lib.package, version: packageVersion(lib.package) };
  }
  baselines['tiktoken-rs'].crate = `tiktoken-rs ${tiktokenRsCrate()}`;
  return {
    date: new Date().toISOString(),
    bpeviz_commit: commit + (dirty ? ' + uncommitted changes' : ''),
    cpu,
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memory_gib: Math.round(os.totalmem() / 2 ** 30),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    v8: process.versions.v8,
    ours_wasm: `Emscripten ${firstLine('emcc', ['--version']).match(/\d+\.\d+\.\d+/)?.[0]}, ${buildType('build/web')}`,
    ours_native: `${firstLine('g++', ['--version'])}, ${buildType('build/native')}`,
    baselines,
  };
}
