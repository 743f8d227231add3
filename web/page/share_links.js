// Share links: #encoding=cl100k_base&text=hello%20world (and the tab to open), read when the page
// opens or the address bar changes, and made by the "Copy link" button.
import { Module, encoder, decoder, fromWasm, currentText, currentEncoding, showNotice, withUtf8, wake, NEWS, PROBLEM } from './wasm.js';
import { ready } from './frames.js';
import { encodingLoads } from './fetching.js';
import { api, linkCopied } from './api.js';

// A link carries the encoding and, when it fits, the text: #encoding=cl100k_base&text=hello%20world.
// Past MAX_LINK_CHARS a link gets unwieldy in chats and mail, and some servers refuse it.
const MAX_LINK_CHARS = 8000;
const MAX_LINK_TEXT = 1 << 20;  // a longer text in a link is ignored, as are unknown encodings

// Besides the text and encoding a link can say which tab to open and where (bpeviz_view_json):
// the Merge steps tab at a step, the Merge tree at a token, the Train BPE tab with its options at
// a step, so that a lecturer's slide opens exactly there.
const VIEW_KEYS = ['panel', 'step', 'id', 'sample', 'merges', 'pretokenizer', 'tie', 'specials', 'compare'];
const NUMBER_KEYS = ['step', 'id', 'merges'];

// What a hash asks for: {text?, encoding?, view?} or {error}. Anything unexpected is an error, never a crash.
export function parseLink(hash) {
  const fields = {};
  const view = {};
  for (const part of hash.split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq);
    if (key !== 'text' && key !== 'encoding' && !VIEW_KEYS.includes(key)) continue;
    let value;
    try {
      value = decodeURIComponent(part.slice(eq + 1));
    } catch (e) {
      return { error: `its ${key} is damaged (not valid percent-encoded UTF-8)` };
    }
    if (NUMBER_KEYS.includes(key) && !/^\d{1,9}$/.test(value)) return { error: `its ${key} is not a whole number` };
    if (VIEW_KEYS.includes(key)) view[key] = value.slice(0, 200);
    else fields[key] = value;
  }
  if (Object.keys(view).length) fields.view = view;
  if (fields.text === undefined && fields.encoding === undefined && !fields.view) {
    return { error: 'it names neither a text nor an encoding' };
  }
  if (fields.encoding !== undefined && !api.encodings().includes(fields.encoding)) {
    const shown = fields.encoding.length > 40 ? `${fields.encoding.slice(0, 40)}…` : fields.encoding;
    return { error: `it names an unknown encoding "${shown}"` };
  }
  if (fields.text !== undefined && fields.text.length > MAX_LINK_TEXT) return { error: 'its text is too long' };
  // Lone surrogates cannot cross as UTF-8: they become U+FFFD, as everywhere else on the page.
  if (fields.text !== undefined) fields.text = decoder.decode(encoder.encode(fields.text));
  return fields;
}
export const ignoredLink = (error) => `Ignored the link in the address bar: ${error}.`;

// Opens the tab a link names, once the page and its encoding are ready.
export async function applyView(view) {
  try {
    await ready;
    for (const load of [...encodingLoads.values()]) await load.promise.catch(() => {});  // the link's encoding
    await api.nextFrame();
    await api.nextFrame();
    if (!view.panel) return;
    if (view.panel === 'compare' && view.compare !== undefined) {
      await api.setCompare(view.compare.split(','));  // shows the tab, with the link's picks from the start
      return;
    }
    await api.showPanel(view.panel);
    const number = (key) => (view[key] === undefined ? undefined : Number(view[key]));
    if (view.panel === 'merges' && view.step !== undefined) await api.player('step', number('step'));
    if (view.panel === 'tree' && view.id !== undefined) await api.mergeTree(number('id'));
    if (view.panel === 'studio') {
      const options = { source: view.sample === undefined ? 'text' : view.sample, train: true };
      for (const key of ['merges', 'step']) if (view[key] !== undefined) options[key] = number(key);
      for (const key of ['pretokenizer', 'tie', 'specials']) if (view[key] !== undefined) options[key] = view[key];
      await api.studio(options);
    }
  } catch (e) {
    showNotice(PROBLEM, `Ignored part of the link in the address bar: ${e.message}.`);
  }
}

// A link pasted into the address bar of an open page.
window.addEventListener('hashchange', () => {
  if (location.hash.length <= 1) return;
  const link = parseLink(location.hash.slice(1));
  if (link.error) { showNotice(PROBLEM, ignoredLink(link.error)); return; }
  if (link.text !== undefined) api.setText(link.text);
  if (link.encoding !== undefined) api.setEncoding(link.encoding).catch((e) => showNotice(PROBLEM, e.message));
  if (link.view) applyView(link.view);
});

// The link to this page as it is, at most `maxChars` long: the encoding, the text and the tab, dropping the
// text first, then the tab, when it would be longer. {link, withText, withView, full} (full: its length with all).
function pageLink(maxChars) {
  const base = location.href.split('#')[0];
  const encoding = `#encoding=${encodeURIComponent(currentEncoding())}`;
  const view = Object.entries(JSON.parse(fromWasm(Module._bpeviz_view_json())))
    .filter(([key, value]) => !(key === 'panel' && value === 'tokens'))
    .map(([key, value]) => `&${key}=${encodeURIComponent(value)}`).join('');
  const text = `&text=${encodeURIComponent(currentText())}`;
  const full = base.length + encoding.length + text.length + view.length;
  if (full <= maxChars) return { link: base + encoding + text + view, withText: true, withView: true, full };
  if (base.length + encoding.length + view.length <= maxChars) return { link: base + encoding + view, withText: false, withView: true, full };
  return { link: base + encoding, withText: false, withView: !view, full };
}

// A link of 300 characters is a version 13 code at level M: 69 modules and the quiet zone, 77, which leaves
// 13 pixels a module on a 1080-pixel-high projection (tests/e2e/share.test.mjs checks at least 12). A longer
// link needs more, smaller modules, and phones at the back of a hall stop reading them.
const MAX_QR_LINK_CHARS = 300;

// Called from wasm when Share opens: the link for its QR code, the short address under it, and what it left out.
Module.shareLink = () => {
  const { link, withText, withView } = pageLink(MAX_QR_LINK_CHARS);
  const address = `${location.host}${location.pathname}`.replace(/\/index\.html$/, '/');
  const encoding = currentEncoding();
  const left = [];
  if (!withText && Module._bpeviz_text_size() > 0) left.push('your text');
  if (!withView) left.push('the tab');
  const dropped = left.length ? `The QR code opens ${encoding} without ${left.join(' or ')}: the link would be too long to scan.` : '';
  withUtf8(link, (l) => withUtf8(address, (a) => withUtf8(dropped, (d) => Module._bpeviz_share_link_made(l, a, d))));
  wake();
};

// Called from wasm when "Copy link" was pressed.
Module.copyLink = async () => {
  const encoding = currentEncoding();
  const { link, withText: fits, full } = pageLink(MAX_LINK_CHARS);
  let copied = false;
  try {
    await navigator.clipboard.writeText(link);
    copied = true;
  } catch (e) {
    // No clipboard (permission refused, or not a secure page): the address bar shows the link instead.
    history.replaceState(null, '', link);
  }
  const where = copied ? 'Link copied' : 'The clipboard is not available: the link is in the address bar';
  showNotice(NEWS, fits ? `${where}: it opens this text with ${encoding}.`
    : `${where}, with ${encoding} only: the text is too long for a link (${full} characters; at most ${MAX_LINK_CHARS}).`);
  linkCopied({ link, copied, withText: fits });
};
