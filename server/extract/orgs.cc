// Organisations: one entry per real organisation in a report, and the
// report's place, which completes local organisations written without one.
#include <algorithm>

#include "server/common/text.h"
#include "server/extract/analysis.h"
#include "server/extract/titles.h"

namespace govgraph::extract {
namespace {

// A place after an organisation word ("Tỉnh ủy Sóc Trăng") counts this
// much; a bare mention counts 1. A report's place needs kMinPlaceScore, so
// a national report held "tại Hà Nội" is not made local.
constexpr int kOrgPlaceWeight = 3;
constexpr int kMinPlaceScore = 2;

// True if the token before `i` is an organisation head or place word, so
// the place at `i` names whose organisation it is ("Tỉnh ủy Sóc Trăng").
bool AfterOrgWord(const Document& doc, const Vocab& vocab, size_t i) {
  if (i == 0) return false;
  const absl::string_view prev = doc.tokens()[i - 1].lower;
  if (prev == "tỉnh" || prev == "tp" || prev == "phố") return true;
  return vocab.org_heads.LongestEndingAt(doc, 0, i).length > 0;
}

}  // namespace

std::string OrgKey(const Vocab& vocab, absl::string_view name) {
  return vocab.org_keys.Key(name);
}

int OrgWithKey(const Analysis& a, const std::string& key) {
  for (size_t i = 0; i < a.org_keys.size(); ++i) {
    if (a.org_keys[i] == key) return static_cast<int>(i);
  }
  return -1;
}

int AddOrganization(Analysis* a, const std::string& name,
                    const TextSpan& evidence) {
  const std::string key = OrgKey(a->vocab, name);
  if (const int i = OrgWithKey(*a, key); i >= 0) {
    ExtractedOrganization& org = a->extraction.organizations[i];
    if (org.name != name && std::find(org.aliases.begin(), org.aliases.end(),
                                      name) == org.aliases.end()) {
      org.aliases.push_back(name);
    }
    return i;
  }
  a->org_keys.push_back(key);
  a->extraction.organizations.push_back(
      ExtractedOrganization{name, {}, "", evidence});
  return static_cast<int>(a->org_keys.size() - 1);
}

// The place whose name, written without spaces or diacritics, appears in
// `url` ("baobinhdinh.vn" -> Bình Định); the longest such name wins.
int PlaceFromUrl(const Vocab& vocab, absl::string_view url) {
  if (url.empty()) return -1;
  std::string folded_url = FoldName(url);
  folded_url.erase(std::remove(folded_url.begin(), folded_url.end(), ' '),
                   folded_url.end());
  int best = -1;
  size_t best_length = 0;
  for (size_t p = 0; p < vocab.place_info.size(); ++p) {
    if (vocab.place_info[p].kind == PlaceKind::kCountry) continue;
    const std::string& name = vocab.place_info[p].squashed;
    if (name.size() > best_length &&
        folded_url.find(name) != std::string::npos) {
      best = static_cast<int>(p);
      best_length = name.size();
    }
  }
  return best;
}

int FindReportPlace(const Document& doc, const Vocab& vocab,
                    absl::string_view source_url) {
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
    if (score[p] >= kMinPlaceScore && (best < 0 || score[p] > score[best])) {
      best = static_cast<int>(p);
    }
  }
  return best >= 0 ? best : PlaceFromUrl(vocab, source_url);
}

void FindOrganizations(Analysis* a) {
  const Document& doc = a->doc;
  const size_t n = doc.tokens().size();
  for (size_t i = 0; i < n; ++i) {
    const Token& t = doc.tokens()[i];
    if (t.kind != TokenKind::kWord || !t.upper_initial ||
        PersonAt(*a, i) >= 0) {
      continue;
    }
    const size_t sentence_end = doc.sentences()[doc.SentenceOf(i)].end;
    if (size_t role = a->vocab.roles.Longest(doc, i, sentence_end).length) {
      i += role - 1;
      continue;
    }
    PhraseMatcher::Match head =
        a->vocab.org_heads.Longest(doc, i, sentence_end);
    if (head.length == 0 || a->vocab.org_head_named_only[head.value]) {
      continue;
    }
    // A generic head ("Bộ", "Sở", "Ban") needs a capitalised name after it
    // that is not just a place ("các Sở TPHCM").
    const size_t after = i + head.length;
    const bool named =
        after < sentence_end && doc.tokens()[after].kind == TokenKind::kWord &&
        doc.tokens()[after].upper_initial &&
        a->vocab.places.Longest(doc, after, sentence_end).length == 0;
    const bool self_contained =
        a->vocab.org_head_style[head.value] != PlaceStyle::kNone;
    if (!named && !self_contained) continue;
    const size_t end = OrgEnd(*a, i, sentence_end);
    if (end <= i) continue;
    const std::string name =
        CompleteOrg(*a, i, end, std::string(doc.Slice(i, end)));
    AddOrganization(a, name, doc.Span(i, end));
    i = end - 1;
  }
}

}  // namespace govgraph::extract
