// Small helpers shared by the benchmark's processes: medians, and a digest of a token id sequence that
// bench/native_bench.cpp computes the same way, so the ids of two processes can be compared.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// FNV-1a over 32-bit words: h = (h ^ id) * 16777619 mod 2^32, from 2166136261.
export function digestInit() { return 2166136261; }
export function digestAdd(h, ids) {
  for (let i = 0; i < ids.length; i++) h = Math.imul(h ^ ids[i], 16777619) >>> 0;
  return h;
}
