// The keyboard in the mirror (web/page/access/mirror.js): Tab and Shift+Tab move the real focus through its
// controls in reading order, Enter and Space act, the arrows move between the tabs, a slider's value, a list's
// or a tree's current item; Escape then Tab leaves the
// text box (where Tab types a tab). SDL2 listens for keys on the window and cancels the browser's own handling
// of Tab, the arrows and every key's release: keys a focused control uses itself stop at the mirror, the
// others (the single-key shortcuts) go on to SDL2 as before. Wasm learns where the focus is, for its ring.
import { root, act, noteFocus, keyOf } from './mirror.js';

const textInput = document.getElementById('text-input');

// Keys a control of each kind uses itself; the rest reach the page's shortcuts.
const ACTIVATE = new Set(['Tab', 'Enter', ' ']);
const MOVE = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);
// The list box of tokens: its keys and the command each sends (ui/access/token_list.h).
const LIST_KEYS = { ArrowRight: 'next', ArrowDown: 'next', ArrowLeft: 'previous', ArrowUp: 'previous', Home: 'first',
                    End: 'last', PageDown: 'page-down', PageUp: 'page-up', Enter: 'open' };
// A slider's own keys (the browser moves its value).
const SLIDER_KEYS = new Set([...MOVE, 'PageUp', 'PageDown']);
// A tree's keys: the current item moves among the items in reading order, or to its parent or first child.
const TREE_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End']);
const field = (el) => el.tagName === 'SELECT' || el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && el.type === 'text');
function ownsKey(el, key) {
  if (field(el)) return !/^F\d+$/.test(key);  // type-ahead or typing, arrows, Escape: all its own
  if (el.type === 'range') return SLIDER_KEYS.has(key) || key === 'Tab';
  if (ACTIVATE.has(key)) return true;
  if (el.getAttribute('role') === 'listbox') return key in LIST_KEYS;
  if (el.getAttribute('role') === 'tree') return TREE_KEYS.has(key);
  return el.getAttribute('role') === 'tab' && MOVE.has(key);
}

let escaped = false;  // Escape was the text box's last key: Tab now leaves it
let tabbing = false;  // the focus is moving by Tab (it reaches the text box as a keyboard user's)

// The next or previous tab (wrapping), or the first or last one: focused and shown.
function moveInTabs(tab, key) {
  const tabs = [...tab.parentElement.querySelectorAll('[role="tab"]')];
  const i = tabs.indexOf(tab);
  const next = key === 'Home' ? 0 : key === 'End' ? tabs.length - 1
    : (i + (key === 'ArrowRight' || key === 'ArrowDown' ? 1 : -1) + tabs.length) % tabs.length;
  tabs[next].focus();
  act(keyOf(tabs[next]));
}

// Moves a tree's current item for `key` (the screen reader follows aria-activedescendant).
function moveInTree(tree, key) {
  const items = [...tree.querySelectorAll('[role="treeitem"]')];
  const current = document.getElementById(tree.getAttribute('aria-activedescendant') || '') ?? items[0];
  const i = Math.max(0, items.indexOf(current));
  let next = items[i];
  if (key === 'ArrowDown') next = items[Math.min(i + 1, items.length - 1)];
  else if (key === 'ArrowUp') next = items[Math.max(i - 1, 0)];
  else if (key === 'Home') next = items[0];
  else if (key === 'End') next = items.at(-1);
  else if (key === 'ArrowLeft') next = current?.parentElement?.closest('[role="treeitem"]') ?? current;
  else if (key === 'ArrowRight') next = current?.querySelector('[role="treeitem"]') ?? current;
  if (next) tree.setAttribute('aria-activedescendant', next.id);
}

for (const type of ['keydown', 'keypress', 'keyup']) {
  root.addEventListener(type, (event) => {
    const el = event.target;
    if (el === textInput) {
      if (type !== 'keydown') return;
      if (event.key === 'Tab' && escaped && !event.ctrlKey && !event.altKey && !event.metaKey) {
        escaped = false;
        tabbing = true;
        event.stopPropagation();  // SDL2 would cancel it (and type a tab): the browser moves the focus
        return;
      }
      if (!['Shift', 'Control', 'Alt', 'Meta'].includes(event.key)) escaped = event.key === 'Escape';
      return;  // typing, as before
    }
    if (!ownsKey(el, event.key)) return;
    event.stopPropagation();
    if (type !== 'keydown') return;
    tabbing = event.key === 'Tab';
    if (el.getAttribute('role') === 'tab' && MOVE.has(event.key)) {
      event.preventDefault();
      moveInTabs(el, event.key);
    } else if (el.getAttribute('role') === 'tree' && TREE_KEYS.has(event.key)) {
      event.preventDefault();
      moveInTree(el, event.key);
    } else if (el.getAttribute('role') === 'listbox' && event.key in LIST_KEYS) {
      event.preventDefault();
      act(keyOf(el), LIST_KEYS[event.key]);
    }
  });
}

root.addEventListener('focusin', (event) => {
  if (event.target === textInput) {
    // By Tab: the box takes the keyboard. By a click on the canvas (web/page/input/text_input.js): the click decides.
    noteFocus(tabbing ? 'text' : '');
  } else {
    noteFocus(keyOf(event.target) ?? '');
  }
  tabbing = false;
});
root.addEventListener('focusout', (event) => {
  if (!root.contains(event.relatedTarget)) noteFocus('');
});

// Whether a control of the mirror other than the text box has the focus (the page then leaves it there).
export const mirrorFocused = () => root.contains(document.activeElement) && document.activeElement !== textInput;
