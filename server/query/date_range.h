// An inclusive range of ISO dates (YYYY-MM-DD) a query filters by; either
// end may be open.
#ifndef GOVGRAPH_SERVER_QUERY_DATE_RANGE_H_
#define GOVGRAPH_SERVER_QUERY_DATE_RANGE_H_

#include <string>

#include "absl/status/status.h"

namespace govgraph::query {

struct DateRange {
  std::string from;  // Empty: no lower bound.
  std::string to;    // Empty: no upper bound.

  // kInvalidArgument unless each end is empty or a real date and from <= to.
  absl::Status Validate() const;

  // True if `date` is in the range. With no bounds everything is, undated
  // items included; with a bound, undated items are not.
  bool Contains(const std::string& date) const;
};

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_DATE_RANGE_H_
