// The platform layer: owns the SDL2 window, the OpenGL (WebGL2 in the browser) context and the main
// loop, natively and in the browser. The only file that knows which of the two it is built for.
#include <SDL.h>
#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#include <emscripten.h>

#include "web/access_api.h"
#include "web/browser.h"
#include "web/encode_api.h"
#include "web/js_api.h"
#else
#include <SDL_opengl.h>
#endif

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>

#include "ui/app.h"
#include "ui/encoding_choice.h"
#include "ui/theme.h"

namespace {

// The mouse as the events handed to ImGui so far leave it. The SDL backend reads SDL's own state, which
// has every queued event applied: a release and the next press in one frame looked like a button held
// down (a click right after a drag extended the drag's selection), and a press kept for the next frame
// was seen at once. Buttons in ImGui's order: left, right, middle.
struct Mouse {
  bool down[3] = {}, pressed[3] = {}, released[3] = {};  // pressed and released: since ImGui's last frame
  int x = 0, y = 0;
  bool placed = false;  // x, y come from an event
};

struct Platform {
  std::deque<SDL_Event> held;  // events kept for the next frame (see poll_events)
  Mouse mouse;
  SDL_Window* window = nullptr;
  SDL_GLContext gl = nullptr;
  bpeviz::AppState app;
  std::vector<uint8_t> text_font, mono_font;  // the atlas borrows these bytes
  bool done = false;
  double fonts_rebuild_after = 0;  // ms (steady clock): new characters wait for the atlas until then
  bool fonts_upload_due = false;   // a new atlas waits for its texture (see rebuild_fonts_for_new_glyphs)
  // What the browser was last told to save (text revision and encoding).
  uint64_t saved_revision = 0;
  uint64_t saved_chat = 0;  // chat_revision of the conversation saved last
  std::string saved_encoding;
  bpeviz::Theme saved_theme = bpeviz::Theme::light;  // the theme the browser remembers
};

std::vector<uint8_t> read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) std::fprintf(stderr, "bpeviz: cannot read %s\n", path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The manifest of the fallback fonts (scripts/make_fallback_fonts.py); without it only the base font draws.
void load_font_manifest(Platform& p) {
  const std::vector<uint8_t> json = read_file(BPEVIZ_FONT_DIR "/fallback_fonts.json");
  auto manifest = bpeviz::parse_font_manifest(std::string_view(reinterpret_cast<const char*>(json.data()), json.size()));
  if (!manifest.ok()) std::fprintf(stderr, "bpeviz: %s\n", manifest.error.c_str());
  bpeviz::set_font_manifest(p.app.glyphs, std::move(manifest.value));
}

// The browser fetches a fallback font beside the page (web/page/fetching.js); the desktop build reads it.
void fetch_fallback_font(Platform& p, std::size_t font) {
  const std::string& file = p.app.glyphs.manifest.fallbacks[font].file;
#ifdef __EMSCRIPTEN__
  bpeviz::browser_fetch_font(font, file.c_str());
#else
  std::vector<uint8_t> bytes = read_file((BPEVIZ_FALLBACK_FONT_DIR "/" + file).c_str());
  if (bytes.empty()) bpeviz::fallback_font_failed(p.app.glyphs, font);
  else bpeviz::fallback_font_loaded(p.app.glyphs, font, std::move(bytes));
#endif
}

// ImGui's index of an SDL mouse button, or -1.
int imgui_button(Uint8 button) {
  switch (button) {
    case SDL_BUTTON_LEFT: return 0;
    case SDL_BUTTON_RIGHT: return 1;
    case SDL_BUTTON_MIDDLE: return 2;
    default: return -1;
  }
}

// Notes a mouse event in `mouse`; false for a press of a button released since ImGui's last frame,
// which must wait for the next frame (ImGui sees only whether a button is down at each frame).
bool track_mouse(Mouse& mouse, const SDL_Event& event) {
  if (event.type == SDL_MOUSEMOTION) {
    mouse.x = event.motion.x;
    mouse.y = event.motion.y;
    mouse.placed = true;
    return true;
  }
  if (event.type != SDL_MOUSEBUTTONDOWN && event.type != SDL_MOUSEBUTTONUP) return true;
  const int b = imgui_button(event.button.button);
  if (b < 0) return true;
  const bool down = event.type == SDL_MOUSEBUTTONDOWN;
  if (down && mouse.released[b]) return false;
  mouse.down[b] = down;
  (down ? mouse.pressed : mouse.released)[b] = true;
  mouse.x = event.button.x;
  mouse.y = event.button.y;
  mouse.placed = true;
  return true;
}

// Gives ImGui the mouse of the events it was handed (after the SDL backend's NewFrame set SDL's): a
// button pressed and released within the frame is down for it, and up at the next.
void apply_mouse(Mouse& mouse, ImGuiIO& io) {
  for (int b = 0; b < 3; ++b) {
    io.MouseDown[b] = mouse.down[b] || mouse.pressed[b];
    mouse.pressed[b] = mouse.released[b] = false;
  }
  if (mouse.placed && io.MousePos.x != -FLT_MAX) io.MousePos = ImVec2(static_cast<float>(mouse.x), static_cast<float>(mouse.y));
}

// A finger's SDL event as a touch sample for ui/touch (SDL gives its place as a fraction of the window).
bpeviz::TouchSample touch_sample(const Platform& p, const SDL_TouchFingerEvent& f, Uint32 type) {
  int width = 0, height = 0;
  SDL_GetWindowSize(p.window, &width, &height);
  bpeviz::TouchSample s;
  s.kind = type == SDL_FINGERDOWN ? bpeviz::TouchSample::Kind::down
           : type == SDL_FINGERUP ? bpeviz::TouchSample::Kind::up
                                  : bpeviz::TouchSample::Kind::move;
  s.finger = static_cast<int64_t>(f.fingerId);
  s.x = f.x * static_cast<float>(width);
  s.y = f.y * static_cast<float>(height);
  s.ms = static_cast<double>(f.timestamp);  // SDL_GetTicks's clock, as frame() gives the gesture
  return s;
}

// ImGui 1.86 sees only which keys are down at each frame: a key pressed and released within one
// frame (a quick tap on a slow laptop, or a test driver) would be lost, and so would a shortcut whose
// Ctrl is let go in the frame its letter was pressed. So once a key is pressed in a frame, any key's
// release waits for the next frame, and so do all events after it, in order.
// Returns whether there were any events (input, for the frame pacing).
bool poll_events(Platform& p) {
  if (bpeviz::input_waits_for_paste(p.app)) return false;  // SDL keeps them queued, in order
  std::vector<SDL_Event> events(p.held.begin(), p.held.end());
  p.held.clear();
  for (SDL_Event event; SDL_PollEvent(&event);) events.push_back(event);
  ImGuiIO& io = ImGui::GetIO();
  bool pressed = false;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const SDL_Event& event = events[i];
    // Keys after a click wait for the frame after it, so that they reach what the click focused (and a
    // Shift let go just after a Shift+click does not undo it).
    const bool key = event.type == SDL_KEYDOWN || event.type == SDL_KEYUP || event.type == SDL_TEXTINPUT ||
                     event.type == SDL_TEXTEDITING;
    const bool clicked = p.mouse.pressed[0] || p.mouse.pressed[1] || p.mouse.pressed[2];
    if ((event.type == SDL_KEYUP && pressed) || (key && clicked) || !track_mouse(p.mouse, event)) {
      p.held.assign(events.begin() + static_cast<std::ptrdiff_t>(i), events.end());
      return true;
    }
    ImGui_ImplSDL2_ProcessEvent(&event);
    if (event.type == SDL_FINGERDOWN || event.type == SDL_FINGERMOTION || event.type == SDL_FINGERUP) {
      if (event.tfinger.touchId != SDL_MOUSE_TOUCHID) bpeviz::touch_pointer_feed(p.app.touch, touch_sample(p, event.tfinger, event.type));
    } else if ((event.type == SDL_MOUSEMOTION && event.motion.which != SDL_TOUCH_MOUSEID) ||
               ((event.type == SDL_MOUSEBUTTONDOWN || event.type == SDL_MOUSEBUTTONUP) && event.button.which != SDL_TOUCH_MOUSEID)) {
      bpeviz::touch_pointer_mouse_used(p.app.touch);
    }
    if (event.type == SDL_KEYDOWN || event.type == SDL_KEYUP) {
      // The modifiers held with this key. The backend asks SDL_GetModState(), which has every queued
      // event applied already: a Ctrl+Z whose four events came in one frame was seen as a bare Z.
      const Uint16 mod = event.key.keysym.mod;
      io.KeyShift = (mod & KMOD_SHIFT) != 0;
      io.KeyCtrl = (mod & KMOD_CTRL) != 0;
      io.KeyAlt = (mod & KMOD_ALT) != 0;
      io.KeySuper = (mod & KMOD_GUI) != 0;
    }
    if (event.type == SDL_KEYDOWN) pressed = true;
    if (event.type == SDL_QUIT) p.done = true;
  }
  return !events.empty();
}

