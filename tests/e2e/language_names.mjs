// Real words in every script: each language's name for itself, from glibc's locale files (Debian's
// `locales`, installed by scripts/setup.sh), which spell most characters as <UXXXX>.
import fs from 'node:fs';

const LOCALES = '/usr/share/i18n/locales';

// The `lang_name` of a locale ('ta_IN' → 'தமிழ்').
export function languageName(locale) {
  const text = fs.readFileSync(`${LOCALES}/${locale}`, 'utf8');
  const quoted = /^lang_name\s+"(.*)"/m.exec(text);
  if (!quoted) throw new Error(`${LOCALES}/${locale} has no lang_name`);
  return quoted[1].replace(/<U([0-9A-Fa-f]+)>/g, (_, hex) => String.fromCodePoint(parseInt(hex, 16)));
}
