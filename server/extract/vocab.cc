#include "server/extract/vocab.h"

#include <algorithm>
#include <atomic>

#include "server/common/text.h"

namespace govgraph::extract {
namespace {

uint64_t NextVocabId() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1);
}

std::vector<std::string> PhraseKeys(absl::string_view phrase) {
  Document doc{std::string(phrase)};
  std::vector<std::string> keys;
  for (size_t i = 0; i < doc.tokens().size(); ++i) {
    keys.emplace_back(MatchKey(doc, i));
  }
  return keys;
}

bool KeysMatch(const Document& doc, size_t at,
               const std::vector<std::string>& keys) {
  for (size_t k = 0; k < keys.size(); ++k) {
    if (MatchKey(doc, at + k) != keys[k]) return false;
  }
  return true;
}

PlaceStyle ParseStyle(absl::string_view style) {
  if (style == "bare") return PlaceStyle::kBare;
  if (style == "admin") return PlaceStyle::kAdmin;
  if (style == "dept") return PlaceStyle::kDept;
  return PlaceStyle::kNone;
}

MandateChange ParseChange(absl::string_view change) {
  if (change == "started") return MandateChange::kStarted;
  if (change == "ended") return MandateChange::kEnded;
  return MandateChange::kNone;
}

MandateCue ParseCue(absl::string_view kind) {
  if (kind == "started") return MandateCue::kStart;
  if (kind == "ended") return MandateCue::kEnd;
  if (kind == "adverb") return MandateCue::kAdverb;
  if (kind == "target") return MandateCue::kTarget;
  return MandateCue::kLink;
}

PlaceKind ParseKind(absl::string_view kind) {
  if (kind == "city") return PlaceKind::kCity;
  if (kind == "town") return PlaceKind::kTown;
  if (kind == "country") return PlaceKind::kCountry;
  return PlaceKind::kProvince;
}

const std::string& Field(const LexiconEntry& entry, size_t i) {
  static const std::string* const kEmpty = new std::string();
  return i < entry.size() ? entry[i] : *kEmpty;
}

void AddAll(const Lexicon& lexicon, absl::string_view file,
            PhraseMatcher* matcher) {
  for (const LexiconEntry& entry : lexicon.Entries(file)) {
    matcher->Add(Field(entry, 0), 0);
  }
}

}  // namespace

void PhraseMatcher::Add(absl::string_view phrase, int value) {
  std::vector<std::string> keys = PhraseKeys(phrase);
  if (keys.empty()) return;
  by_first_[keys.front()].emplace_back(keys, value);
  by_last_[keys.back()].emplace_back(keys, value);
}

std::vector<std::string> PhraseMatcher::FirstKeys() const {
  std::vector<std::string> keys;
  for (const auto& [key, phrases] : by_first_) keys.push_back(key);
  return keys;
}

std::vector<std::string> PhraseMatcher::LastKeys() const {
  std::vector<std::string> keys;
  for (const auto& [key, phrases] : by_last_) keys.push_back(key);
  return keys;
}

PhraseMatcher::Match PhraseMatcher::LongestScan(const Document& doc, size_t i,
                                                size_t end) const {
  Match best;
  if (i >= end || i >= doc.tokens().size()) return best;
  auto it = by_first_.find(MatchKey(doc, i));
  if (it == by_first_.end()) return best;
  for (const auto& [keys, value] : it->second) {
    if (keys.size() <= best.length || i + keys.size() > end) continue;
    if (KeysMatch(doc, i, keys)) best = Match{keys.size(), value};
  }
  return best;
}

PhraseMatcher::Match PhraseMatcher::LongestEndingAtScan(const Document& doc,
                                                        size_t begin,
                                                        size_t end) const {
  Match best;
  if (end == 0 || end <= begin || end > doc.tokens().size()) return best;
  auto it = by_last_.find(MatchKey(doc, end - 1));
  if (it == by_last_.end()) return best;
  for (const auto& [keys, value] : it->second) {
    if (keys.size() <= best.length || keys.size() > end - begin) continue;
    if (KeysMatch(doc, end - keys.size(), keys)) {
      best = Match{keys.size(), value};
    }
  }
  return best;
}

