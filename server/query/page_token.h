// Opaque page tokens for GraphQuery. A token binds a store scan position to
// the request that produced it, so a token replayed against another request
// (another entity, type, direction, query or kind) is rejected instead of
// silently resuming the wrong scan. Tokens are stable across server restarts:
// nothing in them depends on process state.
//
// Wire format (before web-safe base64 without padding). THESE BYTES ARE HELD
// BY CLIENTS ACROSS RESTARTS AND UPGRADES: never reorder or reinterpret; bump
// kPageTokenVersion for any change.
//
//   version:u8 fingerprint:u64 phase:u8 position:bytes checksum:u32
//
// Integers are big-endian. `fingerprint` is RequestFingerprint() of the
// request's identifying fields; `phase` says which scan of a multi-scan
// request the position belongs to (ListRelations kBoth: 0 outgoing, 1
// incoming; otherwise 0); `checksum` is the low 32 bits of Fnv1a64 over all
// the bytes before it, so truncated or corrupted tokens are rejected. The
// checksum is not a MAC: the store still validates positions.
#ifndef GOVGRAPH_SERVER_QUERY_PAGE_TOKEN_H_
#define GOVGRAPH_SERVER_QUERY_PAGE_TOKEN_H_

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace govgraph::query {

inline constexpr uint8_t kPageTokenVersion = 1;

// The largest page any query returns.
inline constexpr int32_t kMaxPageSize = 1000;

// Returns kInvalidArgument unless 0 <= `page_size` <= kMaxPageSize (0 asks
// for the query's default).
absl::Status ValidatePageSize(int32_t page_size);

// The decoded content of a page token.
struct PageToken {
  uint8_t phase = 0;
  std::string position;  // A storage scan position; empty: scan start.

  friend bool operator==(const PageToken& a, const PageToken& b) {
    return a.phase == b.phase && a.position == b.position;
  }
};

// 64-bit FNV-1a of `bytes`. Stable across processes, builds and platforms.
uint64_t Fnv1a64(absl::string_view bytes);

// A stable 64-bit fingerprint of an ordered list of fields: Fnv1a64 over
// each field prefixed by its length (u32 big-endian), so {"ab", ""} and
// {"a", "b"} differ. Callers put a request-kind tag first, e.g.
// RequestFingerprint({"relations", entity_id, type_byte, direction_byte}).
uint64_t RequestFingerprint(std::initializer_list<absl::string_view> fields);

// Returns the web-safe base64 token (alphabet [A-Za-z0-9_-], no padding)
// for `token` issued to the request with `fingerprint`.
std::string EncodePageToken(uint64_t fingerprint, const PageToken& token);

// Decodes `encoded`, which must have come from EncodePageToken with the same
// `fingerprint`. Returns kInvalidArgument "invalid page_token" if it is not
// canonical web-safe base64, is truncated or corrupted, or has another
// version; kInvalidArgument "page_token was issued for a different request"
// if it is intact but its fingerprint differs. `phase` is not range-checked
// here: the caller knows how many phases its request has.
absl::StatusOr<PageToken> DecodePageToken(absl::string_view encoded,
                                          uint64_t fingerprint);

// Tokens of queries that page through a list they build whole: the position
// is the index of the page's first item, u64 big-endian, in phase 0.
std::string EncodeIndexToken(uint64_t fingerprint, uint64_t index);
// The index in `encoded` (0 for an empty token); errors as DecodePageToken,
// and kInvalidArgument "invalid page_token" if it holds no index.
absl::StatusOr<uint64_t> DecodeIndexToken(absl::string_view encoded,
                                          uint64_t fingerprint);

// The items of an index page: [first, second) of `total` items from
// `start` on, at most `page_size` (0: `default_size`).
inline std::pair<size_t, size_t> IndexPageBounds(size_t total, uint64_t start,
                                                 int32_t page_size,
                                                 int32_t default_size) {
  const size_t size =
      static_cast<size_t>(page_size == 0 ? default_size : page_size);
  const size_t begin = static_cast<size_t>(
      std::min<uint64_t>(start, static_cast<uint64_t>(total)));
  return {begin, std::min(total, begin + size)};
}

// Moves into `page` the items of `all` from index `start` on, at most
// `page_size` of them (0: `default_size`), and returns the token of the
// next page, or "" if there is none.
template <typename T>
std::string TakeIndexPage(std::vector<T>& all, uint64_t start,
                          int32_t page_size, int32_t default_size,
                          uint64_t fingerprint, std::vector<T>* page) {
  const auto [begin, end] =
      IndexPageBounds(all.size(), start, page_size, default_size);
  page->assign(std::make_move_iterator(all.begin() + begin),
               std::make_move_iterator(all.begin() + end));
  return end < all.size() ? EncodeIndexToken(fingerprint, end) : "";
}

// As TakeIndexPage, copying from a result other pages share.
template <typename T>
std::string CopyIndexPage(const std::vector<T>& all, uint64_t start,
                          int32_t page_size, int32_t default_size,
                          uint64_t fingerprint, std::vector<T>* page) {
  const auto [begin, end] =
      IndexPageBounds(all.size(), start, page_size, default_size);
  page->assign(all.begin() + begin, all.begin() + end);
  return end < all.size() ? EncodeIndexToken(fingerprint, end) : "";
}

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_PAGE_TOKEN_H_
