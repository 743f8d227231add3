#!/usr/bin/python3
"""Cuts the page's fallback fonts out of Debian's font packages and writes their manifest.

The canvas draws text with DejaVu Sans (preloaded). Every other script comes from a fallback file
the page fetches only when its text needs it, so each file holds one script, and the big CJK font is
cut into pieces by code point range (a text with 你好 fetches two pieces of Han, not all of it).
The manifest (JSON) lists, for the base font and each file, the code points it really has (from its
cmap after subsetting) and its vertical metrics, so the page can size glyphs to the base font's em.

The scripts named in FILES are cut by hand; every other Unicode block (Debian's unicode-data
Blocks.txt) that DejaVu Sans does not draw whole goes to the Noto font (fonts-noto-core) with most
of its characters, so that every script Noto covers draws (Tamil, Bengali, Ethiopic, Myanmar, ...).

Usage: make_fallback_fonts.py BASE_TTF OUT_DIR MANIFEST   (run with Debian's python3: python3-fonttools)
"""
import json
import os
import re
import sys
import unicodedata

from fontTools import subset
from fontTools.ttLib import TTFont

NOTO = '/usr/share/fonts/truetype/noto'
DROID = '/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf'  # the one with Hangul
SYMBOLA = '/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf'
BLOCKS = '/usr/share/unicode/Blocks.txt'

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


# Noto files that are a second design of a script another file already covers, or not a text face.
NOT_CANDIDATES = re.compile(r'Display|Mono|Unjoined|Slanted|Looped|Kufi|Naskh|Nastaliq|Rashi|UI-|Tifinagh[A-Z]')
# Fonts for symbols and for Latin, Greek and Cyrillic: they only fill what DejaVu Sans lacks.
GENERIC = {'NotoSans', 'NotoSerif', 'NotoSansSymbols', 'NotoSansSymbols2', 'NotoSansMath', 'NotoMusic'}


def parse_ranges(unicodes):
    """'0600-06FF,FB50' as a set of code points."""
    return set(subset.parse_unicodes(unicodes))


def unicode_blocks():
    """[(first, last, name)] from Blocks.txt."""
    blocks = []
    for line in open(BLOCKS, encoding='utf-8'):
        m = re.match(r'([0-9A-F]+)\.\.([0-9A-F]+); (.+)', line)
        if m:
            blocks.append((int(m[1], 16), int(m[2], 16), m[3].strip()))
    return blocks


def noto_candidates():
    """[(family, path, cmap)]: script faces first (sans before serif), generic ones last."""
    files = [f for f in os.listdir(NOTO) if f.endswith('-Regular.ttf') and not NOT_CANDIDATES.search(f)]
    def order(f):
        family = f[:-len('-Regular.ttf')]
        return (family in GENERIC, not family.startswith('NotoSans'), family)
    out = []
    for f in sorted(files, key=order):
        out.append((f[:-len('-Regular.ttf')], f'{NOTO}/{f}', set(TTFont(f'{NOTO}/{f}', lazy=True).getBestCmap())))
    return out


def file_name(family):
    """'NotoSansCanadianAboriginal' as 'canadian-aboriginal', 'NotoSerifTibetan' as 'tibetan'."""
    if family in ('NotoSans', 'NotoSerif'):
        return family[4:].lower() + '-extra'
    short = re.sub(r'^Noto(Sans|Serif)?', '', family)
    return re.sub(r'(?<=[a-z0-9])(?=[A-Z])', '-', short).lower()