// Gives ImGui's renderer the atlas's texture (its RGBA pixels made the first time they are asked for).
void upload_fonts_texture() {
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

// Rasterizes the fonts again (ui/fonts/fonts.h) and gives ImGui's renderer the new texture, or with
// `upload_later`, has the texture's pixels ready for the next animation frame to upload. Nothing may
// be drawn before it is.
void rebuild_fonts(Platform& p, float pixel_ratio, float font_scale, bool upload_later = false) {
  const double before = bpeviz::pacing_now_ms();
  p.app.fonts = bpeviz::load_fonts(ImGui::GetIO(), p.text_font, p.mono_font, pixel_ratio, p.app.glyphs, font_scale);
  p.app.editor.follow_caret = true;
  if (upload_later) {
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    p.fonts_upload_due = true;
  } else {
    upload_fonts_texture();
  }
  // A rebuild rasterizes every glyph again: with 2,500 ideographs at 2× it took 0.9 s in headless
  // Chromium. Typing new characters into such a text must not freeze each keystroke, so after a
  // rebuild the next one waits ten times as long as it took (new characters show as U+XXXX meanwhile).
  const double after = bpeviz::pacing_now_ms();
  p.fonts_rebuild_after = after + 10 * (after - before);
}

// The page shows characters the atlas lacks (ui/fonts/glyph_needs.h): a script's fallback font is fetched
// the first time its characters appear, and the atlas is rebuilt once they can be drawn. The rebuild
// takes an animation frame of its own, drawing nothing (the canvas keeps the last frame): in the same
// task as a frame with 10 MB in the text box it passed 100 ms. Its texture is uploaded in the next,
// also drawing nothing: the two together took up to 105 ms on a page just opened (rasterizing 3,600
// glyphs 20-60 ms, the texture 5-30 ms). Input stays queued for the next frame. Returns whether it
// did either.
bool rebuild_fonts_for_new_glyphs(Platform& p) {
  if (std::exchange(p.fonts_upload_due, false)) {
    upload_fonts_texture();
    return true;
  }
  for (const std::size_t font : bpeviz::update_glyph_needs(p.app.glyphs)) fetch_fallback_font(p, font);
  if (p.app.fonts.generation == 0 || !p.app.glyphs.atlas_outdated || bpeviz::pacing_now_ms() < p.fonts_rebuild_after) return false;
  rebuild_fonts(p, p.app.fonts.pixel_ratio, p.app.fonts.scale, /*upload_later=*/true);
  return true;
}

// Draws a frame when one is due (ui/frame_pacing.h); returns whether it did.
bool frame(void* arg) {
  // The frame's own work (events, the app, ImGui's draw lists) and its drawing (WebGL calls), timed
  // apart: the page benchmark reads both (a software WebGL makes the second no measure of ours).
  const auto now_ms = bpeviz::pacing_now_ms;
  const auto frame_started = std::chrono::steady_clock::now();
  const double started = std::chrono::duration<double, std::milli>(frame_started.time_since_epoch()).count();
  auto& p = *static_cast<Platform*>(arg);
  if (rebuild_fonts_for_new_glyphs(p)) return true;
  if (poll_events(p)) bpeviz::note_input(p.app.pacing, started);
  if (!bpeviz::frame_due(p.app.pacing, started, bpeviz::app_moving(p.app))) return false;
  bpeviz::note_drawn(p.app.pacing, started);
  ImGuiIO& io = ImGui::GetIO();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  apply_mouse(p.mouse, io);
  bpeviz::touch_pointer_frame(p.app.touch, io, static_cast<double>(SDL_GetTicks64()));
  // Rasterize fonts for the screen's density: at start, and when the page moves to another
  // screen or is zoomed (SDL resizes the canvas backing store to CSS size × devicePixelRatio).
  // Presentation mode enlarges the type: a new atlas at the larger size keeps it sharp.
  const float pixel_ratio = io.DisplayFramebufferScale.x > 0 ? io.DisplayFramebufferScale.x : 1.0f;
  const float font_scale = bpeviz::wanted_font_scale(p.app, io.DisplaySize.y);
  if (pixel_ratio != p.app.fonts.pixel_ratio || font_scale != p.app.fonts.scale) rebuild_fonts(p, pixel_ratio, font_scale);
#ifdef __EMSCRIPTEN__
  // Encodings picked (or compared) whose data is not here yet: the browser fetches them (web/page/fetching.js).
  for (const std::string& name : bpeviz::take_encoding_fetches(p.app)) {
    const std::string file = bpeviz::EncodingSet::builtin_file(name);
    if (!file.empty()) bpeviz::browser_fetch_encoding(name.c_str(), file.c_str());
  }
#endif
  ImGui::NewFrame();
  bpeviz::app_frame(p.app, frame_started);
  ImGui::Render();
#ifdef __EMSCRIPTEN__
  if (p.app.copy_link_request) {
    p.app.copy_link_request = false;
    bpeviz::browser_copy_link();
  }
  if (p.app.share.link_request) {
    p.app.share.link_request = false;  // share_link_made fills it in, from the page's JavaScript
    bpeviz::browser_share_link();
  }
  // Within the click's user activation, so the browser lets the page open its file picker.
  if (p.app.open_tokenizer_request) {
    p.app.open_tokenizer_request = false;
    bpeviz::browser_open_tokenizer_files();
  }
  if (p.app.download_request) {
    const auto& file = *p.app.download_request;
    bpeviz::browser_download(file.filename.c_str(), file.contents.data(), file.contents.size());
    p.app.download_request.reset();
  }
  bpeviz::access_frame_done(p.app.access);  // the page's semantic copy of the controls (web/page/access/)
  // The text survives a reload: web/page/session.js saves it after a pause in typing (a cheap call each change).
  const std::string& encoding = p.app.requested_encoding.empty() ? p.app.encoding : p.app.requested_encoding;
  const uint64_t chat_key = bpeviz::chat_revision(p.app.chat);
  if (p.saved_revision != p.app.editor.revision || p.saved_encoding != encoding || p.saved_chat != chat_key) {
    p.saved_revision = p.app.editor.revision;
    p.saved_encoding = encoding;
    p.saved_chat = chat_key;
    bpeviz::browser_session_changed();
  }
  if (p.saved_theme != p.app.theme) {  // picked by the user: remembered for the next visit
    p.saved_theme = p.app.theme;
    bpeviz::browser_theme_changed(bpeviz::theme_name(p.app.theme));
  }
#endif
  [[maybe_unused]] const double drawn_lists = now_ms();
  int width = 0, height = 0;
  SDL_GL_GetDrawableSize(p.window, &width, &height);
  glViewport(0, 0, width, height);
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  SDL_GL_SwapWindow(p.window);
#ifdef __EMSCRIPTEN__
  // Read before this task ends: WebGL clears its drawing buffer once the frame is composited.
  if (!p.app.png_capture.empty()) bpeviz::browser_capture_png(std::exchange(p.app.png_capture, std::string()).c_str());
  bpeviz::browser_frame_drawn(drawn_lists - started, now_ms() - drawn_lists);
#endif
  return true;
}

}  // namespace