Vocab::Vocab(const Lexicon& lexicon) : org_keys(lexicon), id_(NextVocabId()) {
  AddAll(lexicon, "family_names.txt", &family_names);
  AddAll(lexicon, "honorifics.txt", &honorifics);
  AddAll(lexicon, "ranks.txt", &ranks);
  AddAll(lexicon, "name_blockers.txt", &name_blockers);
  for (const LexiconEntry& e : lexicon.Entries("national.txt")) {
    (Field(e, 1) == "head" ? national_heads : national_markers)
        .Add(Field(e, 0), 0);
  }
  for (const LexiconEntry& e : lexicon.Entries("roles.txt")) {
    roles.Add(Field(e, 0), static_cast<int>(role_info.size()));
    RoleInfo info{Field(e, 1).empty() ? Field(e, 0) : Field(e, 1), Field(e, 2),
                  Field(e, 3)};
    const std::vector<std::string> surface = PhraseKeys(Field(e, 0));
    const std::vector<std::string> head = PhraseKeys(info.org_head);
    info.needs_org =
        !head.empty() && !surface.empty() && surface.back() == head.back();
    role_info.push_back(std::move(info));
  }
  for (const LexiconEntry& e : lexicon.Entries("role_modifiers.txt")) {
    role_modifiers.Add(Field(e, 0), static_cast<int>(modifier_prefix.size()));
    modifier_prefix.push_back(Field(e, 1));
    modifier_change.push_back(ParseChange(Field(e, 2)));
  }
  for (const LexiconEntry& e : lexicon.Entries("mandate_cues.txt")) {
    mandate_cues.Add(Field(e, 0), static_cast<int>(mandate_cue.size()));
    mandate_cue.push_back(ParseCue(Field(e, 1)));
    mandate_cue_object.push_back(Field(e, 2) == "object");
  }
  for (const LexiconEntry& e : lexicon.Entries("org_parents.txt")) {
    parent_heads.Add(Field(e, 0), static_cast<int>(implied_parent.size()));
    implied_parent.push_back(Field(e, 1));
  }
  for (const LexiconEntry& e : lexicon.Entries("org_heads.txt")) {
    org_heads.Add(Field(e, 0), static_cast<int>(org_head_style.size()));
    org_head_style.push_back(ParseStyle(Field(e, 1)));
    org_head_named_only.push_back(Field(e, 2) == "named-only");
  }
  for (const LexiconEntry& e : lexicon.Entries("places.txt")) {
    const int index = static_cast<int>(place_info.size());
    std::string squashed = FoldName(Field(e, 0));
    squashed.erase(std::remove(squashed.begin(), squashed.end(), ' '),
                   squashed.end());
    place_info.push_back(
        PlaceInfo{Field(e, 0), std::move(squashed), ParseKind(Field(e, 1))});
    places.Add(Field(e, 0), index);
    for (size_t i = 2; i < e.size(); ++i) places.Add(e[i], index);
  }
  for (const LexiconEntry& e : lexicon.Entries("org_stopwords.txt")) {
    org_stopwords.insert(Field(e, 0));
  }
  AddAll(lexicon, "meeting_words.txt", &meeting_words);
  for (const LexiconEntry& e : lexicon.Entries("directive_verbs.txt")) {
    directive_verbs.Add(Field(e, 0),
                        static_cast<int>(directive_verb_info.size()));
    directive_verb_info.push_back(e);
  }
  uint32_t bit = 1;
  for (PhraseMatcher* matcher : Matchers()) {
    matcher->set_bit(bit);
    for (const std::string& key : matcher->FirstKeys()) first_bits_[key] |= bit;
    for (const std::string& key : matcher->LastKeys()) last_bits_[key] |= bit;
    bit <<= 1;
  }
}

std::vector<PhraseMatcher*> Vocab::Matchers() {
  return {&family_names,     &honorifics,     &ranks,         &roles,
          &role_modifiers,   &org_heads,      &places,        &name_blockers,
          &national_markers, &national_heads, &meeting_words, &directive_verbs,
          &mandate_cues,     &parent_heads};
}

void Vocab::Masks(absl::string_view key, uint32_t* first,
                  uint32_t* last) const {
  auto f = first_bits_.find(key);
  *first = f == first_bits_.end() ? 0 : f->second;
  auto l = last_bits_.find(key);
  *last = l == last_bits_.end() ? 0 : l->second;
}

void Vocab::Annotate(Document* doc) const {
  const size_t n = doc->tokens().size();
  std::vector<uint32_t> first(n, 0), last(n, 0);
  for (size_t i = 0; i < n; ++i) {
    const Token& token = doc->tokens()[i];
    const TokenForm* form = token.form;
    if (form == nullptr) {
      Masks(token.lower, &first[i], &last[i]);
      continue;
    }
    if (form->vocab_id != id_) {
      Masks(form->lower, &form->first_mask, &form->last_mask);
      form->vocab_id = id_;
    }
    first[i] = form->first_mask;
    last[i] = form->last_mask;
  }
  doc->SetMasks(std::move(first), std::move(last));
}

}  // namespace govgraph::extract
