// tokenizer.json files made from the bundled ones by changing what the bundled models never use, so
// that the parts of the loader that serve users' own files are held to Hugging Face too: Split
// patterns bpeviz has no scanner for (run on Oniguruma, as in Hugging Face), every Split behaviour and
// `invert`, and added tokens with lstrip, rstrip, single_word and normalized. Each variant names the
// bundled model it starts from and how it changes its JSON (a fresh copy).
import fs from 'node:fs';
import { assignedCodePoints } from './random_text.mjs';

// BLOOM's pre-tokenizer split (bigscience/bloom's tokenizer.json).
const bloomSplit = ' ?[^(\\s|[.,!?…。，、।۔،])]+';
// Hugging Face's Whitespace pre-tokenizer, written as a Split.
const whitespaceWords = '\\w+|[^\\w\\s]+';

const split = (regex, behavior, invert = false) => ({ type: 'Split', pattern: { Regex: regex }, behavior, invert });
const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false };
const setFlags = (json, content, flags) => {
  const token = json.added_tokens.find((t) => t.content === content);
  if (!token) throw new Error(`no added token ${content}`);
  Object.assign(token, flags);
};

export const variants = [
  {
    name: "llama3 with BLOOM's split",
    base: 'llama3',
    change(json) { json.pre_tokenizer = { type: 'Sequence', pretokenizers: [split(bloomSplit, 'Isolated'), byteLevel] }; },
  },
  {
    name: 'llama3 with words and punctuation, white space removed',
    base: 'llama3',
    change(json) { json.pre_tokenizer = { type: 'Sequence', pretokenizers: [split(whitespaceWords, 'Removed'), byteLevel] }; },
  },
  {
    name: "qwen3 with its own pattern, MergedWithPrevious",
    base: 'qwen3',
    change(json) { json.pre_tokenizer.pretokenizers[0].behavior = 'MergedWithPrevious'; },
  },
  {
    name: 'qwen3 with its own pattern inverted, MergedWithNext, then digits Contiguous',
    base: 'qwen3',
    change(json) {
      const [own, level] = json.pre_tokenizer.pretokenizers;
      json.pre_tokenizer.pretokenizers = [{ ...own, behavior: 'MergedWithNext', invert: true }, split('\\p{Nd}', 'Contiguous'), level];
    },
  },
  {
    name: 'mistral-7b with digits split one by one',
    base: 'mistral-7b',
    change(json) { json.pre_tokenizer = split('\\p{Nd}', 'Isolated'); },
  },
  {
    name: 'llama3 with lstrip, rstrip, single_word and normalized added tokens',
    base: 'llama3',
    addedTokens: ['<|begin_of_text|>', '<|end_of_text|>', '<|start_header_id|>', '<|eot_id|>', '<|reserved_special_token_0|>'],
    change(json) {
      setFlags(json, '<|begin_of_text|>', { lstrip: true });
      setFlags(json, '<|end_of_text|>', { rstrip: true });
      setFlags(json, '<|start_header_id|>', { lstrip: true, rstrip: true });
      setFlags(json, '<|eot_id|>', { single_word: true });
      setFlags(json, '<|reserved_special_token_0|>', { normalized: true });
    },
  },
  {
    name: 'qwen3 with lstrip, rstrip and single_word added tokens',
    base: 'qwen3',
    addedTokens: ['<|im_start|>', '<|im_end|>', '<think>', '</think>'],
    change(json) {
      setFlags(json, '<|im_start|>', { lstrip: true });
      setFlags(json, '<|im_end|>', { rstrip: true });
      setFlags(json, '<think>', { single_word: true, rstrip: true });
      setFlags(json, '</think>', { single_word: true, lstrip: true });
    },
  },
  {
    name: 'mistral-7b with normalized added tokens (matched in the normalized text, as "▁<s>")',
    base: 'mistral-7b',
    addedTokens: ['<s>', '</s>', '<unk>'],
    change(json) {
      setFlags(json, '<s>', { normalized: true });
      setFlags(json, '</s>', { normalized: true, rstrip: true });
    },
  },
  {
    name: 'qwen3 with normalized added tokens under its NFC',
    base: 'qwen3',
    addedTokens: ['<think>', '</think>', '<|im_start|>', 'e\u0301<tool_call>'],
    change(json) {
      setFlags(json, '<think>', { normalized: true });
      setFlags(json, '</think>', { normalized: true, lstrip: true });
      setFlags(json, '<tool_call>', { normalized: true, single_word: true });
    },
  },
  // The pre-tokenizer's changes of the text (ByteLevel's prefix space, Metaspace's ▁) are made by
  // Hugging Face to each piece the splits before them cut, after the normalized added tokens are found.
  {
    name: "llama3 with ByteLevel's prefix space after its split (each piece gets one)",
    base: 'llama3',
    change(json) { json.pre_tokenizer.pretokenizers[1].add_prefix_space = true; },
  },
  {
    name: "llama3 with NFC, ByteLevel's prefix space and normalized added tokens",
    base: 'llama3',
    addedTokens: ['<|begin_of_text|>', '<|eot_id|>', '<|start_header_id|>', '<|reserved_special_token_0|>'],
    change(json) {
      json.normalizer = { type: 'NFC' };
      json.pre_tokenizer.pretokenizers[1].add_prefix_space = true;
      setFlags(json, '<|eot_id|>', { normalized: true });
      setFlags(json, '<|start_header_id|>', { normalized: true, lstrip: true });
      setFlags(json, '<|reserved_special_token_0|>', { normalized: true, single_word: true });
    },
  },
  {
    name: 'mistral-7b with NFKC, a Metaspace pre-tokenizer (prepend first, split) and normalized added tokens',
    base: 'mistral-7b',
    addedTokens: ['<s>', '</s>', '<unk>'],
    change(json) {
      json.normalizer = { type: 'NFKC' };
      json.pre_tokenizer = { type: 'Metaspace', replacement: '\u2581', prepend_scheme: 'first', split: true };
      setFlags(json, '<s>', { normalized: true });
      setFlags(json, '</s>', { normalized: true, rstrip: true });
    },
  },
  {
    name: 'mistral-7b with a Metaspace pre-tokenizer (prepend always) and normalized added tokens, no normalizer',
    base: 'mistral-7b',
    addedTokens: ['<s>', '</s>', '<unk>'],
    change(json) {
      json.normalizer = null;
      json.pre_tokenizer = { type: 'Metaspace', replacement: '\u2581', prepend_scheme: 'always', split: false };
      setFlags(json, '<s>', { normalized: true, lstrip: true });
      setFlags(json, '</s>', { normalized: true });
    },
  },
  {
    name: "mistral-7b with BLOOM's split (which sees the spaces), then Metaspace (prepend always) on each piece",
    base: 'mistral-7b',
    change(json) {
      json.normalizer = null;
      json.pre_tokenizer = {
        type: 'Sequence',
        pretokenizers: [split(bloomSplit, 'Isolated'), { type: 'Metaspace', replacement: '\u2581', prepend_scheme: 'always', split: true }],
      };
    },
  },
];

