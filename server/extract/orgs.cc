// Organisations: one entry per real organisation in a report, and the
// report's place, which completes local organisations written without one.
#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "server/common/text.h"
#include "server/extract/analysis.h"

namespace govgraph::extract {
namespace {

constexpr int kOrgPlaceWeight = 3;

// True if the token before `i` is an organisation head or place word, so
// the place at `i` names whose organisation it is ("Tỉnh ủy Sóc Trăng").
bool AfterOrgWord(const Document& doc, const Vocab& vocab, size_t i) {
  if (i == 0) return false;
  const std::string& prev = doc.tokens()[i - 1].lower;
  if (prev == "tỉnh" || prev == "tp" || prev == "phố") return true;
  return vocab.org_heads.LongestEndingAt(doc, 0, i).length > 0;
}

}  // namespace

std::string OrgKey(const Vocab& vocab, absl::string_view name) {
  std::vector<std::string> words;
  for (absl::string_view word :
       absl::StrSplit(FoldName(name), ' ', absl::SkipEmpty())) {
    std::string expanded(word);
    for (const auto& [abbreviation, expansion] : vocab.abbreviations) {
      if (word == abbreviation) expanded = expansion;
    }
    words.push_back(expanded);
  }
  std::string key = absl::StrJoin(words, " ");
  for (char& c : key) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) &&
        static_cast<unsigned char>(c) < 0x80) {
      c = ' ';
    }
  }
  return FoldName(key);
}

int AddOrganization(Analysis* a, const std::string& name,
                    const TextSpan& evidence) {
  const std::string key = OrgKey(a->vocab, name);
  for (size_t i = 0; i < a->org_keys.size(); ++i) {
    if (a->org_keys[i] != key) continue;
    ExtractedOrganization& org = a->extraction.organizations[i];
    if (org.name != name && std::find(org.aliases.begin(), org.aliases.end(),
                                      name) == org.aliases.end()) {
      org.aliases.push_back(name);
    }
    return static_cast<int>(i);
  }
  a->org_keys.push_back(key);
  a->extraction.organizations.push_back(
      ExtractedOrganization{name, {}, "", evidence});
  return static_cast<int>(a->org_keys.size() - 1);
}

int FindReportPlace(const Document& doc, const Vocab& vocab) {
  std::vector<int> score(vocab.place_info.size(), 0);
  const size_t n = doc.tokens().size();
  for (size_t i = 0; i < n; ++i) {
    PhraseMatcher::Match m = vocab.places.Longest(doc, i, n);
    if (m.length == 0) continue;
    if (vocab.place_info[m.value].kind != PlaceKind::kCountry) {
      score[m.value] += AfterOrgWord(doc, vocab, i) ? kOrgPlaceWeight : 1;
    }
    i += m.length - 1;
  }
  int best = -1;
  for (size_t p = 0; p < score.size(); ++p) {
    if (score[p] > 0 && (best < 0 || score[p] > score[best])) {
      best = static_cast<int>(p);
    }
  }
  return best;
}

}  // namespace govgraph::extract
