// The lexicon compiled for matching: phrase matchers over tokens and the
// attributes of each entry. Built once per Lexicon; immutable, thread-safe.
#ifndef GOVGRAPH_SERVER_EXTRACT_VOCAB_H_
#define GOVGRAPH_SERVER_EXTRACT_VOCAB_H_

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "server/extract/document.h"
#include "server/extract/lexicon.h"
#include "server/extract/org_key.h"

namespace govgraph::extract {

// How a token is compared with lexicon phrases: words in lower case with
// their diacritics, punctuation as written, line breaks never match.
inline absl::string_view MatchKey(const Document& doc, size_t i) {
  return doc.tokens()[i].lower;
}

// Finds lexicon phrases in a document's tokens.
class PhraseMatcher {
 public:
  struct Match {
    size_t length = 0;  // Tokens matched; 0 when nothing matched.
    int value = -1;     // The value given to Add.
  };

  // Adds `phrase` (tokenised like a document) with `value`.
  void Add(absl::string_view phrase, int value);

  // The longest phrase starting at token `i`, not extending past `end`.
  Match Longest(const Document& doc, size_t i, size_t end) const {
    if (doc.annotated() && i < end && i < doc.tokens().size() &&
        (doc.first_mask(i) & bit_) == 0) {
      return Match();
    }
    return LongestScan(doc, i, end);
  }
  // The keys phrases start and end with (for Vocab::Annotate).
  std::vector<std::string> FirstKeys() const;
  std::vector<std::string> LastKeys() const;
  // This matcher's bit in Document::first_mask / last_mask; 0 for none.
  void set_bit(uint32_t bit) { bit_ = bit; }
  // The longest phrase ending just before token `end`, starting at or
  // after `begin`.
  Match LongestEndingAt(const Document& doc, size_t begin, size_t end) const {
    if (doc.annotated() && end > begin && end <= doc.tokens().size() &&
        (doc.last_mask(end - 1) & bit_) == 0) {
      return Match();
    }
    return LongestEndingAtScan(doc, begin, end);
  }

 private:
  Match LongestScan(const Document& doc, size_t i, size_t end) const;
  Match LongestEndingAtScan(const Document& doc, size_t begin,
                            size_t end) const;

  absl::flat_hash_map<std::string,
                      std::vector<std::pair<std::vector<std::string>, int>>>
      by_first_;
  absl::flat_hash_map<std::string,
                      std::vector<std::pair<std::vector<std::string>, int>>>
      by_last_;
  uint32_t bit_ = 0;
};

enum class PlaceKind { kCity, kProvince, kTown, kCountry };
// What a phrase of mandate_cues.txt is.
enum class MandateCue {
  kStart,   // The title after it begins: "được bầu", "bổ nhiệm".
  kEnd,     // The title after it ends: "thôi giữ chức", "miễn nhiệm".
  kLink,    // Between a cue (or its person) and the title: "giữ chức".
  kAdverb,  // Between a person and the cue: "đã", "vừa".
  kTarget,  // Between a title and its person: "đối với", "cho".
};
// How a local organisation is completed with a place (org_heads.txt).
enum class PlaceStyle { kNone, kBare, kAdmin, kDept };

struct RoleInfo {
  std::string role;
  std::string org_head;
  std::string default_org;
  // The surface ends with the org head ("Giám đốc Sở"), so it is a role
  // only when an organisation name follows.
  bool needs_org = false;
};

struct PlaceInfo {
  std::string name;
  std::string squashed;  // Folded, without spaces: "binhdinh".
  PlaceKind kind = PlaceKind::kProvince;
};

class Vocab {
 public:
  explicit Vocab(const Lexicon& lexicon);

  // Marks on each token of `doc` which matchers have a phrase starting or
  // ending with it, so that matching skips most tokens at once.
  void Annotate(Document* doc) const;

  PhraseMatcher family_names;
  PhraseMatcher honorifics;
  PhraseMatcher ranks;
  PhraseMatcher roles;  // Value: index into role_info.
  std::vector<RoleInfo> role_info;
  PhraseMatcher role_modifiers;  // Value: index into modifier_prefix.
  std::vector<std::string> modifier_prefix;    // "" keeps the role as is.
  std::vector<MandateChange> modifier_change;  // Parallel to modifier_prefix.

  // mandate_cues.txt. Value: index into mandate_cue; mandate_cue_object
  // says a start or end cue tells of the person after it ("bổ nhiệm ông
  // X"), not of the one before it ("ông X được bổ nhiệm").
  PhraseMatcher mandate_cues;
  std::vector<MandateCue> mandate_cue;
  std::vector<bool> mandate_cue_object;
  PhraseMatcher org_heads;  // Value: index into org_head_style.
  std::vector<PlaceStyle> org_head_style;
  std::vector<bool> org_head_named_only;  // Parallel to org_head_style.
  PhraseMatcher places;                   // Value: index into place_info.
  std::vector<PlaceInfo> place_info;
  PhraseMatcher name_blockers;
  // Words that make an organisation national ("Trung ương", "Chính phủ"),
  // and heads of national organisations ("Bộ", "Tổng cục"): never
  // completed with the report's place.
  PhraseMatcher national_markers;
  PhraseMatcher national_heads;
  absl::flat_hash_set<std::string> org_stopwords;
  // org_parents.txt: heads of organisations others are part of. Value:
  // index into implied_parent, the head of the organisation of the same
  // place that one starting with the head is part of ("UBND" for "Sở"), or
  // "".
  PhraseMatcher parent_heads;
  std::vector<std::string> implied_parent;
  // Keys of organisation names (abbreviations, places, synonyms).
  OrgKeyTables org_keys;
  PhraseMatcher meeting_words;  // Value: 0.
  PhraseMatcher directive_verbs;
  std::vector<std::vector<std::string>> directive_verb_info;

 private:
  std::vector<PhraseMatcher*> Matchers();
  void Masks(absl::string_view key, uint32_t* first, uint32_t* last) const;

  const uint64_t id_;  // Unique per Vocab: keys TokenForm's mask cache.
  absl::flat_hash_map<std::string, uint32_t> first_bits_;
  absl::flat_hash_map<std::string, uint32_t> last_bits_;
};

}  // namespace govgraph::extract

#endif  // GOVGRAPH_SERVER_EXTRACT_VOCAB_H_
