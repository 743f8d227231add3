// The Train BPE tab's "Predict" game: before each merge the page asks which pair wins. Checked against
// pair counts made here, independently, from the tokens the page shows before the merge (within
// pre-tokens, overlaps counted, as the trainer counts), and against the same training without Predict:
// the winner is always a candidate, nothing in state() gives the merge away before the guess, guesses
// are scored (right, wrong, a tie, revealed without a guess), the buttons are clicked for real and
// the keys reveal. Screenshots (predict-*.png) at 1280×720 and 1920×1080 (DPR 2) land in --out.
import fs from 'node:fs';
import path from 'node:path';
import { assert, assertEqual, frames, setText, waitFor, withReadyPage } from './harness.mjs';

const studio = async (page) => (await page.evaluate(() => window.bpeviz.state())).studio;
const call = (page, options) => page.evaluate((o) => window.bpeviz.studio(o), options);
const sample = (s, prefix) => s.samples.find((n) => n.startsWith(prefix));
const key = ([left, right]) => JSON.stringify([left, right]);
const compareBytes = (a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

// A screenshot with the mouse off the buttons (a click leaves it on one, with its tooltip).
async function shot(page, file) {
  await page.mouse.move(2, 2);
  await frames(page, 2);
  await page.screenshot({ path: file });
}

// GPT-2's pre-tokenizer pattern (tiktoken's r50k/gpt2), as byte spans of `text`.
const GPT2 = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;
function pieces(text, pretokenizer) {
  if (pretokenizer === 'none') return [[0, Buffer.byteLength(text)]];
  assert(pretokenizer === 'gpt2', `no pieces for ${pretokenizer} here`);
  const out = [];
  let at = 0;
  for (const m of text.matchAll(GPT2)) {
    assert(Buffer.byteLength(text.slice(0, m.index)) === at, 'the pattern covers the text');
    const end = at + Buffer.byteLength(m[0]);
    out.push([at, end]);
    at = end;
  }
  return out;
}

// Every adjacent pair of tokens inside a piece, by its text: the pair counts before the next merge.
function pairCounts(bytes, tokens, spans) {
  const counts = new Map();
  let piece = 0;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const [, aBegin, aEnd] = tokens[i], [, bBegin, bEnd] = tokens[i + 1];
    while (spans[piece][1] <= aBegin) piece++;
    if (bEnd > spans[piece][1]) continue;
    const k = key([bytes.subarray(aBegin, aEnd).toString('utf8'), bytes.subarray(bBegin, bEnd).toString('utf8')]);
    counts.set(k, (counts.get(k) || 0) + 1);
  }
  return counts;
}

