#include "ui/fonts/visible_glyphs.h"

#include "ui/app.h"

namespace bpeviz {

void note_visible_glyphs(AppState& state) {
  VisibleGlyphSources& seen = state.glyph_sources;
  const TextEditorState& editor = state.editor;
  // A large paste lands in a later frame (its memory was claimed in this one): its characters (gathered
  // as it came) are noted now, so that the atlas is rebuilt in a frame of its own before it lands (the app holds it
  // meanwhile), not with ImGui taking in the whole text.
  if (editor.paste_memory_claimed && editor.paste_request && !seen.paste_noted) {
    // Gathered as the paste came: scanning 10 MB here took 50 to 70 ms of the frame.
    note_code_points(state.glyphs, editor.paste_code_points.list);
    seen.paste_noted = true;
  }
  if (seen.text_revision != editor.revision) {
    // Only what changed when that is known for this revision (a keystroke, a paste), else everything;
    // nothing when the change is the paste noted ahead (a character typed in the same frame waits for
    // the next scan of the whole text).
    const bool known = state.changed_text_revision == editor.revision && seen.text_revision != UINT64_MAX &&
                       state.changed_text.end <= editor.text.size();
    const bool noted_ahead = seen.paste_noted && !editor.paste_request;
    seen.text_revision = editor.revision;
    if (noted_ahead) seen.paste_noted = false;
    const std::string_view text = editor.text;
    if (!noted_ahead) {
      note_text(state.glyphs, known ? text.substr(state.changed_text.begin, state.changed_text.end - state.changed_text.begin) : text);
    }
  }
  const DecodeBoxState& decode = state.decode_box;
  if (seen.decode_revision != decode.decoded_revision || seen.decode_encoding != decode.decoded_encoding) {
    seen.decode_revision = decode.decoded_revision;
    seen.decode_encoding = decode.decoded_encoding;
    note_text(state.glyphs, decode.result.text);
  }
  const MergeTreeViewState& tree = state.tree;
  if (seen.tree_serial != tree.built_serial) {
    seen.tree_serial = tree.built_serial;
    if (tree.built && tree.built_encoding) note_text(state.glyphs, tree.built_encoding->ranks().token(tree.built_id));
  }
  if (seen.chat_serial != state.chat.serial) {
    seen.chat_serial = state.chat.serial;
    note_text(state.glyphs, state.chat.rendered.text);  // its rows' boxes show the same characters
  }
}

}  // namespace bpeviz
