// What bounds a long query: the caller's wish to stop (deadline passed,
// call cancelled) and a cap on the work it may do. Queries check both inside
// their loops, not only at the start.
#ifndef GOVGRAPH_SERVER_QUERY_QUERY_BUDGET_H_
#define GOVGRAPH_SERVER_QUERY_QUERY_BUDGET_H_

#include <cstdint>
#include <functional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace govgraph::query {

class QueryBudget {
 public:
  // Returns OK to go on, else why to stop (kDeadlineExceeded, kCancelled).
  using StopCheck = std::function<absl::Status()>;

  // `max_steps`: how many items (edges, nodes) the query may visit.
  // `should_stop` may be null (never stop).
  QueryBudget(int64_t max_steps, StopCheck should_stop)
      : max_steps_(max_steps), should_stop_(std::move(should_stop)) {}

  // Counts `steps` more; kResourceExhausted (naming `what`) past the cap,
  // else the stop check's status.
  absl::Status Spend(int64_t steps, const std::string& what) {
    steps_ += steps;
    if (steps_ > max_steps_) {
      return absl::ResourceExhaustedError(absl::StrCat(
          what, ": more than ", max_steps_, " items to visit; narrow it"));
    }
    return should_stop_ ? should_stop_() : absl::OkStatus();
  }

  int64_t steps() const { return steps_; }

 private:
  const int64_t max_steps_;
  const StopCheck should_stop_;
  int64_t steps_ = 0;
};

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_QUERY_BUDGET_H_
