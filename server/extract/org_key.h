// Organisation keys: the one folded, expanded form that every spelling of
// an organisation's name reduces to, so that "UBND TP.HCM" in one report and
// "Ủy ban nhân dân Thành phố Hồ Chí Minh" in another are one organisation.
// Used to merge names inside a report and, through
// Extractor::OrganizationKey, to give an organisation one id across reports.
#ifndef GOVGRAPH_SERVER_EXTRACT_ORG_KEY_H_
#define GOVGRAPH_SERVER_EXTRACT_ORG_KEY_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "server/extract/lexicon.h"

namespace govgraph::extract {

// One word of a name as keys compare it.
struct KeyWord {
  std::string lower;   // Lower case, diacritics kept, tone placed the new
                       // way ("hoá" -> "hóa", "uỷ" -> "ủy").
  std::string folded;  // FoldName: what the key is made of.
  bool name_syllable = false;  // Capitalised, not all capitals ("Quang").
};

// The tables keys are computed with, compiled from abbreviations.txt,
// places.txt and org_synonyms.txt. Immutable after construction;
// thread-safe.
class OrgKeyTables {
 public:
  explicit OrgKeyTables(const Lexicon& lexicon);

  // The key of organisation `name` (valid NFC UTF-8): its words folded
  // (no case, diacritics or punctuation), abbreviations expanded, each
  // known place written once with its kind ("tinh quang nam", "thanh pho
  // ho chi minh") unless the name gives another ("thanh pho thanh hoa"),
  // then synonyms replaced. "UBND TP.HCM", "UBND TP HCM" and "Ủy ban nhân
  // dân Thành phố Hồ Chí Minh" all give "uy ban nhan dan thanh pho ho chi
  // minh"; "Sở Y tế Bình Định" gives "so y te tinh binh dinh". Empty for a
  // name without words.
  std::string Key(absl::string_view name) const;

 private:
  struct Place {
    std::vector<std::string> core;            // Folded, no kind word.
    std::vector<std::string> default_prefix;  // Folded kind word(s).
    bool country = false;
  };
  struct Spelling {
    std::vector<std::string> lower;
    int place = -1;
  };
  struct PlaceMatch {
    size_t length = 0;
    int place = -1;
  };

  // The words of `name` with abbreviations expanded; punctuation dropped.
  std::vector<KeyWord> Words(absl::string_view name) const;
  // The longest place spelling at words[i]; length 0 if none.
  PlaceMatch PlaceAt(const std::vector<KeyWord>& words, size_t i) const;
  // Folded words with places written one way.
  std::vector<std::string> PlaceForms(const std::vector<KeyWord>& words) const;
  // Key() before synonyms: " word word ... ".
  std::string Unreplaced(absl::string_view name) const;
  void AddPlaces(const Lexicon& lexicon);

  // Folded abbreviation -> its expansion's words.
  absl::flat_hash_map<std::string, std::vector<KeyWord>> expansions_;
  std::vector<Place> places_;
  // First lower-case word -> spellings starting with it.
  absl::flat_hash_map<std::string, std::vector<Spelling>> spellings_;
  // " phrase " -> " replacement ", both as Unreplaced() gives them.
  std::vector<std::pair<std::string, std::string>> synonyms_;
};

}  // namespace govgraph::extract

#endif  // GOVGRAPH_SERVER_EXTRACT_ORG_KEY_H_
