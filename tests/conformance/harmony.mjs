// o200k_harmony as a reference: it is not in npm tiktoken's registry, so it is built the way tiktoken's
// openai_public.py builds it: o200k_base's ranks and pattern with harmony's special tokens.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tiktoken = createRequire(path.join(root, 'package.json'))('tiktoken');

export function harmonyEncoding() {
  const base = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/tiktoken/encoders/o200k_base.json'), 'utf8'));
  const specials = { ...base.special_tokens, '<|startoftext|>': 199998, '<|endoftext|>': 199999,
    '<|reserved_200000|>': 200000, '<|reserved_200001|>': 200001, '<|return|>': 200002, '<|constrain|>': 200003,
    '<|reserved_200004|>': 200004, '<|channel|>': 200005, '<|start|>': 200006, '<|end|>': 200007,
    '<|message|>': 200008, '<|reserved_200009|>': 200009, '<|reserved_200010|>': 200010,
    '<|reserved_200011|>': 200011, '<|call|>': 200012 };
  for (let i = 200013; i < 201088; i++) specials[`<|reserved_${i}|>`] = i;
  return new tiktoken.Tiktoken(base.bpe_ranks, specials, base.pat_str);
}
