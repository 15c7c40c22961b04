#include "server/extract/org_key.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "server/common/text.h"
#include "server/extract/document.h"

namespace govgraph::extract {
namespace {

// Words that say what kind of place follows ("tỉnh Quảng Nam", "thành phố
// Thanh Hóa"); a name that writes one keeps it.
const std::vector<std::vector<std::string>>& PlaceKindWords() {
  static const auto* const kWords = new std::vector<std::vector<std::string>>{
      {"thành", "phố"}, {"thị", "xã"}, {"thị", "trấn"}, {"tỉnh"},
      {"huyện"},        {"quận"},      {"xã"},          {"phường"}};
  return *kWords;
}

// words[i...] start with the lower-case words `phrase`.
bool StartsWith(const std::vector<KeyWord>& words, size_t i,
                const std::vector<std::string>& phrase) {
  if (i + phrase.size() > words.size()) return false;
  for (size_t k = 0; k < phrase.size(); ++k) {
    if (words[i + k].lower != phrase[k]) return false;
  }
  return true;
}

// Length of the place kind word(s) at words[i]; 0 if none.
size_t KindWordLength(const std::vector<KeyWord>& words, size_t i) {
  for (const std::vector<std::string>& kind : PlaceKindWords()) {
    if (StartsWith(words, i, kind)) return kind.size();
  }
  return 0;
}

// The old tone placement of an open syllable ending in "oa", "oe" or "uy"
// ("hoá", "uỷ") written the new way ("hóa", "ủy"). "quý" stays.
std::string NewTonePlacement(std::string word) {
  static const char* const kOldToNew[][2] = {
      {"oà", "òa"}, {"oá", "óa"}, {"oả", "ỏa"}, {"oã", "õa"}, {"oạ", "ọa"},
      {"oè", "òe"}, {"oé", "óe"}, {"oẻ", "ỏe"}, {"oẽ", "õe"}, {"oẹ", "ọe"},
      {"uỳ", "ùy"}, {"uý", "úy"}, {"uỷ", "ủy"}, {"uỹ", "ũy"}, {"uỵ", "ụy"}};
  for (const auto& [old_form, new_form] : kOldToNew) {
    if (!absl::EndsWith(word, old_form)) continue;
    const size_t at = word.size() - strlen(old_form);
    if (old_form[0] == 'u' && at > 0 && word[at - 1] == 'q') break;
    word.replace(at, strlen(old_form), new_form);
    break;
  }
  return word;
}

// The parts of a joined word ("gd-đt", "tp.hcm", "28/6").
std::vector<std::string> SplitJoined(absl::string_view word) {
  std::string spaced(word);
  for (size_t at = spaced.find("\xE2\x80\x99"); at != std::string::npos;
       at = spaced.find("\xE2\x80\x99", at)) {
    spaced.replace(at, 3, " ");
  }
  std::replace_if(
      spaced.begin(), spaced.end(),
      [](char c) {
        return c == '.' || c == '&' || c == '-' || c == '/' || c == '\'';
      },
      ' ');
  return absl::StrSplit(spaced, ' ', absl::SkipEmpty());
}

std::vector<std::string> DefaultKindWords(absl::string_view kind) {
  if (kind == "city" || kind == "town") return {"thanh", "pho"};
  if (kind == "country") return {};
  return {"tinh"};
}

}  // namespace

OrgKeyTables::OrgKeyTables(const Lexicon& lexicon) {
  for (const LexiconEntry& e : lexicon.Entries("abbreviations.txt")) {
    if (e.size() < 2) continue;
    std::vector<KeyWord> words = Words(e[1]);
    for (KeyWord& word : words) word.name_syllable = false;
    expansions_[FoldName(e[0])] = std::move(words);
  }
  AddPlaces(lexicon);
  for (const LexiconEntry& e : lexicon.Entries("org_synonyms.txt")) {
    if (e.size() < 2) continue;
    synonyms_.emplace_back(Unreplaced(e[0]), Unreplaced(e[1]));
  }
}

void OrgKeyTables::AddPlaces(const Lexicon& lexicon) {
  for (const LexiconEntry& e : lexicon.Entries("places.txt")) {
    if (e.empty()) continue;
    const std::string kind = e.size() > 1 ? e[1] : std::string();
    std::vector<KeyWord> name = Words(e[0]);
    const size_t kind_words = KindWordLength(name, 0);
    Place place;
    for (size_t k = kind_words; k < name.size(); ++k) {
      place.core.push_back(name[k].folded);
    }
    if (place.core.empty()) continue;
    place.default_prefix = DefaultKindWords(kind);
    place.country = kind == "country";
    const int index = static_cast<int>(places_.size());
    places_.push_back(std::move(place));
    for (size_t i = 0; i < e.size(); ++i) {
      if (i == 1) continue;  // The kind.
      Spelling spelling{{}, index};
      for (const KeyWord& word : Words(e[i])) {
        spelling.lower.push_back(word.lower);
      }
      if (spelling.lower.empty()) continue;
      spellings_[spelling.lower.front()].push_back(std::move(spelling));
    }
  }
}

std::vector<KeyWord> OrgKeyTables::Words(absl::string_view name) const {
  std::vector<KeyWord> words;
  auto expand = [&](const std::string& folded) {
    auto it = expansions_.find(folded);
    if (it == expansions_.end()) return false;
    words.insert(words.end(), it->second.begin(), it->second.end());
    return true;
  };
  Document doc{std::string(name)};
  for (const Token& t : doc.tokens()) {
    if (t.kind != TokenKind::kWord || expand(std::string(t.folded))) continue;
    const std::vector<std::string> lower = SplitJoined(t.lower);
    const std::vector<std::string> folded = SplitJoined(t.folded);
    for (size_t k = 0; k < lower.size() && k < folded.size(); ++k) {
      if (expand(folded[k])) continue;
      words.push_back(KeyWord{NewTonePlacement(lower[k]), folded[k],
                              t.upper_initial && !t.all_upper});
    }
  }
  return words;
}

OrgKeyTables::PlaceMatch OrgKeyTables::PlaceAt(
    const std::vector<KeyWord>& words, size_t i) const {
  PlaceMatch best;
  if (i >= words.size()) return best;
  auto it = spellings_.find(words[i].lower);
  if (it == spellings_.end()) return best;
  for (const Spelling& spelling : it->second) {
    if (spelling.lower.size() > best.length &&
        StartsWith(words, i, spelling.lower)) {
      best = PlaceMatch{spelling.lower.size(), spelling.place};
    }
  }
  return best;
}

std::vector<std::string> OrgKeyTables::PlaceForms(
    const std::vector<KeyWord>& words) const {
  std::vector<std::string> out;
  bool after_place = false;
  for (size_t i = 0; i < words.size();) {
    const size_t kind = KindWordLength(words, i);
    const PlaceMatch bare = PlaceAt(words, i);
    const PlaceMatch kinded =
        kind > 0 ? PlaceAt(words, i + kind) : PlaceMatch();
    if (kinded.length > 0 && !places_[kinded.place].country &&
        kind + kinded.length >= bare.length) {
      for (size_t k = i; k < i + kind; ++k) out.push_back(words[k].folded);
      const Place& place = places_[kinded.place];
      out.insert(out.end(), place.core.begin(), place.core.end());
      i += kind + kinded.length;
      after_place = true;
      continue;
    }
    // A one-word place after a capitalised word names something else
    // ("Công ty Quang Vinh"); a one-word country is kept as written.
    const bool bare_ok =
        bare.length > 0 && (places_[bare.place].country
                                ? bare.length > 1
                                : bare.length > 1 || i == 0 || after_place ||
                                      !words[i - 1].name_syllable);
    if (bare_ok) {
      const Place& place = places_[bare.place];
      out.insert(out.end(), place.default_prefix.begin(),
                 place.default_prefix.end());
      out.insert(out.end(), place.core.begin(), place.core.end());
      i += bare.length;
      after_place = true;
      continue;
    }
    out.push_back(words[i].folded);
    after_place = false;
    ++i;
  }
  return out;
}

std::string OrgKeyTables::Unreplaced(absl::string_view name) const {
  const std::vector<std::string> forms = PlaceForms(Words(name));
  return forms.empty() ? std::string() : " " + absl::StrJoin(forms, " ") + " ";
}

std::string OrgKeyTables::Key(absl::string_view name) const {
  std::string key = Unreplaced(name);
  for (const auto& [phrase, replacement] : synonyms_) {
    if (phrase.empty()) continue;
    const std::string with = replacement.empty() ? " " : replacement;
    // Resume at the replacement's last space: it may open the next match.
    for (size_t at = key.find(phrase); at != std::string::npos;
         at = key.find(phrase, at + with.size() - 1)) {
      key.replace(at, phrase.size(), with);
    }
  }
  return std::string(absl::StripAsciiWhitespace(key));
}

}  // namespace govgraph::extract
