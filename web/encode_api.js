// JavaScript side of web/encode_api.h, appended to both bpeviz.js (the page) and bpeviz_core.js
// (Node): Module.bpevizCore turns strings and arrays into the exports' pointers and back.
Module['bpevizCore'] = (() => {
  const encoder = new TextEncoder();
  const SPECIAL = { text: 0, all: 1, error: 2 };
  let scratch = 0, scratchSize = 0, scratchView = null, scratchHeap = null;
  // One growing buffer for inputs: the UTF-8 is written straight into wasm memory. Its view is made
  // again only when the buffer or wasm memory changes (Emscripten then makes a new HEAPU8), not on
  // each of many short calls.
  function reserve(bytes) {
    if (bytes > scratchSize) {
      if (scratch) Module._free(scratch);
      scratchSize = Math.max(bytes, 2 * scratchSize, 1 << 16);
      scratch = Module._malloc(scratchSize);
      scratchView = null;
    }
    if (!scratchView || scratchHeap !== Module.HEAPU8) {
      scratchHeap = Module.HEAPU8;
      scratchView = scratchHeap.subarray(scratch, scratch + scratchSize);
    }
    return scratch;
  }
  // The UTF-8 of `s` into the scratch buffer, NUL after it; returns its length. TextEncoder.encodeInto
  // is the fastest way even for short lines: 60-100 ns a line, where a loop over charCodeAt took 70 ns
  // on lines of C++ and 250-380 ns on lines of prose or multilingual text (Node 20).
  function writeString(s) {
    reserve(s.length * 3 + 1);
    const n = encoder.encodeInto(s, scratchView).written;
    scratchView[n] = 0;
    return n;
  }
  // Results are copied out of wasm memory into typed arrays. A typed array of more than 16 ids has a
  // backing store of its own, allocated outside V8's heap: 0.3-2 µs each, more than encoding a line
  // of text. So short results are views into a shared 64 KB pool instead (Node's Buffer pools small
  // buffers the same way); a result keeps its pool alive, and a full pool is left to the results
  // that use it.
  const POOL_IDS = 1 << 14, POOLED_MAX = 1 << 8;
  let pool = null, poolUsed = POOL_IDS;
  function copyIds(at, n) {
    if (n > POOLED_MAX) return Module.HEAPU32.slice(at, at + n);
    if (poolUsed + n > POOL_IDS) {
      pool = new Uint32Array(POOL_IDS);
      poolUsed = 0;
    }
    const out = new Uint32Array(pool.buffer, poolUsed * 4, n);
    const heap = Module.HEAPU32;
    if (n > 32) out.set(heap.subarray(at, at + n));  // a view and a block copy beat a loop this long
    else for (let i = 0; i < n; i++) out[i] = heap[at + i];
    poolUsed += n;
    return out;
  }
  function withString(s, fn) {
    const length = writeString(s);
    return fn(scratch, length);
  }
  // Encoding names are few and reused on every call: each is copied into wasm memory once.
  const names = new Map();
  function namePtr(s) {
    let ptr = names.get(s);
    if (ptr === undefined) {
      const bytes = encoder.encode(s + '\0');
      ptr = Module._malloc(bytes.length);
      Module.HEAPU8.set(bytes, ptr);
      names.set(s, ptr);
    }
    return ptr;
  }
  function check(result) {
    if (result < 0) throw new Error(Module.UTF8ToString(Module._bpeviz_error()));
    return result;
  }
  return {
    // Trains a BPE (top_k 0: no runners-up are kept); returns {merges, model, steps}: the number of
    // merges, the model file's text and the merges in order ({left, right, id, count, replaced}).
    train(text, merges, pretokenizer = 'gpt2', tie = 'greater', specials = []) {
      const p = namePtr(pretokenizer), t = namePtr(tie);
      // Its own copy: withString's scratch space holds the text.
      const specialsBytes = encoder.encode(`${JSON.stringify(specials)}\0`);
      const specialsPtr = Module._malloc(specialsBytes.length);
      Module.HEAPU8.set(specialsBytes, specialsPtr);
      let n;
      try {
        n = check(withString(text, (ptr, len) => Module._bpeviz_train(ptr, len, merges, p, t, specialsPtr)));
      } finally {
        Module._free(specialsPtr);
      }
      const at = Module._bpeviz_result_bytes();
      return {
        merges: n,
        model: new TextDecoder().decode(Module.HEAPU8.subarray(at, at + Module._bpeviz_result_length())),
        steps: JSON.parse(Module.UTF8ToString(Module._bpeviz_train_steps())),
      };
    },
    // Adds a tokenizer from files the user gave: [{name, bytes: Uint8Array}]; pretokenizer for files
    // that name none; specials: special tokens to add, as CS336's Tokenizer(vocab, merges, special_tokens)
    // takes them. Returns the name it is listed under; throws with a message naming the file.
    addUserTokenizer(files, pretokenizer = 'o200k', specials = []) {
      const allocations = [];
      const alloc = (bytes) => { const p = Module._malloc(Math.max(bytes.length, 1)); allocations.push(p); Module.HEAPU8.set(bytes, p); return p; };
      try {
        const pre = namePtr(pretokenizer);
        const names = files.map((f) => alloc(encoder.encode(f.name + '\0')));
        const datas = files.map((f) => alloc(f.bytes));
        const lengths = files.map((f) => f.bytes.length);
        const table = (values) => alloc(new Uint8Array(new Uint32Array(values).buffer));
        const specialsJson = alloc(encoder.encode(JSON.stringify(specials) + '\0'));
        check(Module._bpeviz_add_user_tokenizer(files.length, table(names), table(datas), table(lengths), pre, specialsJson));
        return Module.UTF8ToString(Module._bpeviz_result_bytes());
      } finally {
        allocations.forEach((p) => Module._free(p));
      }
    },
    // A Hugging Face tokenizer.json (Uint8Array) in the compact form the page downloads (Uint8Array).
    compactHf(bytes) {
      const ptr = Module._malloc(Math.max(bytes.length, 1));
      try {
        Module.HEAPU8.set(bytes, ptr);
        const n = check(Module._bpeviz_compact_hf(ptr, bytes.length));
        const at = Module._bpeviz_result_bytes();
        return Module.HEAPU8.slice(at, at + n);
      } finally {
        Module._free(ptr);
      }
    },
    // The open models bpeviz ships: [{name, models, npmPackage, file}].
    openModels() { return JSON.parse(Module.UTF8ToString(Module._bpeviz_open_models_json())); },
    // Empties the encoder's caches of merged pieces (for cold benchmark runs).
    clearCache() { Module._bpeviz_clear_caches(); },
    // Loads a built-in encoding from the bytes of its .tiktoken file.
    load(name, data) {
      const ptr = Module._malloc(data.length);
      try {
        Module.HEAPU8.set(data, ptr);
        check(Module._bpeviz_load_encoding(namePtr(name), ptr, data.length));
      } finally {
        Module._free(ptr);
      }
    },
    // special: 'text' (encode_ordinary), 'all' (allowed), 'error' (tiktoken's default); addSpecialTokens:
    // a tokenizer.json's BOS/EOS around the text (Hugging Face's add_special_tokens). Returns a Uint32Array.
    encode(name, text, special = 'error', addSpecialTokens = false) {
      const mode = SPECIAL[special] | (addSpecialTokens ? 4 : 0);
      const length = writeString(text);
      const n = check(Module._bpeviz_encode(namePtr(name), scratch, length, mode));
      return copyIds(Module._bpeviz_result_ids() >>> 2, n);
    },
    // The merge steps of encoding `text`, in the order the Merge steps tab plays them: one entry per
    // step and pair merged — {step (1-based, as the tab counts), left, right (the tokens' bytes as
    // arrays of numbers; null for a pre-token taken whole, marked whole: true), id (the token made),
    // rank (tiktoken's rule: the same number; Hugging Face's: the pair's place in the merges list), count (places merged), places ([begin, mid, end] byte offsets into
    // the text's UTF-8)}. A step can make one token from different pairs ("a"+"bc", "ab"+"c"): each
    // pair is its own entry.
    trace(name, text, special = 'error') {
      const bytes = encoder.encode(text);
      const n = check(withString(text, (ptr, len) => Module._bpeviz_trace(namePtr(name), ptr, len, SPECIAL[special])));
      const at = Module._bpeviz_result_ids() >>> 2;
      const data = Module.HEAPU32.slice(at, at + n);
      const steps = [];
      for (let i = 0, step = 1; i < n; step++) {
        const id = data[i], rank = data[i + 1], count = data[i + 2];
        i += 3;
        const entries = new Map();
        for (let k = 0; k < count; k++, i += 3) {
          const [begin, mid, end] = [data[i], data[i + 1], data[i + 2]];
          const whole = mid === begin;
          const left = whole ? null : Array.from(bytes.subarray(begin, mid));
          const right = whole ? null : Array.from(bytes.subarray(mid, end));
          const key = whole ? 'whole' : `${left}|${right}`;
          if (!entries.has(key)) {
            // The old acorn in Emscripten's optimizer reads no object spread: fields one by one.
            const entry = { step, left, right, rank, id, count: 0, places: [] };
            if (whole) entry.whole = true;
            entries.set(key, entry);
          }
          const entry = entries.get(key);
          entry.count++;
          entry.places.push([begin, mid, end]);
        }
        entries.forEach((entry) => steps.push(entry));
      }
      return steps;
    },
    // Returns the bytes (Uint8Array) of the tokens.
    decode(name, ids) {
      const ptr = Module._malloc(ids.length * 4 + 4);
      try {
        Module.HEAPU32.set(ids, ptr >>> 2);
        const n = check(Module._bpeviz_decode(namePtr(name), ptr, ids.length));
        const at = Module._bpeviz_result_bytes();
        return Module.HEAPU8.slice(at, at + n);
      } finally {
        Module._free(ptr);
      }
    },
  };
})();