def every_other_script(base_cmap, taken):
    """FILES entries for the blocks FILES leaves out: each to the Noto font with most of its characters."""
    candidates = noto_candidates()
    blocks_of = {}  # family -> the block code points it will draw
    for first, last, _ in unicode_blocks():
        block = set(range(first, last + 1))
        if block & taken:
            continue
        best, best_count = None, 0
        for family, path, cmap in candidates:
            count = len(block & cmap)
            if count > best_count:
                best, best_count = (family, path, cmap), count
        if best is None or not (block & best[2]) - base_cmap:
            continue  # no Noto font has it, or DejaVu Sans draws all it has
        family, path, cmap = best
        wanted = block & cmap
        if family in GENERIC:
            wanted -= base_cmap  # only what DejaVu Sans lacks: the rest would never be drawn from it
        blocks_of.setdefault((family, path), set()).update(wanted)
    names = {name for name, _, _, _, _ in FILES}
    out = []
    for (family, path), code_points in blocks_of.items():
        script = re.sub(r'^Noto(Sans|Serif)?', '', family) or 'Latin'
        # Pieces of 1,280 code points, as for Han: Tangut whole would be 3 MB.
        whole = len(code_points) <= 0x500
        for first in [0] if whole else sorted({cp // 0x500 * 0x500 for cp in code_points}):
            piece = code_points if whole else {cp for cp in code_points if first <= cp < first + 0x500}
            name = file_name(family) if whole else f'{file_name(family)}-{first:04X}'
            if name in names:  # a block of a script FILES cuts by hand (Arabic Extended-B)
                name = f'{name}-{min(piece):04X}'
            names.add(name)
            unicodes = ','.join(f'{a:04X}-{b:04X}' for a, b in ranges_of(piece))
            out.append((name, script, path, unicodes, family not in GENERIC))
    return out


def ranges_of(code_points):
    """Sorted code points as [[first, last], ...]."""
    out = []
    for cp in sorted(code_points):
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


# What HarfBuzz needs beside a script's letters: the dotted circle it puts a lone mark on, and the joiners.
# They are left out of the manifest: DejaVu Sans draws them alone, and a script font claiming them would be
# fetched for a text without its script.
SHAPING_HELPERS = {0x25CC, 0x200C, 0x200D}


def describe(font, file, script, preferred):
    # stb_truetype sizes by hhea's ascender - descender: the page needs it to match em sizes.
    return {'file': file, 'script': script, 'preferred': preferred,
            'heightPerEm': (font['hhea'].ascent - font['hhea'].descent) / font['head'].unitsPerEm,
            'ranges': ranges_of(set(font.getBestCmap().keys()) - SHAPING_HELPERS)}


def main(base_ttf, out_dir, manifest_path):
    os.makedirs(out_dir, exist_ok=True)
    for stale in os.listdir(out_dir):  # pieces of an earlier cut would be served for nothing
        if stale.endswith('.ttf'):
            os.remove(os.path.join(out_dir, stale))
    manifest = {'base': describe(TTFont(base_ttf), os.path.basename(base_ttf), 'Latin', False), 'fallbacks': []}
    def subset_options(shaped):
        options = subset.Options()
        # HarfBuzz shapes the script fonts (ui/shaping/clusters.h): they keep their layout tables and the
        # glyphs only those reach (conjuncts, reordered and stacked forms). Dear ImGui draws the others by
        # code point: GSUB/GPOS would only be downloaded.
        options.layout_features = ['*'] if shaped else []
        options.hinting = False       # stb_truetype ignores hinting
        options.name_IDs = ['*']      # keep the copyright and license names
        options.notdef_outline = True
        return options
    taken = set().union(*(parse_ranges(unicodes) for _, _, _, unicodes, _ in FILES))
    base_cmap = set(TTFont(base_ttf).getBestCmap())
    for name, script, source, unicodes, preferred in FILES + every_other_script(base_cmap, taken):
        font = TTFont(source)
        # Left-to-right script fonts only: Arabic and Hebrew are still ordered and joined by the page's own code.
        shaped = preferred and source.startswith(NOTO) and not any(
            unicodedata.bidirectional(chr(c)) in ('R', 'AL') for c in subset.parse_unicodes(unicodes))
        subsetter = subset.Subsetter(subset_options(shaped))
        subsetter.populate(unicodes=subset.parse_unicodes(unicodes) + (sorted(SHAPING_HELPERS) if shaped else []))
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
