// Officials: full personal names, the titles around them, and later short
// references to them.
#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/common/text.h"
#include "server/extract/analysis.h"
#include "server/extract/mandates.h"
#include "server/extract/titles.h"

namespace govgraph::extract {
namespace {

constexpr size_t kMaxGivenSyllables = 4;
constexpr size_t kMaxTitleLookBack = 24;

const Token& Tok(const Analysis& a, size_t i) { return a.doc.tokens()[i]; }

bool IsNameSyllable(const Analysis& a, size_t i, size_t end) {
  if (i >= end) return false;
  const Token& t = Tok(a, i);
  return t.kind == TokenKind::kWord && t.upper_initial && !t.all_upper &&
         a.vocab.roles.Longest(a.doc, i, end).length == 0 &&
         a.vocab.org_heads.Longest(a.doc, i, end).length < 2;
}

// Length in tokens of the personal name starting at `i`; 0 if none.
size_t NameLength(const Analysis& a, size_t i, size_t end) {
  const Token& first = Tok(a, i);
  if (first.kind != TokenKind::kWord || !first.upper_initial ||
      first.all_upper) {
    return 0;
  }
  PhraseMatcher::Match family = a.vocab.family_names.Longest(a.doc, i, end);
  if (family.length == 0) return 0;
  if (a.vocab.places.Longest(a.doc, i, end).length >= 2) return 0;
  size_t j = i + family.length;
  while (j < end && j - i - family.length < kMaxGivenSyllables &&
         IsNameSyllable(a, j, end)) {
    ++j;
  }
  return j - i >= 2 && j > i + family.length ? j - i : 0;
}

// True if the name at `i` follows a word that makes it a place, street,
// school or credit ("đường Nguyễn Huệ", "Ảnh: Hoàng Anh").
bool BlockedBefore(const Analysis& a, size_t i, size_t begin) {
  size_t end = i;
  if (end > begin &&
      (a.doc.TokenText(end - 1) == ":" || a.doc.TokenText(end - 1) == "/")) {
    --end;
  }
  if (a.vocab.name_blockers.LongestEndingAt(a.doc, begin, end).length > 0 ||
      a.vocab.org_heads.LongestEndingAt(a.doc, begin, i).length > 0) {
    return true;
  }
  // After an abbreviation that is not a place: "Cty TNHH Kim Chính".
  return i > begin && Tok(a, i - 1).all_upper &&
         a.vocab.places.LongestEndingAt(a.doc, begin, i).length == 0;
}

// True if an honorific ("ông", "đồng chí") stands just before `i`.
bool HonorificBefore(const Analysis& a, size_t i, size_t begin) {
  return a.vocab.honorifics.LongestEndingAt(a.doc, begin, i).length > 0;
}

// True if the name fills its whole line: an author or photo credit.
bool IsByline(const Analysis& a, size_t begin, size_t end,
              const Sentence& sentence) {
  for (size_t k = sentence.begin; k < sentence.end; ++k) {
    if (k >= begin && k < end) continue;
    if (Tok(a, k).kind == TokenKind::kWord) return false;
  }
  return true;
}

// True if the name at [begin, end) was already found with a cue.
bool KnownPerson(const Analysis& a, size_t begin, size_t end) {
  const std::string key = FoldName(a.doc.Slice(begin, end));
  for (const ExtractedPerson& person : a.extraction.persons) {
    if (FoldName(person.name) == key) return true;
  }
  return false;
}

int AddPerson(Analysis* a, const std::string& name) {
  const std::string key = FoldName(name);
  std::vector<ExtractedPerson>& persons = a->extraction.persons;
  for (size_t p = 0; p < persons.size(); ++p) {
    if (FoldName(persons[p].name) == key) return static_cast<int>(p);
  }
  persons.push_back(ExtractedPerson{name, {}, {}});
  return static_cast<int>(persons.size() - 1);
}

void AddPositions(Analysis* a, int person,
                  const std::vector<ParsedPosition>& positions) {
  ExtractedPerson& p = a->extraction.persons[person];
  for (const ParsedPosition& parsed : positions) {
    const TextSpan span = a->doc.Span(parsed.begin, parsed.end);
    if (!parsed.org.empty()) AddOrganization(a, parsed.org, span);
    const std::string role_key = FoldName(parsed.role);
    const std::string org_key = OrgKey(a->vocab, parsed.org);
    auto same = [&](const ExtractedPosition& have) {
      return FoldName(have.role) == role_key &&
             OrgKey(a->vocab, have.org) == org_key;
    };
    auto known = std::find_if(p.positions.begin(), p.positions.end(), same);
    if (known == p.positions.end()) {
      p.positions.push_back({parsed.role, parsed.org, span, parsed.change});
    } else if (known->change == MandateChange::kNone &&
               parsed.change != MandateChange::kNone) {
      // Told again with its start or end: that is the evidence to keep.
      known->change = parsed.change;
      known->evidence = span;
    }
  }
}

// Where a title just before the name (at `name_begin`) starts, or
// `name_begin` if there is none. Ranks and honorifics may stand between.
size_t TitleBefore(const Analysis& a, size_t name_begin, size_t begin,
                   size_t sentence_end, std::vector<ParsedPosition>* out) {
  const size_t q = SkipRanksBackward(a, name_begin, begin);
  size_t best = name_begin;
  std::vector<ParsedPosition> best_positions;
  const size_t floor =
      q > begin + kMaxTitleLookBack ? q - kMaxTitleLookBack : begin;
  for (size_t p = q; p-- > floor;) {
    if (Tok(a, p).kind != TokenKind::kWord || !StartsRole(a, p, q)) continue;
    std::vector<ParsedPosition> positions;
    ParseTitles(a, p, sentence_end, &positions);
    // The title must end where the name (or its rank) begins.
    for (size_t k = 0; k < positions.size(); ++k) {
      if (positions[k].end != q) continue;
      best = p;
      positions.resize(k + 1);
      best_positions = std::move(positions);
      break;
    }
  }
  out->insert(out->end(), best_positions.begin(), best_positions.end());
  return best;
}

// Titles shared by the names of a list in one sentence: "các Phó Chủ tịch
// HĐND tỉnh A, B" (a plural title before the first name), "các Ủy viên
// Trung ương Đảng: A, ...; B, ..." (a plural title before a colon), and
// "A, B - Tỉnh ủy viên" (a title after the last name).
struct ListTitles {
  std::vector<ParsedPosition> plural;  // For names that continue the list.
  size_t list_end = 0;                 // Token after the last listed name.
  std::vector<ParsedPosition> colon;   // For items after ":" and ";".
  int previous = -1;                   // The last name, if it ends at
  size_t previous_end = 0;             // previous_end with no title after.
};

bool IsToken(const Analysis& a, size_t i, absl::string_view text) {
  return i < a.doc.tokens().size() && Tok(a, i).lower == text;
}

// The plural title before the first ":" of the sentence, if any.
std::vector<ParsedPosition> ColonTitle(const Analysis& a,
                                       const Sentence& sentence) {
  std::vector<ParsedPosition> positions;
  for (size_t c = sentence.begin + 1; c < sentence.end; ++c) {
    if (!IsToken(a, c, ":")) continue;
    for (size_t p = c; p-- > sentence.begin + 1;) {
      if (!IsToken(a, p - 1, "các") || !StartsRole(a, p, c)) continue;
      std::vector<ParsedPosition> parsed;
      if (ParseTitles(a, p, c, &parsed) == c) positions = std::move(parsed);
      break;
    }
    break;
  }
  return positions;
}

// Adds the list's shared titles to the name at [i, end) and updates `list`
// with the name's own titles.
void ShareListTitles(Analysis* a, size_t i, size_t end, size_t title_begin,
                     int person, std::vector<ParsedPosition>* positions,
                     ListTitles* list) {
  const bool continues = i > 0 && i == list->list_end + 1 &&
                         (IsToken(*a, i - 1, ",") || IsToken(*a, i - 1, "và"));
  if (continues) {
    positions->insert(positions->end(), list->plural.begin(),
                      list->plural.end());
  } else {
    list->plural.clear();
  }
  if (title_begin < i && title_begin > 0 &&
      IsToken(*a, title_begin - 1, "các")) {
    list->plural = *positions;
  }
  if (i > 0 && (IsToken(*a, i - 1, ":") || IsToken(*a, i - 1, ";"))) {
    positions->insert(positions->end(), list->colon.begin(), list->colon.end());
  }
  // "A, B - Tỉnh ủy viên": B's title after a dash is A's too.
  if (list->previous >= 0 && i == list->previous_end + 1 &&
      IsToken(*a, i - 1, ",") &&
      (IsToken(*a, end, "-") || IsToken(*a, end, "–"))) {
    std::vector<ParsedPosition> after;
    ParseTitles(*a, end + 1, a->doc.sentences()[a->doc.SentenceOf(i)].end,
                &after);
    AddPositions(a, list->previous, after);
  }
  list->list_end = end;
  list->previous = person;
}

// The titles of the name at tokens [i, end) of `sentence`: before it
// (from *title_begin, i if none), after it (*untitled_after false if any)
// and those mandate cues give, each with its change.
std::vector<ParsedPosition> NamePositions(const Analysis& a, size_t i,
                                          size_t end, const Sentence& sentence,
                                          size_t* title_begin,
                                          bool* untitled_after) {
  std::vector<ParsedPosition> positions;
  *title_begin = TitleBefore(a, i, sentence.begin, sentence.end, &positions);
  const size_t own_before = positions.size();
  const size_t after = ParseTitlesAfterName(a, end, sentence.end, &positions);
  const bool cued =
      ParseMandateTitles(a, *title_begin, after, sentence, &positions);
  *untitled_after = positions.size() == own_before;
  // "cách chức Bộ trưởng An ninh quốc gia Kim Won-hong".
  const MandateChange change =
      cued || *title_begin == i ? MandateChange::kNone
                                : ChangeBefore(a, *title_begin, sentence.begin);
  for (size_t k = 0; k < own_before && change != MandateChange::kNone; ++k) {
    if (positions[k].change == MandateChange::kNone) {
      positions[k].change = change;
    }
  }
  return positions;
}

void FindFullNames(Analysis* a) {
  const Document& doc = a->doc;
  for (const Sentence& sentence : doc.sentences()) {
    ListTitles list;
    list.colon = ColonTitle(*a, sentence);
    for (size_t i = sentence.begin; i < sentence.end; ++i) {
      // A place ("Bắc Ninh") is never the start of a name.
      if (size_t place = a->vocab.places.Longest(doc, i, sentence.end).length;
          place >= 2) {
        i += place - 1;
        continue;
      }
      size_t length = NameLength(*a, i, sentence.end);
      const bool foreign = length == 0;
      if (foreign) length = ForeignNameLength(*a, i, sentence.end);
      if (length == 0) continue;
      const size_t end = i + length;
      size_t title_begin = i;
      bool untitled_after = true;
      std::vector<ParsedPosition> positions =
          NamePositions(*a, i, end, sentence, &title_begin, &untitled_after);
      const bool titled = title_begin < i;
      const bool cued = !positions.empty() ||
                        HonorificBefore(*a, i, sentence.begin) ||
                        KnownPerson(*a, i, end);
      if ((!titled && BlockedBefore(*a, i, sentence.begin)) || !cued ||
          IsByline(*a, i, end, sentence)) {
        i = end - 1;
        continue;
      }
      const int person = AddPerson(a, std::string(doc.Slice(i, end)));
      ShareListTitles(a, i, end, title_begin, person, &positions, &list);
      if (!untitled_after) list.previous = -1;
      list.previous_end = end;
      AddPositions(a, person, positions);
      a->extraction.persons[person].mentions.push_back(doc.Span(i, end));
      a->mentions.push_back(PersonMention{person, i, end, true});
      i = end - 1;
    }
  }
}

// The person whose name (`syllables`, by person) ends with the tokens
// [i, i + n), if exactly one.
int PersonByGivenName(const Analysis& a,
                      const std::vector<std::vector<std::string>>& syllables,
                      size_t i, size_t n) {
  int found = -1;
  for (size_t p = 0; p < syllables.size(); ++p) {
    const std::vector<std::string>& name = syllables[p];
    if (name.size() <= n) continue;
    bool match = true;
    for (size_t k = 0; k < n && match; ++k) {
      match = name[name.size() - n + k] == Tok(a, i + k).lower;
    }
    if (!match) continue;
    if (found >= 0) return -1;
    found = static_cast<int>(p);
  }
  return found;
}

// The lower-cased syllables of each person's name, by person index.
std::vector<std::vector<std::string>> NameSyllables(const Analysis& a) {
  std::vector<std::vector<std::string>> syllables;
  for (const ExtractedPerson& person : a.extraction.persons) {
    Document name(person.name);
    std::vector<std::string>& out = syllables.emplace_back();
    for (const Token& token : name.tokens()) out.emplace_back(token.lower);
  }
  return syllables;
}

// "ông Chung", "bà Dung", "đồng chí Lộc": an honorific and a given name.
void FindGivenNameReferences(Analysis* a) {
  const std::vector<Token>& tokens = a->doc.tokens();
  const std::vector<std::vector<std::string>> syllables = NameSyllables(*a);
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    PhraseMatcher::Match h =
        a->vocab.honorifics.Longest(a->doc, i, tokens.size());
    if (h.length == 0) continue;
    const size_t start = i + h.length;
    if (PersonAt(*a, start) >= 0 || start >= tokens.size() ||
        !tokens[start].upper_initial) {
      continue;
    }
    size_t n = 1;
    while (start + n < tokens.size() && n < 2 &&
           tokens[start + n].upper_initial &&
           tokens[start + n].kind == TokenKind::kWord) {
      ++n;
    }
    for (; n > 0; --n) {
      const int person = PersonByGivenName(*a, syllables, start, n);
      if (person < 0) continue;
      a->mentions.push_back(PersonMention{person, start, start + n, false});
      break;
    }
  }
}

// "Thủ tướng", "Bộ trưởng" alone: the one person given that role.
void FindRoleReferences(Analysis* a) {
  const std::vector<Token>& tokens = a->doc.tokens();
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (PersonAt(*a, i) >= 0 || !tokens[i].upper_initial) continue;
    PhraseMatcher::Match role =
        a->vocab.roles.Longest(a->doc, i, tokens.size());
    if (role.length == 0) continue;
    const size_t end = i + role.length;
    if (end < tokens.size() && tokens[end].upper_initial) continue;
    const int found =
        PersonWithRole(*a, a->vocab.role_info[role.value].role, "");
    if (found >= 0) a->mentions.push_back(PersonMention{found, i, end, false});
    i = end - 1;
  }
}

}  // namespace