// Plays a whole training with Predict on and checks every question. `choose(k, candidates, counts,
// winner)` returns {index} to guess (how: 'click' or 'api') or {reveal: 'next' | 'key'}.
// Only the first `play` merges are played (all by default).
async function playPredicting(page, { text, pretokenizer, merges, play = merges, choose, shoot }) {
  const bytes = Buffer.from(text, 'utf8');
  const spans = pieces(text, pretokenizer);
  // The same training without Predict: its merges are the answers.
  await call(page, { predict: false, step: merges });
  let s = await studio(page);
  assert(s.trained && s.merges === merges, `trained ${merges} merges: ${s.error}`);
  const answers = s.merged.map(([left, right]) => [left, right]);

  await call(page, { step: 0 });
  await call(page, { predict: true });
  let right = 0, asked = 0, wrong = 0, ties = 0;
  for (let k = 0; k < play; k++) {
    s = await studio(page);
    const p = s.predict;
    assert(p.on && p.pending, `merge ${k + 1} is asked: ${JSON.stringify(p)}`);
    assertEqual([p.asking, s.step, s.merged.length], [k + 1, k, k], `merge ${k + 1}: the page stays before it`);
    assert(!s.description.startsWith(`Step ${k + 1} `), `the description does not tell merge ${k + 1}: ${s.description}`);
    assert(p.candidates.every((c) => Array.isArray(c) && c.length === 2 && c.every((t) => typeof t === 'string')),
           'candidates are pairs of texts, no counts');
    assertEqual(p.rects.length, p.candidates.length, 'a button per candidate');
    const sorted = [...p.candidates].sort((a, b) => compareBytes(a[0], b[0]) || compareBytes(a[1], b[1]));
    assertEqual(p.candidates, sorted, `merge ${k + 1}: candidates in byte order`);

    const counts = pairCounts(bytes, s.tokens, spans);
    const best = Math.max(...counts.values());
    const winner = answers[k];
    assertEqual(counts.get(key(winner)), best, `merge ${k + 1}: the winner ${key(winner)} is a most frequent pair`);
    const winnerIndex = p.candidates.findIndex((c) => key(c) === key(winner));
    assert(winnerIndex >= 0, `merge ${k + 1}: the winner ${key(winner)} is among ${JSON.stringify(p.candidates)}`);
    for (const c of p.candidates) assert(counts.get(key(c)) >= 1, `candidate ${key(c)} occurs in the text`);
    // The runners-up the trainer kept are the next most frequent pairs: none missing above the weakest shown.
    const weakest = Math.min(...p.candidates.map((c) => counts.get(key(c))));
    const above = [...counts.entries()].filter(([, n]) => n > weakest).map(([c]) => c).sort();
    for (const c of above) assert(p.candidates.some((d) => key(d) === c), `merge ${k + 1}: ${c} (more than ${weakest}) is a candidate`);

    const choice = choose(k, p.candidates, counts, winner);
    let expected = false, tie = false, guess = null;
    if (choice.reveal === 'key') {
      await page.keyboard.press('ArrowRight');
      await frames(page, 2);
    } else if (choice.reveal === 'space') {
      await page.keyboard.press('Space');
      await frames(page, 2);
    } else if (choice.reveal === 'next') {
      await call(page, { step: k + 1 });
    } else {
      guess = choice.index;
      expected = counts.get(key(p.candidates[guess])) === best;
      tie = expected && guess !== winnerIndex;
      if (choice.how === 'click') {
        const [x, y, w, h] = p.rects[guess];
        await page.mouse.click(x + w / 2, y + h / 2);
        await waitFor(page, (n) => window.bpeviz.state().studio.step === n, k + 1, `the click reveals merge ${k + 1}`);
        await frames(page, 1);
      } else {
        await call(page, { guess });
      }
    }
    asked++;
    right += expected ? 1 : 0;
    wrong += guess !== null && !expected ? 1 : 0;
    ties += tie ? 1 : 0;

    s = await studio(page);
    assertEqual([s.step, s.merged.length, s.predict.pending], [k + 1, k + 1, false], `merge ${k + 1} is revealed`);
    assertEqual(s.merged[k].slice(0, 2), winner, `merge ${k + 1} is the training's without Predict`);
    assertEqual(s.merged[k][3], best, `merge ${k + 1}'s count`);
    assertEqual([s.predict.lastStep, s.predict.lastGuess, s.predict.lastRight, s.predict.lastTie],
                [k + 1, guess === null ? -1 : guess, expected, tie], `merge ${k + 1}: the verdict on ${JSON.stringify(choice)}`);
    assertEqual([s.predict.right, s.predict.asked], [right, asked], `the score after merge ${k + 1}`);
    assertEqual(s.predict.candidates, p.candidates, 'the answered merge keeps its candidates');
    if (tie) assert(s.predict.verdict.includes(`a tie: both had ${best}`), s.predict.verdict);
    if (guess === null) assert(s.predict.verdict.startsWith('Revealed without a guess'), s.predict.verdict);
    if (shoot) await shoot(k, s);
    // The next question: one step forward asks it.
    if (k + 1 < play) await call(page, { step: k + 2 });
  }
  return { right, asked, wrong, ties };
}

