// Files in and out of the page: tokenizer files the user picks or drops on it, and downloads (the
// training studio's and the Export menu's files, a picture of the canvas).
import { Module } from './wasm.js';
import { canvasPng } from './frames.js';
import { api } from './api.js';

// Tokenizer files: the encoding picker's "Load tokenizer files…" opens a file picker, then asks for
// special tokens to add (CS336's special_tokens; optional), and files dropped anywhere on the page are
// loaded the same way, with none added.
const tokenizerInput = document.createElement('input');
tokenizerInput.type = 'file';
tokenizerInput.multiple = true;
tokenizerInput.style.display = 'none';
document.body.appendChild(tokenizerInput);
const loadTokenizerFiles = async (fileList, specials = []) => {
  const files = await Promise.all(fileList.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  await api.loadTokenizer(files, 'gpt2', specials).catch(() => {});  // the page shows the problem
};
// Separated by commas or line breaks, as the training studio's field takes them; Cancel adds none.
const askSpecialTokens = () => {
  const typed = window.prompt('Special tokens to add (optional), comma-separated, e.g. <|endoftext|>', '');
  return (typed || '').split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
};
tokenizerInput.addEventListener('change', () => {
  const files = [...tokenizerInput.files];
  tokenizerInput.value = '';
  if (files.length) loadTokenizerFiles(files, askSpecialTokens());
});
Module.openTokenizerFiles = () => tokenizerInput.click();
// Called from wasm right after a frame is drawn, while WebGL's drawing buffer still holds it.
Module.capturePng = (filename) => Module.download(filename, canvasPng(), 'image/png');
// The training studio's and the Export menu's files, as downloads.
Module.download = (filename, bytes, type = 'application/octet-stream') => {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
};
window.addEventListener('dragover', (event) => {
  if (event.dataTransfer && [...event.dataTransfer.types].includes('Files')) event.preventDefault();
});
window.addEventListener('drop', (event) => {
  if (!event.dataTransfer || !event.dataTransfer.files.length) return;
  event.preventDefault();
  loadTokenizerFiles([...event.dataTransfer.files]);
});
