// Relation-type and entity-kind filters of the traversing queries: an empty
// filter allows everything.
#ifndef GOVGRAPH_SERVER_QUERY_TYPE_FILTERS_H_
#define GOVGRAPH_SERVER_QUERY_TYPE_FILTERS_H_

#include <algorithm>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "server/common/types.h"

namespace govgraph::query {

// kInvalidArgument if a value is unspecified or beyond `max`; `what` names
// the enum in the message ("relation type", "entity kind").
template <typename Enum>
absl::Status ValidateFilter(const std::vector<Enum>& values, int max,
                            const char* what) {
  for (Enum value : values) {
    const int number = static_cast<int>(value);
    if (number == 0 || number > max) {
      return absl::InvalidArgumentError(
          absl::StrCat(what, " ", number, " is unspecified or unknown"));
    }
  }
  return absl::OkStatus();
}

template <typename Enum>
bool FilterAllows(const std::vector<Enum>& allowed, Enum value) {
  return allowed.empty() ||
         std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_TYPE_FILTERS_H_
