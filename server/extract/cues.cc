#include "server/extract/cues.h"

#include "absl/strings/str_split.h"

namespace govgraph::extract {
namespace {

uint32_t ParseKind(absl::string_view name) {
  static const struct {
    const char* name;
    uint32_t kind;
  } kKinds[] = {
      {"directive", kCueDirective},
      {"emphasis", kCueEmphasis},
      {"modal", kCueModal},
      {"speech", kCueSpeech},
      {"attend", kCueAttend},
      {"chair", kCueChair},
      {"organize", kCueOrganize},
      {"connector", kCueConnector},
      {"adverb", kCueAdverb},
      {"nominal_before", kCueNominalBefore},
      {"nominal_after", kCueNominalAfter},
      {"possessive", kCuePossessive},
      {"past", kCuePast},
      {"not_meeting", kCueNotMeeting},
      {"other", 0},
  };
  for (const auto& k : kKinds) {
    if (name == k.name) return k.kind;
  }
  return 0;
}

// The kinds of entry `value` of directive_verbs.txt.
uint32_t KindsOf(const Vocab& vocab, int value) {
  if (value < 0 ||
      static_cast<size_t>(value) >= vocab.directive_verb_info.size()) {
    return 0;
  }
  const LexiconEntry& entry = vocab.directive_verb_info[value];
  if (entry.size() < 2) return kCueDirective;
  uint32_t kinds = 0;
  for (absl::string_view name :
       absl::StrSplit(entry[1], ' ', absl::SkipEmpty())) {
    kinds |= ParseKind(name);
  }
  return kinds;
}

}  // namespace

CueIndex::CueIndex(const Analysis& a) {
  const size_t n = a.doc.tokens().size();
  at_.resize(n);
  ending_.resize(n + 1);
  size_t covered_until = 0;  // Cues inside a longer phrase are not read.
  for (size_t i = 0; i < n; ++i) {
    if (a.doc.tokens()[i].kind != TokenKind::kWord || i < covered_until) {
      continue;
    }
    PhraseMatcher::Match cue = a.vocab.directive_verbs.Longest(a.doc, i, n);
    PhraseMatcher::Match meeting = a.vocab.meeting_words.Longest(a.doc, i, n);
    Cue found;
    if (cue.length > 0) {
      found =
          Cue{KindsOf(a.vocab, cue.value), static_cast<uint32_t>(cue.length)};
    }
    if (meeting.length > 0 && (found.kinds & kCueNotMeeting) == 0 &&
        meeting.length >= found.length) {
      // The meeting word wins: "giao ban" is no "giao".
      const uint32_t same = meeting.length == found.length ? found.kinds : 0;
      found = Cue{kCueMeeting | same, static_cast<uint32_t>(meeting.length)};
    }
    if (found.length > 1) covered_until = i + found.length;
    at_[i] = found;
    if (found.length > ending_[i + found.length].length) {
      ending_[i + found.length] = found;
    }
  }
}

Cue CueIndex::EndingAt(size_t begin, size_t end) const {
  if (end >= ending_.size()) return Cue();
  const Cue& cue = ending_[end];
  return cue.length <= end - begin ? cue : Cue();
}

size_t CueIndex::Find(size_t begin, size_t end, uint32_t kinds) const {
  for (size_t i = begin; i < end && i < at_.size(); ++i) {
    if (at_[i].kinds & kinds) return i;
  }
  return end;
}

}  // namespace govgraph::extract
