// The typed cue phrases of directive_verbs.txt and the meeting words of
// meeting_words.txt, located once per report so that the meeting and
// directive rules can ask "what starts at token i" in constant time.
#ifndef GOVGRAPH_SERVER_EXTRACT_CUES_H_
#define GOVGRAPH_SERVER_EXTRACT_CUES_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "server/extract/analysis.h"

namespace govgraph::extract {

// What a cue phrase is; a phrase may be several (a bit set). The names are
// the `kinds` of directive_verbs.txt.
enum CueKind : uint32_t {
  kCueDirective = 1u << 0,
  kCueEmphasis = 1u << 1,
  kCueModal = 1u << 2,
  kCueSpeech = 1u << 3,
  kCueAttend = 1u << 4,
  kCueChair = 1u << 5,
  kCueOrganize = 1u << 6,
  kCueConnector = 1u << 7,
  kCueAdverb = 1u << 8,
  kCueNominalBefore = 1u << 9,
  kCueNominalAfter = 1u << 10,
  kCuePossessive = 1u << 11,
  kCuePast = 1u << 12,
  kCueNotMeeting = 1u << 13,
  kCueMeeting = 1u << 14,  // A phrase of meeting_words.txt.
};

// Verbs whose subject took part in the event.
inline constexpr uint32_t kCueParticipation =
    kCueDirective | kCueEmphasis | kCueSpeech | kCueAttend | kCueChair;

// A cue phrase found in the document: tokens [begin, begin + length).
struct Cue {
  uint32_t kinds = 0;
  uint32_t length = 0;
};

// The cues of one document. Immutable after construction; it refers to the
// Analysis, which must outlive it. Not thread-safe to build, safe to read.
class CueIndex {
 public:
  explicit CueIndex(const Analysis& analysis);

  // The longest cue phrase starting at token `i` (kinds 0 if none), where
  // a meeting word wins over a shorter cue. Tokens inside a longer phrase
  // start none, so a meeting word inside a `not_meeting` phrase and "giao"
  // inside "bàn giao" are not reported.
  const Cue& At(size_t i) const { return at_[i]; }
  // True if a cue of one of `kinds` starts at token `i`.
  bool Is(size_t i, uint32_t kinds) const {
    return i < at_.size() && (at_[i].kinds & kinds) != 0;
  }
  // The longest cue phrase that ends just before token `end` and starts at
  // or after `begin`.
  Cue EndingAt(size_t begin, size_t end) const;
  // The first token in [begin, end) where a cue of `kinds` starts; `end`
  // if there is none.
  size_t Find(size_t begin, size_t end, uint32_t kinds) const;

 private:
  std::vector<Cue> at_;
  std::vector<Cue> ending_;  // Longest cue ending just before token i.
};

}  // namespace govgraph::extract

#endif  // GOVGRAPH_SERVER_EXTRACT_CUES_H_
