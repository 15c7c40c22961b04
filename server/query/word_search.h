// Whole-word search: entities whose names and aliases contain every word of
// the query (diacritics- and case-insensitive, in any order), ranked by how
// well one of their names matches:
//   1. a name equal to the query;
//   2. a name holding the query's words together, in order;
//   3. a name holding all the words;
//   4. the words spread over several names;
// then by fewer other words in that name, then display name, then id.
#ifndef GOVGRAPH_SERVER_QUERY_WORD_SEARCH_H_
#define GOVGRAPH_SERVER_QUERY_WORD_SEARCH_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/common/types.h"
#include "server/storage/graph_store.h"

namespace govgraph::query {

inline constexpr size_t kMaxSearchWords = 10;
// More candidates than this: kResourceExhausted (the words are too common).
inline constexpr size_t kMaxWordCandidates = 50000;

struct WordSearchRequest {
  std::string folded_query;  // FoldName of the query; not empty.
  EntityKind kind = EntityKind::kUnspecified;  // Unspecified: all.
  int32_t page_size = 0;
  std::string page_token;
  size_t max_candidates = kMaxWordCandidates;
};

struct WordSearchPage {
  std::vector<Entity> entities;  // Best first; without evidence.
  std::string next_page_token;
};

// kInvalidArgument for a query without words or with more than
// kMaxSearchWords, or a bad page token; kResourceExhausted when more than
// `max_candidates` entities have all the words (before the kind filter).
absl::StatusOr<WordSearchPage> SearchWords(storage::GraphStore& store,
                                           const WordSearchRequest& request);

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_WORD_SEARCH_H_