int main(int, char**) {
  // Fingers reach ImGui through ui/touch (taps, drags that scroll, long presses), not as SDL's
  // synthetic mouse, which would press at every touch's start: a drag would also click, and select.
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    std::fprintf(stderr, "bpeviz: SDL_Init failed: %s\n", SDL_GetError());
    return 1;
  }
#ifdef __EMSCRIPTEN__
  const char* glsl_version = "#version 300 es";  // WebGL2
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#else
  const char* glsl_version = "#version 150";
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, SDL_GL_CONTEXT_FORWARD_COMPATIBLE_FLAG);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
#endif
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  static Platform platform;  // lives as long as the main loop, which outlives main() in the browser
  Platform& p = platform;
  // SDL stamps a finger's event when the page handles it. A busy page handles a flick's moves late and in a
  // burst, so the stamp goes back by as long as the browser held the event (web/page/input/touch.js says how
  // long): the gesture times the finger as it moved. The filter sees each event as it is queued.
  SDL_SetEventFilter(
      [](void* platform, SDL_Event* event) {
        if (event->type == SDL_FINGERDOWN || event->type == SDL_FINGERMOTION || event->type == SDL_FINGERUP) {
          const double age = std::max(0.0, static_cast<Platform*>(platform)->app.touch.event_age_ms);
          event->tfinger.timestamp -= std::min(static_cast<Uint32>(age), event->tfinger.timestamp);
        }
        return 1;
      },
      &platform);
  // In the browser the canvas is sized by CSS; RESIZABLE + ALLOW_HIGHDPI make SDL keep its backing
  // store at CSS size × devicePixelRatio as the window changes.
  p.window = SDL_CreateWindow("bpeviz", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280, 800,
                              SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  if (!p.window) {
    std::fprintf(stderr, "bpeviz: cannot create a window: %s\n", SDL_GetError());
    return 1;
  }
  p.gl = SDL_GL_CreateContext(p.window);
  if (!p.gl) {
    std::fprintf(stderr, "bpeviz: cannot create an OpenGL context: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_MakeCurrent(p.window, p.gl);
  SDL_GL_SetSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  bpeviz::apply_theme(ImGui::GetStyle());
  ImGui_ImplSDL2_InitForOpenGL(p.window, p.gl);
  ImGui_ImplOpenGL3_Init(glsl_version);
  p.app.keys = {SDL_SCANCODE_F1, SDL_SCANCODE_F5, SDL_SCANCODE_F2};  // the SDL backend's key indices are scancodes
  p.text_font = read_file(BPEVIZ_FONT_DIR "/DejaVuSans.ttf");
  p.mono_font = read_file(BPEVIZ_FONT_DIR "/JetBrainsMono-Regular.ttf");
  load_font_manifest(p);
  p.app.editor.text = "Byte pair encoding merges the most frequent pair of adjacent tokens, again and again. "
                      "Héllo wörld! 👋 你好";

#ifdef __EMSCRIPTEN__
  // SDL2 2.26 cannot read the browser's clipboard: pastes arrive from the paste event
  // (web/page/input/text_input.js) as bpeviz_paste, and ImGui's own Ctrl+V (which text_input.js keeps from
  // SDL) finds nothing.
  io.GetClipboardTextFn = [](void*) { return ""; };
  io.SetClipboardTextFn = bpeviz::browser_set_clipboard;
  io.ImeSetInputScreenPosFn = bpeviz::browser_place_ime;
  bpeviz::js_api_attach(&p.app);
  bpeviz::browser_watch_memory();
  bpeviz::use_encodings(&p.app.encodings);
  bpeviz::select_encoding(p.app, "o200k_base");  // GPT-4o's, fetched in the background
  // A share link, or the text of the last visit, replaces the example (web/page/session.js decides which).
  const bpeviz::SavedSession saved = bpeviz::browser_saved_session();
  if (saved.has_text) p.app.editor.text = saved.text;
  if (!saved.encoding.empty()) bpeviz::select_encoding(p.app, saved.encoding);
  p.app.message = saved.message;
  if (const auto theme = bpeviz::theme_from_name(saved.theme)) p.app.theme = *theme;
  if (saved.has_chat) {
    bpeviz::set_chat_messages(p.app.chat, saved.chat);
    p.app.chat.format_name = saved.chat_format;  // a name the tokenizer lacks falls back to its usual one
  }
  p.saved_theme = p.app.theme;
  p.saved_revision = p.app.editor.revision;  // nothing new to save yet
  p.saved_chat = bpeviz::chat_revision(p.app.chat);
  p.saved_encoding = p.app.requested_encoding.empty() ? p.app.encoding : p.app.requested_encoding;
  // The page settles at full rate first, as after input.
  bpeviz::note_input(p.app.pacing, bpeviz::pacing_now_ms());
  // Every animation frame of the browser's; frame() draws only when one is due.
  emscripten_set_main_loop_arg([](void* arg) { frame(arg); }, &p, 0, true);
#else
  while (!p.done) {
    if (!frame(&p)) SDL_WaitEventTimeout(nullptr, 16);  // still: sleep until input or the next look
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(p.gl);
  SDL_DestroyWindow(p.window);
  SDL_Quit();
#endif
  return 0;
}
