#include "server/query/word_search.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/common/status_macros.h"
#include "server/common/text.h"
#include "server/query/page_token.h"

namespace govgraph::query {
namespace {

inline constexpr int32_t kDefaultPageSize = 20;

// How well one folded name matches the query's words (lower is better).
struct Match {
  int rank = 3;
  size_t extra_words = 0;
  auto Tie() const { return std::tie(rank, extra_words); }
};

Match MatchName(const std::string& folded_name, const std::string& folded_query,
                const std::vector<absl::string_view>& query_words) {
  const std::vector<absl::string_view> words = SplitWords(folded_name);
  Match match;
  match.extra_words =
      words.size() > query_words.size() ? words.size() - query_words.size() : 0;
  for (absl::string_view q : query_words) {
    if (std::find(words.begin(), words.end(), q) == words.end()) {
      match.extra_words = words.size();
      return match;  // Rank 3: not all in this name.
    }
  }
  if (folded_name == folded_query) {
    match.rank = 0;
  } else if (std::search(words.begin(), words.end(), query_words.begin(),
                         query_words.end()) != words.end()) {
    match.rank = 1;
  } else {
    match.rank = 2;
  }
  return match;
}

struct Ranked {
  Match match;
  std::string folded_name;
  Entity entity;
};

Ranked Rank(Entity entity, const std::string& folded_query,
            const std::vector<absl::string_view>& query_words) {
  Ranked ranked;
  ranked.folded_name = FoldName(entity.name);
  ranked.match = MatchName(ranked.folded_name, folded_query, query_words);
  for (const std::string& alias : entity.aliases) {
    const Match m = MatchName(FoldName(alias), folded_query, query_words);
    if (m.Tie() < ranked.match.Tie()) ranked.match = m;
  }
  ranked.entity = std::move(entity);
  return ranked;
}

bool RankedBefore(const Ranked& a, const Ranked& b) {
  if (a.match.Tie() != b.match.Tie()) return a.match.Tie() < b.match.Tie();
  if (a.folded_name != b.folded_name) return a.folded_name < b.folded_name;
  return NaturalLess(a.entity.id, b.entity.id);
}

}  // namespace

absl::StatusOr<WordSearchPage> SearchWords(storage::GraphStore& store,
                                           const WordSearchRequest& request) {
  std::vector<absl::string_view> query_words = SplitWords(request.folded_query);
  if (query_words.empty()) {
    return absl::InvalidArgumentError("query has no words");
  }
  if (query_words.size() > kMaxSearchWords) {
    return absl::InvalidArgumentError(
        absl::StrCat("query has ", query_words.size(), " words, at most ",
                     kMaxSearchWords, " allowed"));
  }
  const uint64_t fingerprint =
      RequestFingerprint({"search-words", request.folded_query,
                          std::string(1, static_cast<char>(request.kind))});
  GOVGRAPH_ASSIGN_OR_RETURN(const uint64_t start,
                            DecodeIndexToken(request.page_token, fingerprint));
  std::vector<std::string> unique(query_words.begin(), query_words.end());
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  GOVGRAPH_ASSIGN_OR_RETURN(storage::WordMatches matches,
                            store.FindByWords(unique, request.max_candidates));
  if (matches.more) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "more than ", request.max_candidates, " entities have the words \"",
        absl::StrJoin(unique, " "), "\"; add a word"));
  }
  std::vector<Ranked> ranked;
  for (Entity& entity : matches.entities) {
    if (request.kind != EntityKind::kUnspecified &&
        entity.kind != request.kind) {
      continue;
    }
    ranked.push_back(
        Rank(std::move(entity), request.folded_query, query_words));
  }
  std::sort(ranked.begin(), ranked.end(), RankedBefore);
  std::vector<Ranked> page_items;
  WordSearchPage page;
  page.next_page_token =
      TakeIndexPage(ranked, start, request.page_size, kDefaultPageSize,
                    fingerprint, &page_items);
  for (Ranked& item : page_items) {
    page.entities.push_back(std::move(item.entity));
  }
  return page;
}

}  // namespace govgraph::query
