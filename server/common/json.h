// JSON text helpers shared by the server's logs and the CLI's output.
#ifndef GOVGRAPH_SERVER_COMMON_JSON_H_
#define GOVGRAPH_SERVER_COMMON_JSON_H_

#include <string>

#include "absl/strings/string_view.h"

namespace govgraph {

// Returns `value` as a JSON string literal, quotes included: '"' and '\'
// are escaped, control characters become \n, \t... or \u00XX, everything
// else (UTF-8 included) is copied.
std::string JsonQuote(absl::string_view value);

}  // namespace govgraph

#endif  // GOVGRAPH_SERVER_COMMON_JSON_H_
