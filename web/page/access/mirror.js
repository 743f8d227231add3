// The semantic DOM copy of the canvas (the records ui/access/ makes as it draws): landmarks, the title, the
// counts, buttons, switches, pickers and the views as a tab list, each over the control it stands for. Screen
// readers read it and the keyboard moves through it; acting on one sends its key into wasm, which carries it
// out exactly as a click on the drawn control (not a click synthesized at its place).
import { Module, wake, withUtf8 } from '../wasm.js';
import { canvasTop } from '../input/screen_keyboard.js';
import { announce, placeAnnouncer } from './announce.js';

const textInput = document.getElementById('text-input');
// The mirror's root, before the text area in the document; the text area joins it as the text box.
export const root = document.createElement('div');
root.id = 'access';
textInput.before(root);
textInput.tabIndex = 0;  // in the Tab order, between the header and the counts (Escape, then Tab leaves it)
// The canvas is the picture; the mirror is what assistive technology reads.
document.getElementById('canvas').setAttribute('aria-hidden', 'true');

const elements = new Map();  // key → element
const drawn = new Map();     // key → the record it was last updated from
let shown = -1;              // the serial of the records in the document

// Sends a command for the control `key` (value: a picker's option), as a click on it would.
export function act(key, value = '') {
  if (!Module.calledRun) return;
  wake();
  withUtf8(key, (k) => withUtf8(value, (v) => Module._bpeviz_access_act(k, v)));
}

// Tells wasm where the mirror's keyboard focus is ("text": the text box, "": elsewhere).
export function noteFocus(key) {
  if (!Module.calledRun) return;
  withUtf8(key, (k) => Module._bpeviz_access_focus(k));
}

// The mirror's element of `key` (the text area for the text box).
export const elementOf = (key) => elements.get(key);
export const keyOf = (element) => element?.dataset?.key ?? (element === textInput ? 'text' : undefined);

const ids = new Map();  // DOM ids of the tabs, for their panel's aria-labelledby
const idFor = (key) => {
  if (!ids.has(key)) ids.set(key, `access-${ids.size}`);
  return ids.get(key);
};

function create(node) {
  const make = (tag, attrs = {}) => {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
    return el;
  };
  switch (node.role) {
    case 'textbox': return textInput;
    case 'banner': return make('header');
    case 'region': return make('section');
    case 'heading': return make('h1');
    case 'text': return make('p');
    case 'list': return make('ul');
    case 'listitem': return make('li');
    case 'toggle':
    case 'menubutton':
    case 'button': {
      const el = make('button', { type: 'button' });
      if (node.role === 'menubutton') el.setAttribute('aria-haspopup', 'true');
      el.addEventListener('click', () => act(node.key));
      return el;
    }
    case 'checkbox': {
      const el = make('input', { type: 'checkbox' });
      el.addEventListener('change', () => act(node.key));
      return el;
    }
    case 'combobox': {
      const el = make('select');
      el.addEventListener('change', () => { if (el.value) act(node.key, el.value); });
      return el;
    }
    case 'tablist': return make('div', { role: 'tablist' });
    case 'tab': {
      const el = make('button', { type: 'button', role: 'tab', id: idFor(node.key) });
      el.addEventListener('click', () => act(node.key));
      return el;
    }
    case 'tabpanel': return make('div', { role: 'tabpanel' });
    case 'listbox': return make('div', { role: 'listbox', tabindex: '0' });
    case 'option': return make('div', { role: 'option', id: idFor(node.key) });
    case 'slider': {
      const el = make('input', { type: 'range' });
      el.addEventListener('input', () => act(node.key, el.value));
      return el;
    }
    case 'textfield': {
      const el = node.on ? make('textarea') : make('input', { type: 'text' });
      el.addEventListener('input', () => act(node.key, el.value));
      return el;
    }
    case 'alert': return make('p', { role: 'alert' });
    case 'dialog': return make('div', { role: 'dialog', 'aria-modal': 'true' });
    case 'tree': return make('ul', { role: 'tree', tabindex: '0' });
    case 'treeitem': return make('li', { role: 'treeitem', id: idFor(node.key) });
    // Roles on plain elements: the mirror's fixed placing would take a <table>'s layout (and Chromium's table) apart.
    case 'table': return make('div', { role: 'table' });
    case 'row': return make('div', { role: 'row' });
    case 'cell': return make('div', { role: 'cell' });
    default: return make('p');
  }
}

