// Whole results of the dated list queries (meetings, directives), kept for
// their later pages: a client paging through 30,000 meetings would otherwise
// have each page collect and sort all of them again. An entry belongs to
// one request (its fingerprint) on one state of the graph (the store's
// Version), so a write makes every older entry unreachable.
#ifndef GOVGRAPH_SERVER_QUERY_RESULT_CACHE_H_
#define GOVGRAPH_SERVER_QUERY_RESULT_CACHE_H_

#include <cstdint>
#include <list>
#include <memory>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "server/common/types.h"

namespace govgraph::query {

// Thread-safe. Least recently used entries go first once the entries
// together hold more than `max_bytes` (estimated as QueryBudget does).
class ResultCache {
 public:
  using Result = std::shared_ptr<const std::vector<Entity>>;

  explicit ResultCache(int64_t max_bytes) : max_bytes_(max_bytes) {}

  ResultCache(const ResultCache&) = delete;
  ResultCache& operator=(const ResultCache&) = delete;

  // The result stored for (`fingerprint`, `version`), or null.
  Result Find(uint64_t fingerprint, uint64_t version);

  // Stores `result`, replacing what (`fingerprint`, `version`) held; a
  // result larger than the whole cache is not kept.
  void Put(uint64_t fingerprint, uint64_t version, Result result);

  int64_t held_bytes() const;

 private:
  using Key = std::pair<uint64_t, uint64_t>;  // (fingerprint, version).
  struct Entry {
    Key key;
    Result result;
    int64_t bytes = 0;
  };

  void EvictLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const int64_t max_bytes_;
  mutable absl::Mutex mu_;
  std::list<Entry> entries_ ABSL_GUARDED_BY(mu_);  // Most recent first.
  absl::flat_hash_map<Key, std::list<Entry>::iterator> index_
      ABSL_GUARDED_BY(mu_);
  int64_t held_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_RESULT_CACHE_H_
