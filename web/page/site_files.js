// Where the page finds the site's files. In build/web/site, as the build writes it, they sit where their
// names say (encodings/NAME beside page/). In a deployable site (scripts/version_site.mjs writes
// build/web/dist and replaces this file there), the code lives in a folder named by its content hash and the
// data files' names carry theirs, so hosts may cache them for a year: FILES maps each name to its place.

// The build's content hash, or '' in build/web/site.
export const BUILD = '';
// Site file name (encodings/o200k_base.bpevocab) → its place, relative to this module.
export const FILES = {};

// The URL of site file `name` (a data file, bpeviz.js, sw.js).
export const siteFile = (name) => new URL(FILES[name] || `../${name}`, import.meta.url).href;