export const tests = {
  async 'aaabdaaabac: each merge is asked, the winner is a candidate, clicks and keys are scored'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await page.evaluate(() => window.bpeviz.showPanel('studio'));
      await call(page, { source: sample(await studio(page), 'aaabdaaabac') });
      // Merge 1 clicked right, merge 2 clicked wrong if a pair has fewer than the most (else a tie),
      // merge 3 revealed with the right arrow (the click gave the studio the keyboard).
      const score = await playPredicting(page, {
        text: 'aaabdaaabac', pretokenizer: 'none', merges: 3,
        choose: (k, candidates, counts, winner) => {
          if (k === 0) return { index: candidates.findIndex((c) => key(c) === key(winner)), how: 'click' };
          if (k === 1) {
            const best = Math.max(...counts.values());
            return { index: candidates.findIndex((c) => counts.get(key(c)) < best), how: 'click' };
          }
          return { reveal: 'key' };
        },
      });
      assertEqual(score, { right: 1, asked: 3, wrong: 1, ties: 0 }, 'the score');

      // Back and a jump keep the score; an answered merge is not asked again; Space reveals.
      await call(page, { step: 1 });
      let s = await studio(page);
      assertEqual([s.predict.pending, s.predict.right, s.predict.asked], [false, 1, 3], 'stepping back keeps the score');
      assert(s.predict.verdict.startsWith('Right'), `merge 1's verdict is shown again: ${s.predict.verdict}`);
      await call(page, { step: 2 });
      s = await studio(page);
      assertEqual([s.step, s.predict.pending], [2, false], 'an answered merge is shown at once');
      await call(page, { train: true });  // retraining: a new game, asked from the step it stays at
      s = await studio(page);
      assertEqual([s.predict.right, s.predict.asked, s.predict.pending, s.step], [0, 0, true, 2], 'retraining resets the score');
      await page.keyboard.press('Space');
      await frames(page, 2);
      s = await studio(page);
      assertEqual([s.step, s.predict.pending, s.predict.asked, s.predict.lastGuess, s.playing], [3, false, 1, -1, false],
                  'Space reveals without a guess');

      // A guess that is not an index, or with nothing asked, is refused.
      const refused = await page.evaluate(() => window.bpeviz.studio({ guess: 0 }).then(() => '', (e) => e.message));
      assert(/no merge is being predicted/.test(refused), refused);
    });
  },

  async 'a tie is right: both pairs had the same count, whichever rule decides'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await page.evaluate(() => window.bpeviz.showPanel('studio'));
      const tie = sample(await studio(page), 'ab cd');
      for (const [rule, loser, winner] of [['greater', ['a', 'b'], ['c', 'd']], ['first', ['c', 'd'], ['a', 'b']]]) {
        await call(page, { source: tie, tie: rule, train: true, step: 0, predict: true });
        let s = await studio(page);
        assertEqual([s.predict.pending, s.predict.asked], [true, 0], `${rule}: asked, a new score`);
        const index = s.predict.candidates.findIndex((c) => key(c) === key(loser));
        assert(index >= 0 && s.predict.candidates.some((c) => key(c) === key(winner)), JSON.stringify(s.predict.candidates));
        await call(page, { guess: index });
        s = await studio(page);
        assertEqual(s.merged[0].slice(0, 2), winner, `${rule}: the rule's winner`);
        assertEqual([s.predict.lastRight, s.predict.lastTie, s.predict.right, s.predict.asked], [true, true, 1, 1], `${rule}: a tie`);
        assert(s.predict.verdict.includes('a tie: both had 2'), s.predict.verdict);
        if (rule === 'greater') await shot(page, path.join(out, 'predict-tie.png'));
      }
      // One pair left: "aaaa"'s second merge is (aa, aa) alone, and it is still asked.
      // (Turned off first: with Predict on, a new training asks at once, and step 1 would reveal that.)
      await call(page, { source: sample(await studio(page), 'aaaa'), predict: false, step: 1 });
      await call(page, { predict: true });
      let s = await studio(page);
      assertEqual([s.predict.pending, s.predict.candidates], [true, [['aa', 'aa']]], 'only one pair is left, and it is asked');
      await shot(page, path.join(out, 'predict-one-pair.png'));
      await call(page, { guess: 0 });
      s = await studio(page);
      assertEqual([s.predict.lastRight, s.predict.right, s.predict.asked], [true, 1, 1], 'the one pair is right');
    });
  },

  async 'real text (GPL-3): 30 merges predicted against the training without Predict, at 720p and 1080p DPR 2'({ browser, baseUrl, out }) {
    const text = Buffer.from(fs.readFileSync('/usr/share/common-licenses/GPL-3')).subarray(0, 3000).toString('utf8');
    // All 30 at 720p; the first 15 at 1080p DPR 2 (SwiftShader draws its 4× pixels slowly).
    for (const [size, viewport, deviceScaleFactor, play] of [['720p', { width: 1280, height: 720 }, 1, 30], ['1080p-dpr2', { width: 1920, height: 1080 }, 2, 15]]) {
      await withReadyPage(browser, baseUrl, { viewport, deviceScaleFactor }, async (page) => {
        await setText(page, text);
        await page.evaluate(() => window.bpeviz.showPanel('studio'));
        await call(page, { source: 'text', merges: 30, pretokenizer: 'gpt2', tie: 'greater', specials: '<|endoftext|>', train: true });
        // Right, wrong (when some pair has fewer), revealed, clicked in turn.
        const score = await playPredicting(page, {
          text, pretokenizer: 'gpt2', merges: 30, play,
          choose: (k, candidates, counts, winner) => {
            const best = Math.max(...counts.values());
            const how = k % 2 ? 'click' : 'api';
            if (k % 3 === 0) return { index: candidates.findIndex((c) => key(c) === key(winner)), how };
            if (k % 3 === 1) {
              const lower = candidates.findIndex((c) => counts.get(key(c)) < best);
              return { index: lower >= 0 ? lower : 0, how };
            }
            return { reveal: k % 2 ? 'key' : 'next' };
          },
          shoot: async (k) => {
            if (k === 13) await shot(page, path.join(out, `predict-verdict-${size}.png`));
          },
        });
        assert(score.wrong >= play / 6, `wrong guesses were made and scored: ${JSON.stringify(score)}`);
        assertEqual(score.asked, play, 'every merge played was asked');
        // A question on screen, for the screenshots.
        await call(page, { step: 14 });
        await call(page, { step: 15 });
        const s = await studio(page);
        assertEqual([s.predict.pending, s.step], [false, 15], 'answered merges are not asked again');
        await call(page, { train: true, step: 14 });
        const q = await studio(page);
        assertEqual([q.predict.asked, q.predict.pending, q.step], [0, false, 14], 'retrained: no score; a jump does not ask');
        await call(page, { step: 15 });
        const asked = await studio(page);
        assertEqual([asked.predict.pending, asked.predict.asking, asked.step], [true, 15, 14], 'one step forward asks');
        await shot(page, path.join(out, `predict-question-${size}.png`));
      });
    }
  },
};
