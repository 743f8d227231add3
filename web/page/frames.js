// The frames bpeviz draws, as JavaScript sees them: bpeviz.ready (the first one), the callers waiting
// for the next frame or its picture, and the recent frames' times.
import { Module } from './wasm.js';

const canvas = document.getElementById('canvas');
const loading = document.getElementById('loading');

let resolveReady, rejectReady;
export const ready = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });
ready.catch(() => {});  // a page without WebGL2 still works as a page; callers see the rejection
// The page could not start (no WebGL2, no bpeviz.js) or stopped: bpeviz.ready rejects with `error`.
export const failReady = (error) => rejectReady(error);

let frameWaiters = [];
let pngWaiters = [];  // bpeviz.exportPng calls waiting for the next frame's picture
let frameTimes = [];  // [work, draw] ms of recent frames (bpeviz.frameTimes)

// Called from wasm (web/browser.cpp) once a frame is on screen.
Module.onFrameDrawn = (workMs, drawMs) => {
  frameTimes.push([workMs, drawMs]);
  if (frameTimes.length > 1000) frameTimes.splice(0, 500);
  if (loading.style.display !== 'none') {
    loading.style.display = 'none';
    resolveReady();
  }
  if (pngWaiters.length) {
    const png = canvasPng();
    pngWaiters.forEach((resolve) => resolve(png));
    pngWaiters = [];
  }
  const waiters = frameWaiters;
  frameWaiters = [];
  waiters.forEach((resolve) => resolve());
};

// Resolves once the next frame has been drawn.
export const waitForFrame = () => new Promise((resolve) => frameWaiters.push(resolve));
// Resolves to the PNG file's bytes of the next frame drawn.
export const waitForFramePng = () => new Promise((resolve) => pngWaiters.push(resolve));

// The frames drawn since the last call, as [[work, draw], ...] in ms.
export function takeFrameTimes() {
  const times = frameTimes;
  frameTimes = [];
  return times;
}

// The canvas as a PNG file's bytes. Only right after drawing, within the same task: WebGL clears the
// drawing buffer once the frame is on screen (no preserveDrawingBuffer, which would cost every frame).
export function canvasPng() {
  const url = canvas.toDataURL('image/png');
  const binary = atob(url.slice(url.indexOf(',') + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
