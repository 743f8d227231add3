#include "ui/visible_glyphs.h"

#include "ui/app.h"

namespace bpeviz {

void note_visible_glyphs(AppState& state) {
  VisibleGlyphSources& seen = state.glyph_sources;
  if (seen.text_revision != state.editor.revision) {
    // Only what changed when that is known for this revision (a keystroke, a paste), else everything.
    const bool known = state.changed_text_revision == state.editor.revision && seen.text_revision != UINT64_MAX &&
                       state.changed_text.end <= state.editor.text.size();
    seen.text_revision = state.editor.revision;
    const std::string_view text = state.editor.text;
    note_text(state.glyphs, known ? text.substr(state.changed_text.begin, state.changed_text.end - state.changed_text.begin) : text);
  }
  // A large paste lands on the next frame (its memory was claimed in this one): its characters are
  // noted now, so that the atlas is rebuilt as that frame starts, not on the one after it, when ImGui
  // takes in the whole text (70 ms for 10 MB in the browser).
  if (state.editor.paste_memory_claimed && state.editor.paste_request) note_text(state.glyphs, *state.editor.paste_request);
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
