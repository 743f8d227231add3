// The benchmark's printed report: the machine and versions, a load table, whole-text and per-line
// throughput tables with ratios, each row against its fastest JS/wasm library, and the project's
// performance targets checked against this run, ending with the narrowest row ("worst: ..."). Returns
// the targets, for the JSON.

const MB = 1e6;
const pad = (s, n) => String(s).padEnd(n);
const num = (x, digits) => (x === undefined || x === null || Number.isNaN(x) ? '—' : x.toFixed(digits)).padStart(8);
const times = (x) => (x === undefined ? '—' : `${x.toFixed(2)}×`).padStart(8);

function nameOf(results, key) {
  const lib = results.libraries[key];
  return lib.version ? lib.label.replace(/^(\S+)/, `$1 ${lib.version}`) : lib.label;
}

function header(results) {
  const m = results.machine;
  const b = m.baselines;
  console.log(`bpeviz encoder benchmark, ${m.date} (bpeviz ${m.bpeviz_commit})`);
  console.log(`machine:   ${m.cpu}, ${m.cores} cores, ${m.memory_gib} GiB, ${m.kernel}`);
  console.log(`runtime:   Node ${m.node} (V8 ${m.v8})`);
  console.log(`ours:      wasm = ${m.ours_wasm}; native = ${m.ours_native}`);
  console.log(`baselines: ${Object.values(b).map((x) => `${x.package} ${x.version}${x.crate ? ` (${x.crate})` : ''}`).join(', ')}`);
  console.log(`corpora:   ${Object.entries(results.corpora).map(([c, x]) => `${c} ${(x.bytes / MB).toFixed(2)} MB / ${x.lines} lines`).join(', ')}`);
  for (const [key, value] of Object.entries(results.method)) console.log(`${pad(key + ':', 11)}${value}`.replace(/^(\S+:)(\S)/, '$1 $2'));
  const cached = Object.keys(results.libraries).filter((key) => results.libraries[key].cache);
  const uncached = Object.keys(results.libraries).filter((key) => !results.libraries[key].cache);
  for (const key of cached) console.log(`cache:     ${nameOf(results, key)}: ${results.libraries[key].cache}`);
  console.log(`cache:     none in ${uncached.map((key) => nameOf(results, key)).join(', ')}: one measurement, both cold and warm`);
  for (const n of results.not_measured) console.log(`NOT MEASURED: ${nameOf(results, n.library)} on ${n.encoding}: ${n.reason}`);
}

function loadTable(results) {
  console.log(`\n== Load: build an encoder from its data, a fresh process per sample, medians of ${results.method.load_runs} ==`);
  console.log(`${pad('', 52)}  init ms  load ms   RSS MB  heap MB   ours better by: load   RSS`);
  for (const [encoding, libs] of Object.entries(results.load)) {
    let first = true;
    for (const [key, x] of Object.entries(libs)) {
      console.log(`${pad(first ? encoding : '', 13)}${pad(nameOf(results, key), 39)}${num(x.init_ms, 1)} ${num(x.load_ms, 1)} ${num(x.rss_bytes / MB, 1)} ${num(x.heap_bytes / MB, 1)}          ${x.ratio_load === undefined ? '   (ours)        ' : `${times(x.ratio_load)} ${times(x.ratio_rss)}`}`);
      first = false;
    }
  }
}

function encodeTable(results, mode, title) {
  console.log(`\n== ${title}; medians of ${results.method.rounds * results.method.runs_per_round} runs ==`);
  console.log(`${pad('', 65)}----- cold -----  ----- warm -----  ours better by`);
  console.log(`${pad('encoding', 13)}${pad('corpus', 13)}${pad('library', 39)}    MB/s  Mtok/s    MB/s  Mtok/s    cold    warm`);
  for (const [encoding, byCorpus] of Object.entries(results.encode)) {
    for (const [corpus, byMode] of Object.entries(byCorpus)) {
      let first = true;
      for (const [key, x] of Object.entries(byMode[mode])) {
        const lead = `${pad(first ? encoding : '', 13)}${pad(first ? corpus : '', 13)}${pad(nameOf(results, key), 39)}`;
        first = false;
        if (x.mismatch) {
          console.log(`${lead}!!! NOT TIMED: ${x.mismatch}`);
          continue;
        }
        const warm = results.libraries[key].cache
          ? `${num(x.warm_mb_s, 2)}${num(x.warm_tokens_s / MB, 2)}`
          : `${'= cold'.padStart(16)}`;
        const ratios = x.ratio_cold === undefined ? '   (ours)' : `${times(x.ratio_cold)}${times(x.ratio_warm)}`;
        console.log(`${lead}${num(x.cold_mb_s, 2)}${num(x.cold_tokens_s / MB, 2)}${warm}${ratios}`);
      }
    }
  }
}

