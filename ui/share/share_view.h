// Share: the page's link as a large QR code with the short address under it, for a class to scan from the
// projector (the Share button, F2, or the page's API). The link itself is made by the platform layer.
#pragma once

#include <string>

#include "ui/share/qr_code.h"

namespace bpeviz {

struct AppState;

struct ShareState {
  bool open = false;
  bool link_request = false;  // the platform layer makes the link and hands it to share_link_made
  std::string link;           // what the code holds ("" until it is made)
  std::string address;        // the short address shown under the code: host and path
  std::string dropped;        // what the link leaves out to stay scannable, said under the code ("" for nothing)
  QrCode code;
  std::string error;          // the link could not become a code
  float module_pixels = 0;    // one module's side as drawn, in CSS pixels (0 while not drawn)
};

// Opens (asking for the link) or closes Share.
void show_share(ShareState& share, bool on);

// The platform layer's link for the open Share view, with its short address and what it left out.
void share_link_made(ShareState& share, std::string link, std::string address, std::string dropped);

// The Share view over the page while it is open: a modal, as large as the window allows (nearly all of it
// while presenting); Escape, F2 or its close button closes it. Sets state.share_rect to the code's square
// (with its quiet zone).
void draw_share(AppState& state);

}  // namespace bpeviz
