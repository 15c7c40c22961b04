#include "server/extract/speakers.h"

#include <string>

#include "absl/strings/string_view.h"
#include "server/common/text.h"
#include "server/extract/document.h"
#include "server/extract/titles.h"
#include "server/extract/vocab.h"

namespace govgraph::extract {
namespace {

// How far back a possessive may stand from the name it governs.
constexpr size_t kPossessiveReach = 8;
// How far back a role may start from the verb it is the subject of.
constexpr size_t kRoleReach = 10;
// Words a title may leave unparsed before its verb ("UBND tỉnh").
constexpr size_t kTitleSlack = 2;
// Words allowed between a subject (and its title) and its verb.
constexpr size_t kSubjectGap = 15;
// The country whose officials the extractor reports (places.txt name).
constexpr absl::string_view kHomeCountry = "Việt Nam";

const Token& Tok(const Analysis& a, size_t i) { return a.doc.tokens()[i]; }

bool IsPunct(const Analysis& a, size_t i) {
  return Tok(a, i).kind != TokenKind::kWord;
}

// True if token `i` breaks a subject from its verb: a clause or quote mark.
bool BreaksSubject(const Analysis& a, size_t i) {
  const absl::string_view t = Tok(a, i).lower;
  return t == ";" || t == ":" || t == "\"" || t == "“" || t == "”" ||
         Tok(a, i).kind == TokenKind::kNewline;
}

// `verb` moved back over adverbs ("đã", "cũng") and commas.
size_t SkipAdverbsBack(const ReportIndex& index, size_t begin, size_t verb) {
  while (verb > begin) {
    if (Tok(index.analysis, verb - 1).lower == ",") {
      --verb;
      continue;
    }
    const Cue cue = index.cues.EndingAt(begin, verb);
    if ((cue.kinds & kCueAdverb) == 0) break;
    verb -= cue.length;
  }
  return verb;
}

// A title that ends right before `verb` (after adverbs) and names one
// person: "Chủ tịch UBND TP yêu cầu", "Đồng chí Thứ trưởng nhấn mạnh".
int RoleSubject(const ReportIndex& index, size_t begin, size_t verb) {
  const Analysis& a = index.analysis;
  const size_t q = SkipAdverbsBack(index, begin, verb);
  const size_t floor = q > begin + kRoleReach ? q - kRoleReach : begin;
  for (size_t p = floor; p < q; ++p) {
    if (!Tok(a, p).upper_initial || PersonAt(a, p) >= 0 ||
        !StartsRole(a, p, q)) {
      continue;
    }
    std::vector<ParsedPosition> positions;
    const size_t e = ParseTitles(a, p, q, &positions);
    if (positions.empty() || e + kTitleSlack < q) continue;
    bool words_only = true;  // "Chủ tịch UBND tỉnh": "tỉnh" is left over.
    for (size_t k = e; k < q; ++k) {
      words_only = words_only && Tok(a, k).kind == TokenKind::kWord &&
                   PersonAt(a, k) < 0 && index.cues.At(k).kinds == 0;
    }
    if (!words_only) continue;
    const int person =
        PersonWithRole(a, positions.front().role, positions.front().org);
    if (person >= 0) return person;
  }
  return -1;
}

// The token after mention `m` and the title that follows it
// ("Nguyễn Văn A, Chủ tịch UBND tỉnh,").
size_t AfterTitle(const Analysis& a, const PersonMention& m, size_t end) {
  std::vector<ParsedPosition> positions;
  size_t i = ParseTitlesAfterName(a, m.end, end, &positions);
  while (i < end && (Tok(a, i).lower == "," || Tok(a, i).lower == ")")) ++i;
  return i;
}

}  // namespace

ReportIndex::ReportIndex(const Analysis& a)
    : analysis(a), cues(a), mentions(a.doc.sentences().size()) {
  const std::vector<Sentence>& sentences = a.doc.sentences();
  for (const PersonMention& m : a.mentions) {
    mentions[a.doc.SentenceOf(m.begin)].push_back(m);
  }
  paragraph.resize(sentences.size());
  size_t current = 0;
  for (size_t s = 0; s < sentences.size(); ++s) {
    paragraph[s] = current;
    const Sentence& sentence = sentences[s];
    if (sentence.end > sentence.begin &&
        Tok(a, sentence.end - 1).kind == TokenKind::kNewline) {
      ++current;
    }
  }
}

bool IsPossessed(const ReportIndex& index, const PersonMention& m) {
  const Analysis& a = index.analysis;
  const size_t begin = a.doc.sentences()[a.doc.SentenceOf(m.begin)].begin;
  for (size_t k = m.begin; k > begin && m.begin - k <= kPossessiveReach; --k) {
    if (index.cues.EndingAt(begin, k).kinds & kCuePossessive) {
      // Only a title may stand between: "của đồng chí Tổng Bí thư X".
      const size_t title = SkipRanks(a, k, m.begin);
      if (title == m.begin) return true;
      std::vector<ParsedPosition> positions;
      return StartsRole(a, title, m.begin) &&
             ParseTitles(a, title, m.begin, &positions) == m.begin;
    }
    if (IsPunct(a, k - 1)) return false;
  }
  return false;
}

bool IsPublicOrg(const Analysis& a, const std::string& org) {
  const Document doc(org);  // Org names are built from the NFC text.
  const size_t n = doc.tokens().size();
  const PhraseMatcher::Match head = a.vocab.org_heads.Longest(doc, 0, n);
  if (head.length > 0 && a.vocab.org_head_named_only[head.value]) return false;
  bool vietnam = false;
  bool foreign = false;
  bool local = false;  // "tỉnh Yên Bái": a Vietnamese place as the org.
  for (size_t i = 0; i < n; ++i) {
    const PhraseMatcher::Match m = a.vocab.places.Longest(doc, i, n);
    if (m.length == 0) continue;
    const PlaceInfo& place = a.vocab.place_info[m.value];
    if (place.kind == PlaceKind::kCountry) {
      (place.name == kHomeCountry ? vietnam : foreign) = true;
    } else if (i == 0 || (i == 1 && !doc.tokens()[0].upper_initial)) {
      local = true;
    }
    i += m.length - 1;
  }
  return (head.length > 0 || local) && (vietnam || !foreign);
}

bool IsOfficial(const Analysis& a, int p) {
  if (p < 0 || static_cast<size_t>(p) >= a.extraction.persons.size()) {
    return false;
  }
  for (const ExtractedPosition& position : a.extraction.persons[p].positions) {
    if (position.org.empty() || IsPublicOrg(a, position.org)) return true;
  }
  return false;
}

size_t ClauseBegin(const ReportIndex& index, size_t s, size_t i) {
  const Analysis& a = index.analysis;
  const size_t begin = a.doc.sentences()[s].begin;
  for (size_t k = i; k > begin; --k) {
    const absl::string_view t = Tok(a, k - 1).lower;
    if (t == ";" || t == ":") return k;
  }
  return begin;
}

int SubjectOf(const ReportIndex& index, size_t s, size_t verb) {
  const Analysis& a = index.analysis;
  const size_t begin = a.doc.sentences()[s].begin;
  const std::vector<PersonMention>& in_sentence = index.mentions[s];
  // A name right before the verb needs no role lookup: "ông X yêu cầu".
  for (size_t k = in_sentence.size(); k-- > 0;) {
    const PersonMention& m = in_sentence[k];
    if (m.end > verb) continue;
    if (SkipAdverbsBack(index, m.end, verb) == m.end) return m.person;
    break;
  }
  const int by_role = RoleSubject(index, begin, verb);
  if (by_role >= 0) return by_role;
  for (size_t k = in_sentence.size(); k-- > 0;) {
    const PersonMention& m = in_sentence[k];
    if (m.end > verb) continue;
    if (IsPossessed(index, m)) continue;
    const size_t from = AfterTitle(a, m, verb);
    if (from > verb || verb - from > kSubjectGap) return -1;
    for (size_t i = from; i < verb; ++i) {
      // A break, or an instruction verb of its own: "X giao cho Y chủ trì".
      if (BreaksSubject(a, i) || index.cues.Is(i, kCueDirective)) return -1;
    }
    return m.person;
  }
  return -1;
}

}  // namespace govgraph::extract