// Each row (encoding, corpus, mode, cold or warm) against the fastest JS/wasm library in it: how many
// times that library's speed ours reaches, sorted from the narrowest.
export function againstFastest(results) {
  const rows = [];
  for (const [encoding, byCorpus] of Object.entries(results.encode)) {
    for (const [corpus, byMode] of Object.entries(byCorpus)) {
      for (const [mode, libs] of Object.entries(byMode)) {
        const ours = libs.ours;
        if (!ours || ours.mismatch) continue;
        for (const regime of ['cold', 'warm']) {
          let fastest = null;
          for (const [lib, x] of Object.entries(libs)) {
            if (results.libraries[lib].reference !== 'ours' || lib === 'ours' || x.mismatch) continue;
            if (!fastest || x[`${regime}_mb_s`] > fastest.mb_s) fastest = { lib, mb_s: x[`${regime}_mb_s`] };
          }
          if (!fastest) continue;
          const mb_s = ours[`${regime}_mb_s`];
          rows.push({ encoding, corpus, mode, regime, ours_mb_s: mb_s, fastest: fastest.lib, fastest_mb_s: fastest.mb_s, ratio: mb_s / fastest.mb_s });
        }
      }
    }
  }
  return rows.sort((a, b) => a.ratio - b.ratio);
}

function fastestTable(results, rows) {
  console.log('\n== ours (wasm) against the fastest JS/wasm library of each row, narrowest first ==');
  console.log(`${pad('encoding', 13)}${pad('corpus', 14)}${pad('mode', 7)}${pad('regime', 8)}${pad('fastest other', 39)}  ours MB/s  its MB/s   ratio`);
  for (const r of rows) {
    console.log(`${pad(r.encoding, 13)}${pad(r.corpus, 14)}${pad(r.mode, 7)}${pad(r.regime, 8)}${pad(nameOf(results, r.fastest), 39)}${num(r.ours_mb_s, 2).padStart(11)}${num(r.fastest_mb_s, 2).padStart(10)}${times(r.ratio)}`);
  }
}

// The targets from the project's issue, each with the comparisons it covers and the ones it misses.
function targets(results) {
  const rows = [];
  for (const [encoding, byCorpus] of Object.entries(results.encode)) {
    for (const [corpus, byMode] of Object.entries(byCorpus)) {
      for (const [mode, libs] of Object.entries(byMode)) {
        for (const [lib, x] of Object.entries(libs)) {
          if (x.ratio_cold !== undefined) rows.push({ lib, where: `${encoding} ${corpus} ${mode}`, cold: x.ratio_cold, warm: x.ratio_warm });
        }
      }
    }
  }
  const check = (name, list, minimum, regimes) => {
    const misses = [];
    for (const r of list) for (const regime of regimes) if (!(r[regime] >= minimum)) misses.push(`${r.lib} ${r.where} ${regime} ${r[regime].toFixed(2)}×`);
    const worst = Math.min(...list.flatMap((r) => regimes.map((g) => r[g])));
    return { target: name, met: misses.length === 0, comparisons: list.length * regimes.length, worst_ratio: worst, misses };
  };
  const jsWasm = rows.filter((r) => results.libraries[r.lib].reference === 'ours');
  const out = [
    check('ours (wasm) faster than every JS/wasm baseline, every corpus, encoding and mode, cold and warm', jsWasm, 1, ['cold', 'warm']),
    check('ours (wasm) at least 2× tiktoken (wasm), cold', jsWasm.filter((r) => r.lib === 'tiktoken'), 2, ['cold']),
    check('ours (native) at least 3× tiktoken-rs', rows.filter((r) => r.lib === 'tiktoken-rs'), 3, ['cold']),
  ];
  const fastest = againstFastest(results);
  out.push({
    target: 'ours (wasm) at least 1.5× the fastest JS/wasm library in every row (encoding, corpus, mode, cold and warm)',
    met: fastest.every((r) => r.ratio >= 1.5), comparisons: fastest.length, worst_ratio: Math.min(...fastest.map((r) => r.ratio)),
    misses: fastest.filter((r) => !(r.ratio >= 1.5)).map((r) => `${r.encoding} ${r.corpus} ${r.mode} ${r.regime} ${r.ratio.toFixed(2)}× ${r.fastest}`),
  });
  const o200k = results.load.o200k_base;
  for (const [lib, ours] of [['tiktoken', 'ours (wasm)'], ['tiktoken-rs', 'ours (native)']]) {
    const x = o200k?.[lib];
    if (!x) continue;
    const misses = [];
    if (!(x.ratio_load > 1)) misses.push(`load ${x.ratio_load.toFixed(2)}×`);
    if (!(x.ratio_rss > 1)) misses.push(`RSS ${x.ratio_rss.toFixed(2)}×`);
    out.push({ target: `o200k_base: ${ours} loads faster and in less memory than ${nameOf(results, lib)}`, met: misses.length === 0,
      comparisons: 2, worst_ratio: Math.min(x.ratio_load, x.ratio_rss), misses });
  }
  return out;
}

export function printReport(results) {
  header(results);
  loadTable(results);
  encodeTable(results, 'whole', 'Whole text: each corpus in one encode call');
  encodeTable(results, 'lines', "Per line: each corpus split on '\\n', every line in its own encode call");
  const rows = againstFastest(results);
  fastestTable(results, rows);
  const list = targets(results);
  console.log('\n== Targets (ours better by, in this run) ==');
  for (const t of list) {
    console.log(`${t.met ? '[met]   ' : '[MISSED]'} ${t.target}: worst ${t.worst_ratio.toFixed(2)}× over ${t.comparisons} comparisons`);
    for (const miss of t.misses) console.log(`           short: ${miss}`);
  }
  if (rows.length) {
    const w = rows[0];
    console.log(`\nworst: ${w.ratio.toFixed(2)}x (${w.encoding}, ${w.corpus}, ${w.mode}, ${w.regime}) vs ${w.fastest}`);
  }
  return list;
}
