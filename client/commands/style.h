// Terminal colours: used only when the stream is a terminal, NO_COLOR is
// unset (https://no-color.org) and TERM is not "dumb", so that pipes,
// files and scripts get plain text.
#ifndef GOVGRAPH_CLIENT_COMMANDS_STYLE_H_
#define GOVGRAPH_CLIENT_COMMANDS_STYLE_H_

#include <ostream>
#include <string>

#include "absl/strings/string_view.h"

namespace govgraph::client {

// True if `out` is std::cout or std::cerr, its file descriptor is a
// terminal, and the environment does not turn colours off.
bool UseColor(const std::ostream& out);

// `text` in bold (red), as ANSI escapes when `color`, else as it is.
std::string Bold(absl::string_view text, bool color);
std::string Red(absl::string_view text, bool color);

// "error: " for messages on std::cerr, red on a terminal.
std::string ErrorPrefix();

}  // namespace govgraph::client

#endif  // GOVGRAPH_CLIENT_COMMANDS_STYLE_H_
