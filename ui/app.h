// The whole page as one plain state struct and one frame function that draws it.
// Views request work by setting state; app_frame carries it out (re-tokenizing when the text changes).
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/catalog/encoding_set.h"
#include "core/text/pretokenize.h"
#include "core/token.h"
#include "core/explain/token_groups.h"
#include "ui/access/mirror.h"
#include "ui/views/chat_view.h"
#include "ui/views/compare_view.h"
#include "ui/views/decode_box.h"
#include "ui/views/encode_player_view.h"
#include "ui/fonts/fonts.h"
#include "ui/frame_pacing.h"
#include "ui/views/schemes_view.h"
#include "ui/views/ids_panel.h"
#include "ui/views/merge_tree_view.h"
#include "ui/panels.h"
#include "ui/share/share_view.h"
#include "ui/shortcuts.h"
#include "ui/header/flow.h"
#include "ui/header/special_mode.h"
#include "ui/text_box/text_editor.h"
#include "ui/theme.h"
#include "ui/tokens/token_view.h"
#include "ui/studio/training_studio.h"
#include "ui/tokenize_schedule.h"
#include "ui/touch/touch_pointer.h"
#include "ui/fonts/visible_glyphs.h"

namespace bpeviz {

struct AppState {
  TextEditorState editor;
  TokenViewState token_view;
  IdsPanelState ids_panel;
  DecodeBoxState decode_box;
  EncodePlayerState player;
  MergeTreeViewState tree;
  TrainingStudioState studio;
  SchemesViewState schemes;
  CompareViewState compare;
  ChatViewState chat;
  Fonts fonts;
  uint32_t fonts_generation_drawn = 0;  // the atlas the last frame drew with (a new one: rebuilt this frame)
  GlyphNeeds glyphs;                  // the code points on screen and the fonts they need
  VisibleGlyphSources glyph_sources;  // what note_visible_glyphs scanned last

  // The encoding the tokens are shown for: "bytes" or a built-in encoding already in `encodings`.
  std::string encoding = "bytes";
  std::string model;  // the model picked by name ("" when the encoding was picked directly)
  SpecialMode special_mode = SpecialMode::allowed;
  // A tokenizer.json's BOS/EOS around the text (Hugging Face's add_special_tokens; off by default).
  bool add_special_tokens = false;
  EncodingSet encodings;  // vocabularies loaded so far
  // An encoding picked but not loaded yet: the platform layer fetches its data and calls
  // encoding_loaded or encoding_failed. The tokens stay those of the current encoding meanwhile.
  std::string requested_encoding;
  bool fetch_started = false;
  // The Compare tab's encodings being fetched the same way (without picking them).
  std::vector<std::string> compare_fetches;
  std::string message;  // a problem, shown in red under the header until the next change
  std::string notice;   // news that needs no action (a link was copied), shown until the next change

  // The classroom: theme, presentation mode and the shortcuts overlay. (The lesson on show is not
  // kept here: it is the one whose text the text box holds, after a reload or a link too.)
  Theme theme = Theme::light;
  bool presenting = false;
  bool shortcuts_help = false;
  ShareState share;   // the page's link as a QR code for the class (ui/share/share_view.h)
  ShortcutKeys keys;  // set by the platform layer
  // What apply_theme last put in ImGui's style (app_frame re-applies it when these change).
  Theme styled_theme = Theme::light;
  bool styled_presenting = false;
  float styled_scale = 0;

  Panel panel = Panel::tokens;
  std::optional<Panel> panel_request;  // switch tabs from outside the tab bar (the page's API)
  bool copy_link_request = false;      // the platform layer builds the link and copies it
  bool open_tokenizer_request = false; // the platform layer lets the user pick tokenizer files
  std::optional<ExportFile> download_request;  // the platform layer offers it as a download
  std::string export_tokens_request;  // "json" or "csv": the shown tokens become a download_request
  // A picture of the canvas, downloaded as this file name: asked for by the Export menu, taken by the
  // platform layer right after the next frame is drawn (png_capture), once the menu has closed.
  std::string png_request, png_capture;

  // The tokens of editor.text under `encoding` and `special_mode`, as of tokens_revision.
  std::vector<Token> tokens;
  std::vector<TokenGroup> groups;
  std::vector<Span> pieces;  // the pre-tokens (a special token is a piece of its own)
  std::size_t characters = 0;  // code points in the text (an ill-formed byte counts as one)
  std::string tokens_error;    // the policy made the text an error: no tokens, this message instead
  uint64_t tokens_revision = 0;
  std::string tokens_encoding;
  SpecialMode tokens_special_mode = SpecialMode::allowed;
  bool tokens_add_special_tokens = false;
  uint64_t tokens_serial = 0;  // bumped whenever `tokens` is recomputed: views cache by it
  // Set when the last update re-encoded only around an edit (core/incremental_encode.h): which tiles of
  // the Tokens tab it replaced, so that the view lays out only those.
  std::optional<TileSplice> tokens_splice;
  TokenizeSchedule schedule;  // how far a long text's tokenizing has got, and the frames' budget for it
  // The bytes of the text that changed at revision changed_text_revision (0: none recorded): the
  // glyph scan reads only those.
  Span changed_text{0, 0};
  uint64_t changed_text_revision = 0;

