#!/usr/bin/python3
"""Cuts the page's fallback fonts out of Debian's font packages and writes their manifest.

The canvas draws text with DejaVu Sans (preloaded). Every other script comes from a fallback file
the page fetches only when its text needs it, so each file holds one script, and the big CJK font is
cut into pieces by code point range (a text with 你好 fetches two pieces of Han, not all of it).
The manifest (JSON) lists, for the base font and each file, the code points it really has (from its
cmap after subsetting) and its vertical metrics, so the page can size glyphs to the base font's em.

Usage: make_fallback_fonts.py BASE_TTF OUT_DIR MANIFEST   (run with Debian's python3: python3-fonttools)
"""
import json
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

NOTO = '/usr/share/fonts/truetype/noto'
DROID = '/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf'  # the one with Hangul
SYMBOLA = '/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf'

# Han and the emoji in pieces of 1,280 and 256 code points (about 200 KB each): the page's example,
# "... 👋 你好", then fetches three pieces (about 600 KB), where whole files would be 4 MB.
HAN = [(first, min(0x9FFF, first + 0x4FF)) for first in range(0x4E00, 0xA000, 0x500)]
EMOJI = [(first, first + 0xFF) for first in range(0x1F300, 0x1FB00, 0x100)]

# name, script, source file, unicodes (pyftsubset syntax), preferred. A preferred font draws its
# script even where DejaVu Sans has glyphs too (DejaVu's Arabic and Hebrew would mix two designs in
# one word); the others only fill what DejaVu Sans lacks.
FILES = [
    ('arabic', 'Arabic', f'{NOTO}/NotoSansArabic-Regular.ttf', '0600-06FF,0750-077F,08A0-08FF,FB50-FDFF,FE70-FEFF', True),
    ('hebrew', 'Hebrew', f'{NOTO}/NotoSansHebrew-Regular.ttf', '0590-05FF,FB1D-FB4F', True),
    ('devanagari', 'Devanagari', f'{NOTO}/NotoSansDevanagari-Regular.ttf', '0900-097F,A8E0-A8FF,1CD0-1CFF', True),
    ('thai', 'Thai', f'{NOTO}/NotoSansThai-Regular.ttf', '0E00-0E7F', True),
    ('cjk-symbols', 'CJK', DROID, '1100-11FF,2E80-2FDF,3000-303F,3040-30FF,3100-318F,31A0-31FF,3200-33FF,FE30-FE4F,FF00-FFEF', False),
    ('hangul', 'Hangul', DROID, 'AC00-D7AF', False),
    ('han-ext', 'CJK', DROID, '3400-4DBF,F900-FAFF', False),
] + [(f'han-{a:04X}', 'CJK', DROID, f'{a:04X}-{b:04X}', False) for a, b in HAN] + [
    # Monochrome emoji: stb_truetype (in Dear ImGui 1.86) cannot draw colour emoji fonts.
    ('symbols', 'Emoji', SYMBOLA, '2190-21FF,2300-23FF,2460-24FF,25A0-27BF,2900-297F,2B00-2BFF,1F000-1F2FF', False),
] + [(f'emoji-{a:04X}', 'Emoji', SYMBOLA, f'{a:04X}-{b:04X}', False) for a, b in EMOJI]


def ranges_of(code_points):
    """Sorted code points as [[first, last], ...]."""
    out = []
    for cp in sorted(code_points):
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def describe(font, file, script, preferred):
    # stb_truetype sizes by hhea's ascender - descender: the page needs it to match em sizes.
    return {'file': file, 'script': script, 'preferred': preferred,
            'heightPerEm': (font['hhea'].ascent - font['hhea'].descent) / font['head'].unitsPerEm,
            'ranges': ranges_of(font.getBestCmap().keys())}


def main(base_ttf, out_dir, manifest_path):
    os.makedirs(out_dir, exist_ok=True)
    for stale in os.listdir(out_dir):  # pieces of an earlier cut would be served for nothing
        if stale.endswith('.ttf'):
            os.remove(os.path.join(out_dir, stale))
    manifest = {'base': describe(TTFont(base_ttf), os.path.basename(base_ttf), 'Latin', False), 'fallbacks': []}
    options = subset.Options()
    options.layout_features = []  # Dear ImGui does no shaping: GSUB/GPOS would only be downloaded
    options.hinting = False       # stb_truetype ignores hinting
    options.name_IDs = ['*']      # keep the copyright and license names
    options.notdef_outline = True
    for name, script, source, unicodes, preferred in FILES:
        font = TTFont(source)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(unicodes))
        subsetter.subset(font)
        if not font.getBestCmap():
            continue  # the source has nothing in this range (Symbola stops before U+1FA70)
        file = f'{name}.ttf'
        font.save(os.path.join(out_dir, file))
        manifest['fallbacks'].append(describe(TTFont(os.path.join(out_dir, file)), file, script, preferred))
    with open(manifest_path, 'w') as f:
        json.dump(manifest, f, separators=(',', ':'))


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
