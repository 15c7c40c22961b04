#include "server/extract/mandates.h"

namespace govgraph::extract {
namespace {

// How far before a target word ("đối với") a title may start.
constexpr size_t kMaxTitleLookBack = 24;

PhraseMatcher::Match CueAt(const Analysis& a, size_t i, size_t end) {
  return a.vocab.mandate_cues.Longest(a.doc, i, end);
}

PhraseMatcher::Match CueEndingAt(const Analysis& a, size_t begin, size_t i) {
  return a.vocab.mandate_cues.LongestEndingAt(a.doc, begin, i);
}

bool Is(const Analysis& a, const PhraseMatcher::Match& m, MandateCue kind) {
  return m.length > 0 && a.vocab.mandate_cue[m.value] == kind;
}

// Which start and end cues a pattern reads.
enum class Whose { kSubject, kObject, kAny };

// The change a start or end cue of `whose` says; kNone for any other
// phrase.
MandateChange ChangeOf(const Analysis& a, const PhraseMatcher::Match& m,
                       Whose whose) {
  if (m.length == 0) return MandateChange::kNone;
  const bool object = a.vocab.mandate_cue_object[m.value];
  if ((whose == Whose::kSubject && object) ||
      (whose == Whose::kObject && !object)) {
    return MandateChange::kNone;
  }
  if (Is(a, m, MandateCue::kStart)) return MandateChange::kStarted;
  if (Is(a, m, MandateCue::kEnd)) return MandateChange::kEnded;
  return MandateChange::kNone;
}

// The token after the phrases of `kind` that start at `i`.
size_t Skip(const Analysis& a, size_t i, size_t end, MandateCue kind) {
  for (PhraseMatcher::Match m = CueAt(a, i, end); Is(a, m, kind);
       m = CueAt(a, i, end)) {
    i += m.length;
  }
  return i;
}

// True if `org` starts with an organisation head ("Bộ Y tế", not "Tập Cận
// Bình").
bool StartsWithOrgHead(const Analysis& a, const std::string& org) {
  Document doc(org);
  return a.vocab.org_heads.Longest(doc, 0, doc.tokens().size()).length > 0;
}

// Appends the titles at token `i` (before `end`) to `out` with `change`;
// true if there were any. A last title that runs into a name is that
// name's ("X cách chức Bộ trưởng Y"); a title after the first needs an
// organisation of its own, lest the next clause be read as one ("đắc cử
// Tổng thống, Chủ tịch Tập Cận Bình").
bool AddTitles(const Analysis& a, size_t i, size_t end, MandateChange change,
               std::vector<ParsedPosition>* out) {
  std::vector<ParsedPosition> parsed;
  const size_t parsed_end = ParseTitles(a, i, end, &parsed);
  if (!parsed.empty() && (StartsPersonName(a, parsed_end, end) ||
                          ForeignNameLength(a, parsed_end, end) > 0)) {
    parsed.pop_back();
  }
  for (size_t k = 0; k < parsed.size(); ++k) {
    if (k > 0 && !StartsWithOrgHead(a, parsed[k].org)) break;
    parsed[k].change = change;
    out->push_back(parsed[k]);
  }
  return !parsed.empty();
}

// "Ông X, Phó Chủ tịch UBND tỉnh, đã được bầu giữ chức T".
bool CueAfterName(const Analysis& a, size_t after, size_t end,
                  std::vector<ParsedPosition>* out) {
  size_t i = after;
  if (i < end && a.doc.TokenText(i) == ",") ++i;
  i = Skip(a, i, end, MandateCue::kAdverb);
  const PhraseMatcher::Match cue = CueAt(a, i, end);
  const MandateChange change = ChangeOf(a, cue, Whose::kSubject);
  if (change == MandateChange::kNone) return false;
  i = Skip(a, i + cue.length, end, MandateCue::kLink);
  return AddTitles(a, i, end, change, out);
}

// "HĐND tỉnh bầu ông X giữ chức T": a cue before the name (its honorific
// and titles), a link word after it.
bool CueBeforeName(const Analysis& a, size_t title_begin, size_t after,
                   const Sentence& sentence, std::vector<ParsedPosition>* out) {
  const size_t q = SkipRanksBackward(a, title_begin, sentence.begin);
  const MandateChange change =
      ChangeOf(a, CueEndingAt(a, sentence.begin, q), Whose::kObject);
  if (change == MandateChange::kNone) return false;
  size_t i = after;
  if (i < sentence.end && a.doc.TokenText(i) == ",") ++i;
  const size_t title = Skip(a, i, sentence.end, MandateCue::kLink);
  return title > i && AddTitles(a, title, sentence.end, change, out);
}

// "miễn nhiệm chức vụ T đối với bà X": a cue and titles that end at a
// target word before the name.
bool TitleBeforeTarget(const Analysis& a, size_t title_begin,
                       const Sentence& sentence,
                       std::vector<ParsedPosition>* out) {
  const size_t q = SkipRanksBackward(a, title_begin, sentence.begin);
  const PhraseMatcher::Match target = CueEndingAt(a, sentence.begin, q);
  if (!Is(a, target, MandateCue::kTarget)) return false;
  const size_t title_end = q - target.length;
  const size_t floor = title_end > sentence.begin + kMaxTitleLookBack
                           ? title_end - kMaxTitleLookBack
                           : sentence.begin;
  for (size_t p = title_end; p-- > floor;) {
    if (!StartsRole(a, p, title_end)) continue;
    std::vector<ParsedPosition> parsed;
    if (ParseTitles(a, p, title_end, &parsed) != title_end) continue;
    const MandateChange change = ChangeBefore(a, p, sentence.begin);
    if (change == MandateChange::kNone) continue;
    for (ParsedPosition& position : parsed) position.change = change;
    out->insert(out->end(), parsed.begin(), parsed.end());
    return true;
  }
  return false;
}

}  // namespace

MandateChange ChangeBefore(const Analysis& a, size_t i, size_t begin) {
  PhraseMatcher::Match m = CueEndingAt(a, begin, i);
  while (Is(a, m, MandateCue::kLink)) {
    i -= m.length;
    m = CueEndingAt(a, begin, i);
  }
  return ChangeOf(a, m, Whose::kAny);
}

bool ParseMandateTitles(const Analysis& a, size_t title_begin, size_t after,
                        const Sentence& sentence,
                        std::vector<ParsedPosition>* out) {
  const size_t before = out->size();
  CueAfterName(a, after, sentence.end, out);
  CueBeforeName(a, title_begin, after, sentence, out);
  TitleBeforeTarget(a, title_begin, sentence, out);
  return out->size() > before;
}

}  // namespace govgraph::extract
