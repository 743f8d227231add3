// The theme: the one the user picked at an earlier visit, else the system's; kept apart from the
// session, as a preference: a theme never picked keeps following the system.
import { Module } from './wasm.js';

const THEME_KEY = 'bpeviz.theme';
export function startTheme() {
  try {
    const saved = localStorage.getItem(THEME_KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch (e) { /* storage turned off: the system's */ }
  return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
// The page around the canvas (loading and error messages) in the same theme.
document.documentElement.dataset.theme = startTheme();
// Called from wasm when the user picks a theme.
Module.themeChanged = (theme) => {
  document.documentElement.dataset.theme = theme;
  try { localStorage.setItem(THEME_KEY, theme); } catch (e) { /* not kept: a preference, no message */ }
};
