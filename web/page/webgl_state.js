// Answers WebGL2's getParameter for the viewport, the scissor box and the blend settings from what was
// last set, without asking the GPU process. Chrome asks it for these, and the answer waits for all the
// drawing queued before the question: ImGui's OpenGL backend reads them every frame to restore them
// afterwards, and that wait was 10 ms a frame on average here and up to 100 ms during a 10 MB paste
// (SwiftShader). The page's only context is the one bpeviz draws with, and it sets these only through
// the calls wrapped below, so what was last set is what the GPU holds.
(() => {
  if (typeof WebGL2RenderingContext === 'undefined') return;  // main.js says the page needs WebGL2
  const gl = WebGL2RenderingContext;
  const proto = gl.prototype;
  const known = new WeakMap();  // context → Map(pname → value set last)
  const cache = (context) => {
    let values = known.get(context);
    if (!values) known.set(context, values = new Map());
    return values;
  };
  const remember = (context, pairs) => {
    const values = cache(context);
    for (const [pname, value] of pairs) values.set(pname, value);
  };

  const getParameter = proto.getParameter;
  const CACHED = new Set([gl.VIEWPORT, gl.SCISSOR_BOX, gl.BLEND_SRC_RGB, gl.BLEND_DST_RGB, gl.BLEND_SRC_ALPHA,
                          gl.BLEND_DST_ALPHA, gl.BLEND_EQUATION_RGB, gl.BLEND_EQUATION_ALPHA]);
  proto.getParameter = function (pname) {
    if (!CACHED.has(pname)) return getParameter.call(this, pname);
    const values = cache(this);
    if (this.isContextLost()) {  // a restored context starts from the defaults again
      values.clear();
      return null;
    }
    if (!values.has(pname)) values.set(pname, getParameter.call(this, pname));  // asked once
    const value = values.get(pname);
    return value instanceof Int32Array ? Int32Array.from(value) : value;  // the caller may write into it
  };

  // A negative size is refused (INVALID_VALUE) and changes nothing; ImGui passes only valid blend enums.
  const wrap = (name, record) => {
    const set = proto[name];
    proto[name] = function (...args) {
      set.apply(this, args);
      const pairs = record(...args);
      if (pairs && !this.isContextLost()) remember(this, pairs);
    };
  };
  const box = (pname) => (x, y, width, height) => width >= 0 && height >= 0 && [[pname, Int32Array.of(x, y, width, height)]];
  wrap('viewport', box(gl.VIEWPORT));
  wrap('scissor', box(gl.SCISSOR_BOX));
  wrap('blendFunc', (src, dst) => [[gl.BLEND_SRC_RGB, src], [gl.BLEND_SRC_ALPHA, src], [gl.BLEND_DST_RGB, dst], [gl.BLEND_DST_ALPHA, dst]]);
  wrap('blendFuncSeparate', (srcRgb, dstRgb, srcAlpha, dstAlpha) =>
    [[gl.BLEND_SRC_RGB, srcRgb], [gl.BLEND_DST_RGB, dstRgb], [gl.BLEND_SRC_ALPHA, srcAlpha], [gl.BLEND_DST_ALPHA, dstAlpha]]);
  wrap('blendEquation', (mode) => [[gl.BLEND_EQUATION_RGB, mode], [gl.BLEND_EQUATION_ALPHA, mode]]);
  wrap('blendEquationSeparate', (rgb, alpha) => [[gl.BLEND_EQUATION_RGB, rgb], [gl.BLEND_EQUATION_ALPHA, alpha]]);
})();
