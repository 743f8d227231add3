// The decode box (see ui/views/decode_box.h): ids in, text out, the bytes that are not UTF-8 named.
#include "ui/views/decode_box.h"

#include <cstdio>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "core/explain/byte_tokenizer.h"
#include "core/text/utf8.h"
#include "ui/access/record.h"
#include "ui/access/spoken.h"
#include "ui/text_box/text_editor.h"  // draw_keeping_text_on_escape
#include "ui/text_box/text_entries.h"
#include "ui/theme.h"

namespace bpeviz {

ParsedIds parse_ids(std::string_view input) {
  ParsedIds result;
  bool opened = false, closed = false;
  for (std::size_t i = 0; i < input.size();) {
    const char c = input[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') {
      ++i;
    } else if (c == '[' && !opened && result.ids.empty()) {
      opened = true;
      ++i;
    } else if (c == ']' && opened && !closed) {
      closed = true;
      ++i;
    } else if (c >= '0' && c <= '9' && !closed) {
      uint64_t value = 0;
      const std::size_t start = i;
      while (i < input.size() && input[i] >= '0' && input[i] <= '9') {
        value = value * 10 + static_cast<uint64_t>(input[i] - '0');
        if (value > UINT32_MAX) {
          result.error = "the number at character " + std::to_string(start + 1) + " is too large to be an id";
          return result;
        }
        ++i;
      }
      result.ids.push_back(static_cast<uint32_t>(value));
    } else {
      const std::size_t n = utf8_char_length(input, i);
      result.error = "\"" + std::string(input.substr(i, n)) + "\" at character " + std::to_string(i + 1) +
                     " is not part of a list of ids (write them like [15339, 1917] or 15339 1917)";
      return result;
    }
  }
  return result;
}

DecodedIds decode_ids(std::string_view input, const Encoding* encoding) {
  DecodedIds result;
  ParsedIds parsed = parse_ids(input);
  if (!parsed.error.empty()) {
    result.error = std::move(parsed.error);
    return result;
  }
  result.id_count = parsed.ids.size();
  std::string bytes;
  if (encoding) {
    auto decoded = encoding->decode_bytes(parsed.ids);
    if (!decoded.ok()) {
      result.error = std::move(decoded.error);
      return result;
    }
    bytes = std::move(decoded.value);
  } else {
    DecodeBytesResult decoded = decode_bytes(parsed.ids);
    if (decoded.bad_index != SIZE_MAX) {
      result.error = "id " + std::to_string(parsed.ids[decoded.bad_index]) + " (number " +
                     std::to_string(decoded.bad_index + 1) + ") is not a byte: the byte-level ids are 0–255";
      return result;
    }
    bytes = std::move(decoded.bytes);
  }
  // List the ill-formed stretches (one U+FFFD each in the text) with their bytes.
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t n = utf8_char_length(bytes, i);
    if (n > 1 || static_cast<unsigned char>(bytes[i]) < 0x80) {
      i += n;
      continue;
    }
    DecodedIds::BadBytes bad{static_cast<uint32_t>(i), ""};
    for (; i < bytes.size() && utf8_char_length(bytes, i) == 1 && static_cast<unsigned char>(bytes[i]) >= 0x80; ++i) {
      char hex[4];
      std::snprintf(hex, sizeof hex, bad.hex.empty() ? "%02X" : " %02X", static_cast<unsigned char>(bytes[i]));
      bad.hex += hex;
    }
    result.bad_bytes.push_back(std::move(bad));
  }
  result.text = utf8_repair(bytes);
  return result;
}

void set_decode_input(DecodeBoxState& state, std::string input) {
  state.input = std::move(input);
  ++state.input_revision;
}

void update_decode_box(DecodeBoxState& state, const std::string& encoding_name, const Encoding* encoding) {
  if (state.decoded_revision == state.input_revision && state.decoded_encoding == encoding_name) return;
  state.result = decode_ids(state.input, encoding);
  state.decoded_revision = state.input_revision;
  state.decoded_encoding = encoding_name;
}

void draw_decode_box(DecodeBoxState& state, const std::string& encoding_name, const Encoding* encoding,
                     AccessMirror* access) {
  ImGui::TextDisabled("Ids to decode with %s, e.g. [15339, 1917] or 15339 1917:", encoding_name.c_str());
  if (draw_keeping_text_on_escape(
          [&] {
            const bool changed = ImGui::InputTextMultiline("##decode-input", &state.input, ImVec2(-1, ImGui::GetFontSize() * 4));
            note_text_entry();  // a tap on it opens a phone's keyboard
            return changed;
          })) {
    ++state.input_revision;
  }
  if (access) {
    if (auto typed = mirror_textfield(*access, "decode-input", "Ids to decode with " + encoding_name, state.input, true)) {
      set_decode_input(state, std::move(*typed));
    }
  }
  update_decode_box(state, encoding_name, encoding);
  const DecodedIds& r = state.result;
  if (!r.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
    ImGui::TextWrapped("%s", r.error.c_str());
    ImGui::PopStyleColor();
    if (access) mirror_live_text(*access, "decode-error", r.error);  // said as the typing settles
    return;
  }
  ImGui::TextDisabled("%zu ids decode to:", r.id_count);
  if (access) mirror_text(*access, AccessRole::text, "decode-count", std::to_string(r.id_count) + " ids decode to:");
  if (!r.bad_bytes.empty()) {
    // One line naming every stretch that is not UTF-8, since the text shows only U+FFFD for it.
    std::string note = "not UTF-8, shown as \xEF\xBF\xBD:";
    for (std::size_t i = 0; i < r.bad_bytes.size() && i < 8; ++i) {
      note += (i ? "; " : " ") + r.bad_bytes[i].hex + " at byte " + std::to_string(r.bad_bytes[i].offset);
    }
    if (r.bad_bytes.size() > 8) note += "; …";
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().warning);
    ImGui::TextWrapped("%s", note.c_str());
    ImGui::PopStyleColor();
    if (access) mirror_text(*access, AccessRole::text, "decode-not-utf8", note);
  }
  ImGui::BeginChild("decoded", ImVec2(0, 0), true);
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(r.text.data(), r.text.data() + r.text.size());
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
  // The text decoded, as the box shows it (a long one in part: a screen reader reads it a line at a time anyway).
  if (access) mirror_text(*access, AccessRole::text, "decode-text", "Decoded text: " + spoken_quote(r.text, 4096));
}

}  // namespace bpeviz