// Brings `el` up to `node` (what changed since `before`, the record it was last made from).
function update(el, node, before, selectedTab) {
  const changed = (field) => !before || JSON.stringify(before[field]) !== JSON.stringify(node[field]);
  const r = node.rect;
  if (node.role !== 'textbox' && r[2] > 0 && r[3] > 0) {
    el.classList.add('mirrored');
    el.style.left = `${r[0]}px`;
    el.style.top = `${r[1] + canvasTop()}px`;
    el.style.width = `${r[2]}px`;
    el.style.height = `${r[3]}px`;
  } else if (node.role !== 'textbox') {
    el.classList.add('mirrored', 'unplaced');
  }
  switch (node.role) {
    case 'textbox':
      if (changed('name')) el.setAttribute('aria-label', node.name);
      break;
    case 'banner': break;
    case 'region': case 'list': case 'tablist':
      if (changed('name')) el.setAttribute('aria-label', node.name);
      break;
    case 'tabpanel':
      if (selectedTab) el.setAttribute('aria-labelledby', idFor(selectedTab));
      else el.setAttribute('aria-label', node.name);
      break;
    case 'checkbox':
      if (changed('name')) el.setAttribute('aria-label', node.name);
      if (el.checked !== !!node.on) el.checked = !!node.on;
      el.disabled = !!node.disabled;
      break;
    case 'combobox': {
      if (changed('name')) el.setAttribute('aria-label', node.name);
      if (changed('options') || changed('value')) {
        const options = node.options || [];
        const known = options.some(([value]) => value === node.value);
        // A picker showing none of its options ("pick a model") says so in a first, empty option.
        const all = known ? options : [['', node.value === '' ? 'none' : node.value], ...options];
        el.replaceChildren(...all.map(([value, label]) => {
          const option = document.createElement('option');
          option.value = value;
          option.textContent = label;
          return option;
        }));
        el.value = known ? node.value : '';
      }
      break;
    }
    case 'listbox': case 'tree': case 'table': case 'treeitem': case 'dialog':  // (an item's text would hold its children's)
      if (changed('name')) el.setAttribute('aria-label', node.name);
      break;
    case 'textfield':
      if (changed('name')) el.setAttribute('aria-label', node.name);
      if (document.activeElement !== el && el.value !== node.value) el.value = node.value;  // not under the typing
      break;
    case 'slider': {
      if (changed('name')) el.setAttribute('aria-label', node.name);
      const [low, high, now, step] = node.range;
      el.min = low;
      el.max = high;
      el.step = step;
      if (+el.value !== now) el.value = now;
      el.disabled = !!node.disabled;
      break;
    }
    case 'option':
      if (changed('name')) el.textContent = node.name;
      el.setAttribute('aria-selected', node.on ? 'true' : 'false');
      el.setAttribute('aria-posinset', node.place);
      el.setAttribute('aria-setsize', node.setSize);
      break;
    case 'tab':
      if (changed('name')) el.textContent = node.name;
      el.setAttribute('aria-selected', node.on ? 'true' : 'false');
      el.tabIndex = node.on ? 0 : -1;  // one stop for the tab list; the arrows move within it
      break;
    case 'toggle': case 'menubutton': case 'button':
      if (changed('name')) el.textContent = node.name;
      if (node.role === 'toggle') el.setAttribute('aria-pressed', node.on ? 'true' : 'false');
      if (node.role === 'menubutton') el.setAttribute('aria-expanded', node.on ? 'true' : 'false');
      el.disabled = !!node.disabled;
      break;
    default:
      if (changed('name')) el.textContent = node.name;
  }
}

