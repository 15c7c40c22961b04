#include "server/query/result_cache.h"

#include "server/query/query_budget.h"

namespace govgraph::query {

ResultCache::Result ResultCache::Find(uint64_t fingerprint, uint64_t version) {
  absl::MutexLock lock(&mu_);
  auto it = index_.find(Key{fingerprint, version});
  if (it == index_.end()) return nullptr;
  entries_.splice(entries_.begin(), entries_, it->second);
  return it->second->result;
}

void ResultCache::Put(uint64_t fingerprint, uint64_t version, Result result) {
  int64_t bytes = sizeof(Entry);
  for (const Entity& entity : *result) bytes += HeldBytes(entity);
  if (bytes > max_bytes_) return;
  absl::MutexLock lock(&mu_);
  const Key key{fingerprint, version};
  if (auto it = index_.find(key); it != index_.end()) {
    held_ -= it->second->bytes;
    entries_.erase(it->second);
    index_.erase(it);
  }
  entries_.push_front(Entry{key, std::move(result), bytes});
  index_[key] = entries_.begin();
  held_ += bytes;
  EvictLocked();
}

int64_t ResultCache::held_bytes() const {
  absl::MutexLock lock(&mu_);
  return held_;
}

void ResultCache::EvictLocked() {
  while (held_ > max_bytes_ && !entries_.empty()) {
    held_ -= entries_.back().bytes;
    index_.erase(entries_.back().key);
    entries_.pop_back();
  }
}

}  // namespace govgraph::query