namespace {

// Collects the one person that fits; several make it ambiguous.
class UniquePerson {
 public:
  void Add(int person) {
    ambiguous_ = ambiguous_ || (found_ >= 0 && found_ != person);
    found_ = person;
  }
  // The person, or -1 for none or several.
  int Get() const { return ambiguous_ ? -1 : found_; }

 private:
  int found_ = -1;
  bool ambiguous_ = false;
};

}  // namespace

int PersonWithRole(const Analysis& a, absl::string_view role,
                   absl::string_view org) {
  const std::string role_key = FoldName(role);
  const std::string org_key = org.empty() ? "" : OrgKey(a.vocab, org);
  UniquePerson by_role, by_role_and_org;
  for (size_t p = 0; p < a.extraction.persons.size(); ++p) {
    for (const ExtractedPosition& have : a.extraction.persons[p].positions) {
      // A mandate the text ends is no longer held.
      if (have.change == MandateChange::kEnded ||
          FoldName(have.role) != role_key) {
        continue;
      }
      by_role.Add(static_cast<int>(p));
      if (!org_key.empty() && OrgKey(a.vocab, have.org) == org_key) {
        by_role_and_org.Add(static_cast<int>(p));
      }
    }
  }
  const int with_org = by_role_and_org.Get();
  return with_org >= 0 ? with_org : by_role.Get();
}

