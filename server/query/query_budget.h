// What bounds a long query: the caller's wish to stop (deadline passed,
// call cancelled), a cap on the work it may do and a cap on the memory its
// working state (visited nodes, tallies, collected results) may hold.
// Queries check them inside their loops, not only at the start.
#ifndef GOVGRAPH_SERVER_QUERY_QUERY_BUDGET_H_
#define GOVGRAPH_SERVER_QUERY_QUERY_BUDGET_H_

#include <cstdint>
#include <functional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "server/common/types.h"

namespace govgraph::query {

class QueryBudget {
 public:
  // Returns OK to go on, else why to stop (kDeadlineExceeded, kCancelled).
  using StopCheck = std::function<absl::Status()>;

  // `max_steps`: how many items (edges, nodes) the query may visit;
  // `max_bytes`: how much working state it may hold. `should_stop` may be
  // null (never stop).
  QueryBudget(int64_t max_steps, StopCheck should_stop,
              int64_t max_bytes = kDefaultMaxBytes)
      : max_steps_(max_steps),
        max_bytes_(max_bytes),
        should_stop_(std::move(should_stop)) {}

  static constexpr int64_t kDefaultMaxBytes = int64_t{256} << 20;

  // Counts `steps` more; kResourceExhausted (naming `what`) past either
  // cap, else the stop check's status.
  absl::Status Spend(int64_t steps, const std::string& what) {
    steps_ += steps;
    if (steps_ > max_steps_) {
      return absl::ResourceExhaustedError(absl::StrCat(
          what, ": more than ", max_steps_, " items to visit; narrow it"));
    }
    if (held_ > max_bytes_) {
      return absl::ResourceExhaustedError(
          absl::StrCat(what, ": the query would hold more than ",
                       max_bytes_ >> 20, " MiB; narrow it"));
    }
    return should_stop_ ? should_stop_() : absl::OkStatus();
  }

  // Counts `bytes` more of working state (estimated; see HeldBytes); the
  // next Spend fails past the memory cap.
  void Hold(int64_t bytes) { held_ += bytes; }

  int64_t steps() const { return steps_; }
  int64_t held_bytes() const { return held_; }

 private:
  const int64_t max_steps_;
  const int64_t max_bytes_;
  const StopCheck should_stop_;
  int64_t steps_ = 0;
  int64_t held_ = 0;
};

// Estimated memory of an id kept in a hash set or map.
inline int64_t HeldBytes(const std::string& id) {
  return static_cast<int64_t>(sizeof(std::string) + id.size() + 16);
}

// Estimated memory of an entity kept in a result or a map.
inline int64_t HeldBytes(const Entity& entity) {
  int64_t bytes = sizeof(Entity) + entity.id.size() + entity.name.size() +
                  entity.date.size() + entity.location.size() +
                  entity.verb.size() + entity.text.size();
  for (const std::string& alias : entity.aliases) bytes += HeldBytes(alias);
  return bytes;
}

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_QUERY_BUDGET_H_
