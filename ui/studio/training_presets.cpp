// The training studio's samples.
#include "ui/studio/training_presets.h"

namespace bpeviz {

namespace {

constexpr TrainingPreset kPresets[] = {
    {"aaabdaaabac (Wikipedia)", "aaabdaaabac", Pretokenizer::none, 3, TieRule::greater, "",
     "Wikipedia's example: (a, a) wins with 4 (overlaps counted), then (aa, a) ties (a, b) at 2 and wins: aa, then "
     "aaa, then aaab."},
    {"aaaa (overlapping pairs)", "aaaa", Pretokenizer::none, 2, TieRule::greater, "",
     "Overlapping pairs: \"aaaa\" holds (a, a) 3 times, but merging left to right replaces it only twice: aa aa."},
    {"ab cd ab cd (a tie)", "ab cd ab cd", Pretokenizer::whitespace, 1, TieRule::greater, "",
     "A tie: (a, b) and (c, d) both occur twice. \"greater pair\" takes (c, d); switch to \"first occurrence\" for "
     "(a, b)."},
    {"low lower widest newest (CS336)",
     "low low low low low lower lower widest widest widest newest newest newest newest newest newest",
     Pretokenizer::whitespace, 6, TieRule::greater, "",
     "CS336's worked example (after Sennrich et al.): (e, s) and (s, t) tie at 9 and the greater pair (s, t) wins; "
     "then e st, o w, l ow, w est, n e."},
    {"English prose", 
     "Byte pair encoding starts from the bytes of the text. It counts every pair of neighbouring tokens, "
     "merges the most common pair into a new token, and counts again. Common words soon become single "
     "tokens: the, and, of, ing. Rare words stay split into pieces, and nothing is ever unknown, because "
     "every text is made of bytes.\n"
     "The vocabulary grows by one token per merge. The text shrinks by as many tokens as the merge "
     "replaced. Watch the count fall quickly at first, then slowly, as the pairs that are left grow "
     "rarer.<|endoftext|>A special token is never merged: it splits the text, and keeps an id of its own.",
     Pretokenizer::gpt2, 60, TieRule::greater, "<|endoftext|>",
     "Prose with GPT-2's pre-tokenizer: frequent words become tokens first; the count falls fast, then slowly. "
     "<|endoftext|> stays whole."},
};

}  // namespace

std::span<const TrainingPreset> training_presets() { return kPresets; }

}  // namespace bpeviz
