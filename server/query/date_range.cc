#include "server/query/date_range.h"

#include "absl/strings/str_cat.h"
#include "server/common/text.h"

namespace govgraph::query {

absl::Status DateRange::Validate() const {
  for (const std::string* date : {&from, &to}) {
    if (!date->empty() && !IsIsoDate(*date)) {
      return absl::InvalidArgumentError(
          absl::StrCat("\"", *date, "\" is not a real YYYY-MM-DD date"));
    }
  }
  if (!from.empty() && !to.empty() && from > to) {
    return absl::InvalidArgumentError(
        absl::StrCat("from_date ", from, " is after to_date ", to));
  }
  return absl::OkStatus();
}

bool DateRange::Contains(const std::string& date) const {
  if (from.empty() && to.empty()) return true;
  if (date.empty()) return false;
  return (from.empty() || from <= date) && (to.empty() || date <= to);
}

}  // namespace govgraph::query