// Texts with the variant's added tokens put into real lines, with what may touch them: white space
// of several kinds, letters, digits, '_' or nothing.
export function withAddedTokens(lines, tokens, random, count) {
  const around = ['', ' ', '  ', '\n', '\t', ' \n ', '\u3000', 'a', '_', '9', 'é', '😀', '.'];
  const pick = (list) => list[Math.floor(random() * list.length) % list.length];
  const out = [];
  for (let i = 0; i < count; i++) {
    let text = pick(lines);
    for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
      const chars = [...text];
      const at = Math.floor(random() * (chars.length + 1));
      chars.splice(at, 0, pick(around) + pick(tokens) + pick(around));
      text = chars.join('');
    }
    out.push(text);
  }
  return out;
}

// A regex without a scanner runs on Debian 12's Oniguruma 6.9.8, whose tables are Unicode 14.0; Hugging
// Face's tokenizers 0.23.2 bundles an Oniguruma with Unicode 16.0's (tests/tools/unicode_versions.mjs).
// A character first assigned in 15.0, 15.1 or 16.0 (CJK Extensions H and I, Kawi, Garay, Todhri, ...) is a
// letter there and unassigned here, and can split differently under such a regex; random text for the
// variants leaves them out. The scanners, on generated Unicode 16.0 tables, see them as Hugging Face does.
// Assigned in 14.0: unicode-data's DerivedAge.txt (Unicode 15.0) with an age up to 14.0.
const assignedBy14 = (() => {
  const ranges = [];
  for (const line of fs.readFileSync('/usr/share/unicode/DerivedAge.txt', 'utf8').split('\n')) {
    const m = /^([0-9A-F]+)(?:\.\.([0-9A-F]+))?\s*; (\d+)\.(\d)/.exec(line);
    if (m && Number(m[3]) <= 14) ranges.push([parseInt(m[1], 16), parseInt(m[2] || m[1], 16)]);
  }
  return ranges;
})();
const assigned16 = new Set(assignedCodePoints);
export function withoutUnicodeAfter14(text) {
  return [...text].filter((c) => {
    const cp = c.codePointAt(0);
    return !assigned16.has(cp) || assignedBy14.some(([a, b]) => cp >= a && cp <= b);
  }).join('');
}