// Reconciles the document with the records: elements made, updated, moved into reading order, or removed.
function reconcile(nodes) {
  const keep = new Set(nodes.map((n) => n.key));
  const opened = [];  // dialogs that appear now
  for (const [key, el] of elements) {
    if (keep.has(key)) continue;
    if (drawn.get(key)?.role === 'dialog') closeDialog(el);
    if (el !== textInput) el.remove();
    elements.delete(key);
    drawn.delete(key);
  }
  const selectedTab = nodes.find((n) => n.role === 'tab' && n.on)?.key;
  const children = new Map();  // parent element → its records' elements, in order
  nodes.forEach((node) => {
    let el = elements.get(node.key);
    const before = drawn.get(node.key);
    if (el && before && before.role !== node.role) {
      el.remove();
      el = undefined;
    }
    if (!el) {
      el = create(node);
      if (node.role === 'dialog') opened.push(el);
      if (el !== textInput) el.dataset.key = node.key;
      elements.set(node.key, el);
      drawn.delete(node.key);
    }
    // Most records are as they were (a keystroke changes the counts and the token list): left alone.
    node.text = JSON.stringify(node);
    const previous = drawn.get(node.key);  // (none for an element just made)
    if (node.text !== previous?.text || node.role === 'tabpanel') update(el, node, previous, selectedTab);
    if (node.live && node.name !== previous?.name) announce(node.name);
    drawn.set(node.key, node);
    const parent = containerOf(node.parent >= 0 ? elements.get(nodes[node.parent].key) : root);
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(el);
  });
  // Moves only what is out of place: moving an element takes the focus from it (given back below).
  const focused = document.activeElement;
  for (const [parent, els] of children) {
    els.forEach((el, i) => {
      const at = parent.children[i];
      if (at !== el) parent.insertBefore(el, at || null);
    });
  }
  if (focused && focused !== document.activeElement && focused.isConnected) focused.focus({ preventScroll: true });
  // A tree item without items under it now has no group; one with them is open.
  for (const [key, el] of elements) {
    if (drawn.get(key)?.role !== 'treeitem') continue;
    if (el.group && !children.has(el.group)) {
      el.group.remove();
      el.group = null;
    }
    if (el.group) el.setAttribute('aria-expanded', 'true');
    else el.removeAttribute('aria-expanded');
  }
  for (const node of nodes) if (node.role === 'tree') keepTreeCurrent(elements.get(node.key));
  for (const dialog of opened) openDialog(dialog);
  // A list box keeps the focus and points at its current option (the screen reader follows it), once it is in place.
  for (const node of nodes) {
    if (node.role !== 'listbox') continue;
    const list = elements.get(node.key);
    if (node.value && elements.has(node.value)) list.setAttribute('aria-activedescendant', idFor(node.value));
    else list.removeAttribute('aria-activedescendant');
  }
  announceCounts(nodes);
}

// A dialog that appears takes the focus (its first button, Close) when the keyboard was in the mirror or nowhere,
// and gives it back to where it was when it goes.
const openers = new Map();  // dialog → the element that had the focus
function openDialog(dialog) {
  const before = document.activeElement;
  if (before && before !== document.body && !root.contains(before)) return;
  if (before === textInput) return;  // typing goes on in the text box (a shortcut's F1 from it)
  openers.set(dialog, before);
  dialog.querySelector('button')?.focus({ preventScroll: true });
}
function closeDialog(dialog) {
  const opener = openers.get(dialog);
  openers.delete(dialog);
  const active = document.activeElement;
  const hadFocus = !active || active === document.body || dialog.contains(active);  // (its button may be gone first)
  dialog.remove();
  if (hadFocus && opener?.isConnected) opener.focus({ preventScroll: true });
}

// Where a record's children go: a tree item's in a group inside it (ARIA's nesting of tree items), else in it.
function containerOf(el) {
  if (el.getAttribute?.('role') !== 'treeitem') return el;
  if (!el.group) {
    el.group = document.createElement('ul');
    el.group.setAttribute('role', 'group');
    el.append(el.group);
  }
  return el.group;
}

// A tree's current item (aria-activedescendant, moved by web/page/access/keys.js): kept while it is drawn, else its
// first item.
function keepTreeCurrent(tree) {
  const current = document.getElementById(tree.getAttribute('aria-activedescendant') || '');
  if (current && tree.contains(current)) return;
  const first = tree.querySelector('[role="treeitem"]');
  if (first) tree.setAttribute('aria-activedescendant', first.id);
  else tree.removeAttribute('aria-activedescendant');
}

// The counts after an edit settles, said once (politely: a screen reader finishes what it is saying), not at
// every keystroke.
const status = document.createElement('div');
status.setAttribute('role', 'status');
status.className = 'mirrored unplaced';
root.after(status);
placeAnnouncer(status);
let countsSaid = '', countsTimer = 0;
export const SETTLE_MS = 1500;
function announceCounts(nodes) {
  const counts = nodes.filter((n) => n.key.startsWith('count:')).map((n) => n.name).join(', ');
  if (counts === countsSaid) return;
  clearTimeout(countsTimer);
  countsTimer = setTimeout(() => {
    countsSaid = counts;
    status.textContent = counts;
  }, SETTLE_MS);
}

// Called from wasm (web/access_api.cpp) after a frame whose records differ from the last one's.
Module.accessChanged = () => queueMicrotask(() => {
  const { serial, nodes } = JSON.parse(Module.UTF8ToString(Module._bpeviz_access_json()));
  if (serial === shown) return;
  shown = serial;
  reconcile(nodes);
});
