// Meetings: the event a report covers ("Sáng 6-2, ... chủ trì hội nghị giao
// ban ..."), its date, name, organisers, chairs and attendees. A report is
// read as covering one meeting: the first one dated in the text (past events
// such as "Trước đó, ..." or a dated year-old meeting are skipped), else the
// first undated one that names an official. A meeting no Vietnamese official
// takes part in and no public body holds (foreign summits, artists' press
// conferences) and one dated days after publication (announced) are dropped.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "server/common/text.h"
#include "server/extract/analysis.h"
#include "server/extract/cues.h"
#include "server/extract/dates.h"
#include "server/extract/speakers.h"
#include "server/extract/titles.h"

namespace govgraph::extract {
namespace {

// A meeting dated more than this many days before publication is a past
// event mentioned in passing.
constexpr int kPastDays = 30;
// Longest meeting name, in tokens.
constexpr size_t kMaxNameTokens = 40;
// How far a date may stand after the meeting word in its sentence.
constexpr size_t kDateReach = 30;
// An undated meeting is taken only from the first sentences of a report.
constexpr size_t kUndatedReach = 8;
// A meeting dated more than this many days after publication is announced,
// not reported.
constexpr int kFutureDays = 2;

struct Candidate {
  size_t sentence = 0;
  size_t begin = 0;  // The meeting word.
  size_t end = 0;
  std::string date;  // ISO; empty if undated.
};

const Token& Tok(const Analysis& a, size_t i) { return a.doc.tokens()[i]; }

// The date of the meeting word at `i`: a cued date of the same sentence
// before it, else the first one after it.
const DateMention* DateFor(const std::vector<DateMention>& dates,
                           const Sentence& sentence, size_t i) {
  const DateMention* before = nullptr;
  for (const DateMention& d : dates) {
    if (d.begin < sentence.begin || d.end > sentence.end || !d.cued) continue;
    if (d.end <= i) {
      before = &d;
    } else if (before == nullptr && d.begin - i <= kDateReach) {
      return &d;
    }
  }
  return before;
}

// True if the sentence backs the meeting word at `i`: it names an official,
// an organisation holds the event ("X tổ chức hội nghị"), the event is
// written as a name ("Hội nghị lần thứ 10 ..."), or the sentence opens with
// its day as a report's lead does ("Chiều 12-6, ...").
bool Supported(const ReportIndex& index, size_t s, size_t i,
               const DateMention* date) {
  const Analysis& a = index.analysis;
  if (!index.mentions[s].empty() || Tok(a, i).upper_initial) return true;
  const size_t begin = a.doc.sentences()[s].begin;
  if (date != nullptr && date->leads && date->begin <= begin + 1) return true;
  for (size_t k = i; k > begin && i - k < 3; --k) {
    if (index.cues.Is(k - 1, kCueOrganize)) return true;
  }
  return false;
}

// True if a past marker ("Trước đó") stands before token `i` in sentence s.
bool AfterPastMarker(const ReportIndex& index, size_t s, size_t i) {
  const size_t begin = index.analysis.doc.sentences()[s].begin;
  return index.cues.Find(begin, i, kCuePast) < i;
}

std::optional<Candidate> CandidateAt(const ReportIndex& index,
                                     const std::vector<DateMention>& dates,
                                     int text_year, size_t s, size_t i) {
  const Analysis& a = index.analysis;
  const DateMention* date = DateFor(dates, a.doc.sentences()[s], i);
  if (AfterPastMarker(index, s, i) || !Supported(index, s, i, date)) {
    return std::nullopt;
  }
  Candidate c{s, i, i + index.cues.At(i).length, ""};
  if (date != nullptr) {
    c.date = ResolveDate(*date, a.published_date, text_year);
    const int days = a.published_date.empty() || c.date.empty()
                         ? 0
                         : DaysAfter(a.published_date, c.date);
    if (days < -kPastDays || days > kFutureDays) return std::nullopt;
  }
  return c;
}

// The meeting the report covers: the first dated candidate, else the first
// undated one near the top that names an official.
std::optional<Candidate> MainMeeting(const ReportIndex& index,
                                     const std::vector<DateMention>& dates) {
  const Analysis& a = index.analysis;
  const int text_year = LatestYear(a.doc, dates);
  std::optional<Candidate> undated;
  const std::vector<Sentence>& sentences = a.doc.sentences();
  for (size_t s = 0; s < sentences.size(); ++s) {
    for (size_t i = sentences[s].begin; i < sentences[s].end; ++i) {
      if (!index.cues.Is(i, kCueMeeting)) continue;
      std::optional<Candidate> c = CandidateAt(index, dates, text_year, s, i);
      if (!c.has_value()) continue;
      if (!c->date.empty()) return c;
      if (!undated.has_value() && s < kUndatedReach &&
          !index.mentions[s].empty()) {
        undated = c;
      }
    }
  }
  return undated;
}

// True if token `i` starts a date mention or a time-of-day word before one.
bool StartsDate(const std::vector<DateMention>& dates, const Analysis& a,
                size_t i) {
  for (const DateMention& d : dates) {
    if (d.begin == i) return true;
    if (d.begin > i && d.begin - i <= 3) {
      bool words = true;
      for (size_t k = i; k < d.begin; ++k) {
        words = words && Tok(a, k).kind == TokenKind::kWord &&
                !Tok(a, k).upper_initial;
      }
      if (words && (Tok(a, i).lower == "vào" || Tok(a, i).lower == "ngày" ||
                    Tok(a, i).lower == "sáng" || Tok(a, i).lower == "chiều" ||
                    Tok(a, i).lower == "tối" || Tok(a, i).lower == "trưa")) {
        return true;
      }
    }
  }
  return false;
}

// The end of the meeting name that starts at `begin`: the clause, up to a
// date, a parenthesis or a clause mark.
size_t NameEnd(const Analysis& a, const std::vector<DateMention>& dates,
               size_t begin, size_t sentence_end) {
  size_t i = begin;
  for (; i < sentence_end && i - begin < kMaxNameTokens; ++i) {
    const Token& t = Tok(a, i);
    if (t.kind == TokenKind::kNewline) break;
    if (t.kind == TokenKind::kPunct &&
        (t.lower == "." || t.lower == ";" || t.lower == ":" || t.lower == "(" ||
         t.lower == "\"" || t.lower == "“")) {
      break;
    }
    if (i > begin && StartsDate(dates, a, i)) break;
    if (t.lower == "," && i + 1 < sentence_end &&
        (StartsDate(dates, a, i + 1) || Tok(a, i + 1).lower == "tại")) {
      break;
    }
  }
  while (i > begin && Tok(a, i - 1).kind == TokenKind::kPunct) --i;
  return i;
}

// Adds organisation `name` to the report and its canonical name, once, to
// the organisers `out`.
void AddOrganizer(Analysis* a, const std::string& name,
                  const TextSpan& evidence, std::vector<std::string>* out) {
  const int org = AddOrganization(a, name, evidence);
  const std::string& canonical = a->extraction.organizations[org].name;
  if (std::find(out->begin(), out->end(), canonical) == out->end()) {
    out->push_back(canonical);
  }
}

void AddUnique(std::vector<int>* out, int person) {
  if (person >= 0 &&
      std::find(out->begin(), out->end(), person) == out->end()) {
    out->push_back(person);
  }
}

std::vector<std::string> Names(const Analysis& a,
                               const std::vector<int>& persons) {
  std::vector<std::string> out;
  for (int p : persons) out.push_back(a.extraction.persons[p].name);
  return out;
}

// Persons named before the meeting word in its sentence, not in passing:
// who held or visited it ("Bộ trưởng X đã dự hội nghị").
std::vector<int> TriggerSubjects(const ReportIndex& index, const Candidate& c) {
  std::vector<int> out;
  for (const PersonMention& m : index.mentions[c.sentence]) {
    if (m.begin < c.begin && !IsPossessed(index, m)) AddUnique(&out, m.person);
  }
  return out;
}

// The organisation that starts at token `p` (an organisation head), up to
// `end`; returns its end, or `p` if none starts there.
size_t OrgAt(const Analysis& a, size_t p, size_t end) {
  if (p >= end || !Tok(a, p).upper_initial ||
      a.vocab.org_heads.Longest(a.doc, p, end).length == 0 ||
      PersonAt(a, p) >= 0) {
    return p;
  }
  return OrgEnd(a, p, end);
}

// Adds the organisation(s) [begin, end), split at "và", to `out`.
void AddOrgs(Analysis* a, size_t begin, size_t end,
             std::vector<std::string>* out) {
  size_t part = begin;
  for (size_t i = begin; i <= end; ++i) {
    if (i < end && Tok(*a, i).lower != "và") continue;
    if (OrgAt(*a, part, i) == i) {
      size_t stop = part + 1;  // "... khóa X": the body, not its term.
      while (stop < i && Tok(*a, stop).lower != "khóa" &&
             Tok(*a, stop).lower != "khoá") {
        ++stop;
      }
      const std::string name =
          CompleteOrg(*a, part, stop, std::string(a->doc.Slice(part, stop)));
      AddOrganizer(a, name, a->doc.Span(part, stop), out);
    }
    part = i + 1;
  }
}

// "Thành ủy TPHCM tổ chức hội nghị": the organisation that ends right
// before the organising verb in front of the meeting word.
void OrganizerBefore(Analysis* a, const ReportIndex& index, const Candidate& c,
                     std::vector<std::string>* out) {
  const size_t begin = ClauseBegin(index, c.sentence, c.begin);
  size_t verb = c.begin;
  while (verb > begin && !index.cues.Is(verb - 1, kCueOrganize) &&
         c.begin - verb < 3) {
    --verb;
  }
  if (verb == begin || !index.cues.Is(verb - 1, kCueOrganize)) return;
  --verb;
  const Cue adverb = index.cues.EndingAt(begin, verb);
  if (adverb.kinds & kCueAdverb) verb -= adverb.length;
  for (size_t p = begin; p < verb; ++p) {
    if (OrgAt(*a, p, verb) == verb) {
      AddOrgs(a, p, verb, out);
      return;
    }
  }
}

// True if token `i` of a meeting name may begin its organiser: right after
// the meeting word and an ordinal ("kỳ họp lần thứ 39 Ủy ban ..."), or after
// "của" / "với" ("cuộc họp của Thường trực Chính phủ", "làm việc với X").
bool OrganizerMayStart(const Analysis& a, const Candidate& c, size_t i) {
  size_t k = c.end;
  while (k < i && (Tok(a, k).lower == "lần" || Tok(a, k).lower == "thứ" ||
                   (k > c.end && Tok(a, k - 1).lower == "thứ"))) {
    ++k;
  }
  if (k == i) return true;
  return i > c.end &&
         (Tok(a, i - 1).lower == "của" || Tok(a, i - 1).lower == "với");
}

// The organisations named in the meeting name; "A và B" names both.
void OrganizersInName(Analysis* a, const Candidate& c, size_t name_end,
                      std::vector<std::string>* out) {
  if (c.end > c.begin && Tok(*a, c.end - 1).lower == "với") {
    const size_t end = OrgAt(*a, c.end, name_end);
    if (end > c.end) AddOrgs(a, c.end, end, out);
  }
  size_t last_end = name_end + 1;  // End of the last organiser found.
  for (size_t i = c.end; i < name_end; ++i) {
    const bool joined = i == last_end + 1 && Tok(*a, last_end).lower == "và";
    if (!joined && !OrganizerMayStart(*a, c, i)) continue;
    const size_t end = OrgAt(*a, i, name_end);
    if (end > i) {
      AddOrgs(a, i, end, out);
      last_end = end;
      i = end - 1;
    }
  }
}

void AddOrgName(Analysis* a, const ExtractedPosition& position,
                std::vector<std::string>* out) {
  AddOrganizer(a, position.org, position.evidence, out);
}

// The organisation of each person's first (or last) position that names
// one: a visiting official's, or a chair's.
void OrgsOfPersons(Analysis* a, const std::vector<int>& persons, bool last,
                   std::vector<std::string>* out) {
  for (int p : persons) {
    const ExtractedPosition* chosen = nullptr;
    for (const ExtractedPosition& position :
         a->extraction.persons[p].positions) {
      if (position.org.empty()) continue;
      if (chosen == nullptr || last) chosen = &position;
    }
    if (chosen != nullptr) AddOrgName(a, *chosen, out);
  }
}

// How many of `persons` hold a position in the organisation `key`.
int HoldersOf(const Analysis& a, const std::vector<int>& persons,
              const std::string& key) {
  int n = 0;
  for (int p : persons) {
    for (const ExtractedPosition& position :
         a.extraction.persons[p].positions) {
      if (OrgKey(a.vocab, position.org) == key) {
        ++n;
        break;
      }
    }
  }
  return n;
}

// Organisations in which most of several chairs hold a position: the
// council whose Chủ tịch and Phó Chủ tịch chair its session.
void SharedOrgs(Analysis* a, const std::vector<int>& chairs,
                std::vector<std::string>* out) {
  if (chairs.size() < 2) return;
  for (int p : chairs) {
    for (const ExtractedPosition& position :
         a->extraction.persons[p].positions) {
      if (position.org.empty()) continue;
      const std::string key = OrgKey(a->vocab, position.org);
      if (2 * HoldersOf(*a, chairs, key) > static_cast<int>(chairs.size())) {
        AddOrgName(a, position, out);
      }
    }
  }
}

std::vector<std::string> FindOrganizers(Analysis* a, const ReportIndex& index,
                                        const Candidate& c, size_t name_end,
                                        const std::vector<int>& subjects,
                                        const std::vector<int>& chairs) {
  std::vector<std::string> out;
  OrganizerBefore(a, index, c, &out);
  OrganizersInName(a, c, name_end, &out);
  const bool visit = Tok(*a, c.end - 1).lower == "với" ||
                     (c.end < name_end && Tok(*a, c.end).lower == "với");
  if (visit) OrgsOfPersons(a, subjects, /*last=*/false, &out);
  if (out.empty()) SharedOrgs(a, chairs, &out);
  if (out.empty()) OrgsOfPersons(a, chairs, /*last=*/true, &out);
  return out;
}

// True if a meeting word stands in sentence `s` before `i` or within a few
// tokens after it.
bool NearMeetingWord(const ReportIndex& index, size_t s, size_t i) {
  const Sentence& sentence = index.analysis.doc.sentences()[s];
  const size_t after = std::min(sentence.end, i + 5);
  return index.cues.Find(sentence.begin, after, kCueMeeting) < after;
}

// Persons who chaired: the subject of "chủ trì" (with the persons listed
// before it: "Hội nghị do các đồng chí: A, ...; B ... làm chủ trì"), or
// those after "dưới sự chủ trì của".
std::vector<int> FindChairs(const ReportIndex& index) {
  const Analysis& a = index.analysis;
  std::vector<int> out;
  const std::vector<Sentence>& sentences = a.doc.sentences();
  for (size_t s = 0; s < sentences.size(); ++s) {
    for (size_t i = sentences[s].begin; i < sentences[s].end; ++i) {
      if (!index.cues.Is(i, kCueChair) || !NearMeetingWord(index, s, i)) {
        continue;
      }
      if (i > sentences[s].begin && Tok(a, i - 1).lower == "sự") {
        for (const PersonMention& m : index.mentions[s]) {
          if (m.begin > i) AddUnique(&out, m.person);
        }
        continue;
      }
      const int subject = SubjectOf(index, s, i);
      if (subject < 0) continue;
      for (const PersonMention& m : index.mentions[s]) {
        if (m.end <= i && !IsPossessed(index, m)) AddUnique(&out, m.person);
      }
    }
  }
  return out;
}

// True if mention `m` follows "Theo" ("Theo ông X, ...").
bool AfterTheo(const ReportIndex& index, const PersonMention& m) {
  const Analysis& a = index.analysis;
  size_t k = m.begin;
  const size_t begin = a.doc.sentences()[a.doc.SentenceOf(m.begin)].begin;
  const PhraseMatcher::Match h =
      a.vocab.honorifics.LongestEndingAt(a.doc, begin, k);
  k -= h.length;
  return k > begin && Tok(a, k - 1).lower == "theo";
}

// "Dự hội nghị có X, Y", "Về phía tỉnh có đồng chí X": a sentence that
// opens with a presence word lists attendees after its "có".
void ListedAttendees(const ReportIndex& index, size_t s,
                     std::vector<int>* out) {
  const Analysis& a = index.analysis;
  const Sentence& sentence = a.doc.sentences()[s];
  size_t i = sentence.begin;
  const Cue opener = index.cues.At(i);
  if (opener.kinds & kCueConnector) i += opener.length;
  if (i < sentence.end && Tok(a, i).lower == ",") ++i;
  if (!index.cues.Is(i, kCueAttend)) return;
  for (size_t k = i; k < sentence.end; ++k) {
    if (Tok(a, k).lower != "có") continue;
    for (const PersonMention& m : index.mentions[s]) {
      if (m.begin > k) AddUnique(out, m.person);
    }
    return;
  }
}

std::vector<int> FindAttendees(const ReportIndex& index,
                               const std::vector<int>& chairs,
                               const std::vector<int>& subjects) {
  const Analysis& a = index.analysis;
  std::vector<int> out = chairs;
  for (int p : subjects) AddUnique(&out, p);
  const std::vector<Sentence>& sentences = a.doc.sentences();
  for (size_t s = 0; s < sentences.size(); ++s) {
    ListedAttendees(index, s, &out);
    for (const PersonMention& m : index.mentions[s]) {
      if (AfterTheo(index, m)) AddUnique(&out, m.person);
    }
    for (size_t i = sentences[s].begin; i < sentences[s].end; ++i) {
      if (!index.cues.Is(i, kCueParticipation)) continue;
      AddUnique(&out, SubjectOf(index, s, i));
    }
  }
  return out;
}

// True if an official takes part in the meeting or a public body holds it:
// a meeting of foreigners, artists or private persons is not one the
// knowledge graph records.
bool InvolvesOfficials(const Analysis& a, const std::vector<int>& attendees,
                       const std::vector<std::string>& organizers) {
  for (int p : attendees) {
    if (IsOfficial(a, p)) return true;
  }
  for (const std::string& org : organizers) {
    if (IsPublicOrg(a, org)) return true;
  }
  return false;
}

}  // namespace

void FindMeetings(Analysis* a, const ReportIndex& index,
                  const std::vector<DateMention>& dates) {
  const std::optional<Candidate> c = MainMeeting(index, dates);
  if (!c.has_value()) return;
  const size_t name_end =
      NameEnd(*a, dates, c->begin, a->doc.sentences()[c->sentence].end);
  ExtractedMeeting meeting;
  meeting.name = std::string(a->doc.Slice(c->begin, name_end));
  meeting.date = c->date;
  const std::vector<int> chairs = FindChairs(index);
  const std::vector<int> subjects = TriggerSubjects(index, *c);
  const std::vector<int> attendees = FindAttendees(index, chairs, subjects);
  // Finding organisers records them; a dropped meeting takes them back.
  const std::vector<ExtractedOrganization> orgs = a->extraction.organizations;
  const std::vector<std::string> org_keys = a->org_keys;
  meeting.organizers = FindOrganizers(a, index, *c, name_end, subjects, chairs);
  if (!InvolvesOfficials(*a, attendees, meeting.organizers)) {
    a->extraction.organizations = orgs;
    a->org_keys = org_keys;
    return;
  }
  meeting.chairs = Names(*a, chairs);
  meeting.attendees = Names(*a, attendees);
  meeting.evidence = a->doc.Span(c->begin, name_end);
  a->extraction.meetings.push_back(std::move(meeting));
}

}  // namespace govgraph::extract