int PersonAt(const Analysis& a, size_t i) {
  for (const PersonMention& m : a.mentions) {
    if (i >= m.begin && i < m.end) return m.person;
  }
  return -1;
}

std::vector<PersonMention> MentionsInSentence(const Analysis& a, size_t s) {
  const Sentence& sentence = a.doc.sentences()[s];
  std::vector<PersonMention> out;
  for (const PersonMention& m : a.mentions) {
    if (m.begin >= sentence.begin && m.begin < sentence.end) out.push_back(m);
  }
  return out;
}

// Drops a role given without an organisation where the same person also
// holds it with one ("Thứ trưởng" beside "Thứ trưởng Bộ Công an").
void DropBareDuplicateRoles(Analysis* a) {
  for (ExtractedPerson& person : a->extraction.persons) {
    std::vector<ExtractedPosition>& positions = person.positions;
    auto has_org = [&](const std::string& role) {
      const std::string key = FoldName(role);
      return std::any_of(positions.begin(), positions.end(),
                         [&](const ExtractedPosition& p) {
                           return !p.org.empty() && FoldName(p.role) == key;
                         });
    };
    // "Phó Thủ tướng" beside "Phó Thủ tướng Thường trực" of the same org.
    auto has_longer = [&](const ExtractedPosition& p) {
      const std::string key = FoldName(p.role);
      return std::any_of(
          positions.begin(), positions.end(), [&](const ExtractedPosition& q) {
            const std::string longer = FoldName(q.role);
            return q.org == p.org && longer.size() > key.size() &&
                   absl::StartsWith(longer, key + " ");
          });
    };
    positions.erase(
        std::remove_if(positions.begin(), positions.end(),
                       [&](const ExtractedPosition& p) {
                         return (p.org.empty() && has_org(p.role)) ||
                                has_longer(p);
                       }),
        positions.end());
  }
}

void FindPersons(Analysis* a) {
  FindFullNames(a);
  DropBareDuplicateRoles(a);
  FindGivenNameReferences(a);
  FindRoleReferences(a);
  std::sort(a->mentions.begin(), a->mentions.end(),
            [](const PersonMention& x, const PersonMention& y) {
              return x.begin < y.begin;
            });
}

}  // namespace govgraph::extract