  // Where widgets were drawn last frame, in CSS pixels (tests and the page's JS API read these).
  struct Rect { float x = 0, y = 0, width = 0, height = 0; };
  Rect editor_rect, tokens_rect, panel_rect, copy_link_rect, model_rect, encoding_rect, special_rect;
  Rect lessons_rect, theme_rect, present_rect, help_rect, caption_rect, export_rect;  // zero when not drawn
  Rect progress_rect;  // the tokenizing progress bar while a long text is tokenized (else zero)
  Rect status_rect, status_dismiss_rect;  // the band of problems and news over the window's foot (zero when not drawn)
  Rect export_item_rects[3];  // the Export menu's JSON, CSV and PNG items while it is open
  Rect switch_rects[3];  // the token view's switches: whitespace, byte notation, pre-token lane (zero while presenting)
  Rect add_special_rect;  // the BOS/EOS switch, for models that have one (else zero)
  Rect tab_rects[9];  // each tab by Panel: in the tab bar, or in the tab picker's list while it is open (else zero)
  Rect tab_picker_rect;  // the tabs as a picker, on a page too narrow for their names (else zero)
  bool tabs_folded = false;  // whether the tabs were a picker last frame
  Rect menu_rect;  // the header's Menu button, on a page too narrow for its controls (else zero)
  HeaderFit header_fit = HeaderFit::one_row;  // how the header held its controls this frame
  bool counts_fit_one_row = true;  // whether the counts, Export and the switches shared one row (last frame)
  // The encoding picker's entries while its list is open: their names and rectangles.
  std::vector<std::pair<std::string, Rect>> encoding_item_rects;
  Rect share_rect;  // the Share view's QR code with its quiet zone, while it is shown
  Rect share_button_rect;  // the header's Share button (in the Menu on a narrow page)

  uint64_t frame = 0;  // frames drawn so far
  FramePacing pacing;  // the platform layer's: input noted by its events and by the page's calls
  TouchPointer touch;  // fingers, fed by the platform layer and played to ImGui as a mouse (ui/touch/)
  AccessMirror access;  // the controls as drawn, for the page's semantic DOM copy (ui/access/)
  // Set while a paste is on its way from the page's JavaScript (a part per task): see input_waits_for_paste.
  bool input_held = false;
};

// The pre-tokenizer behind the shown tokens ("none" for the byte-level baseline).
std::string_view shown_pretokenizer(const AppState& state);

// The special-token policy in force, with the BOS/EOS toggle for models that have one.
SpecialPolicy current_policy(const AppState& state);

// Whether the picture changes by itself at the next frames: a text tokenized a part per frame, a
// player playing, a paste carried out over frames, a font atlas to rebuild (ui/frame_pacing.h).
bool app_moving(const AppState& state);

// How much larger than usual the fonts are: 1, or in presentation mode 1.5× on a window up to
// 800 pixels high, 2× at 1080 and at most 2.25×, in quarter steps (each step is a new font atlas).
float wanted_font_scale(const AppState& state, float display_height);

// `name` fit for a file name (an encoding's name; a user's tokenizer may have any).
std::string file_name_part(std::string name);
// The shown tokens as a file: kind "json" or "csv" (core/formats/token_export.h). An error when there are no
// tokens (the policy made the text an error) or for another kind.
Result<ExportFile> export_tokens(const AppState& state, std::string_view kind);
// The text box a paste or typed text goes to: a Chat row's while it has the focus, else the page's.
TextEditorState& focused_editor(AppState& state);
// Whether the platform leaves its keys and clicks queued this frame: while a paste is on its way
// (input_held) or waits to go into the box that has the focus (its memory claimed first, a few
// frames), so that what is typed meanwhile lands after the paste.
bool input_waits_for_paste(AppState& state);
// Where ImGui drew its last item, for the rectangles above that state().layout reports.
AppState::Rect item_rect();

// Draws one frame of the app into the current ImGui frame, filling the display.
// `frame_started`: when the platform began the frame (before its own work, such as rebuilding the
// font atlas), so that optional work stays within the frame's budget.
void app_frame(AppState& state, std::chrono::steady_clock::time_point frame_started = std::chrono::steady_clock::now());

}  // namespace bpeviz
