#include "client/commands/style.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "absl/strings/str_cat.h"

namespace govgraph::client {
namespace {

bool ColorAllowed() {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  const char* term = std::getenv("TERM");
  return term == nullptr || absl::string_view(term) != "dumb";
}

std::string Styled(absl::string_view code, absl::string_view text, bool color) {
  if (!color) return std::string(text);
  return absl::StrCat("\033[", code, "m", text, "\033[0m");
}

}  // namespace

bool UseColor(const std::ostream& out) {
  int fd = -1;
  if (&out == &std::cout) fd = STDOUT_FILENO;
  if (&out == &std::cerr) fd = STDERR_FILENO;
  return fd >= 0 && isatty(fd) == 1 && ColorAllowed();
}

std::string Bold(absl::string_view text, bool color) {
  return Styled("1", text, color);
}

std::string Red(absl::string_view text, bool color) {
  return Styled("31", text, color);
}

std::string ErrorPrefix() { return Red("error: ", UseColor(std::cerr)); }

}  // namespace govgraph::client
