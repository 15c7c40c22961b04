// Text helpers shared by every module: UTF-8 validation and the name folding
// used for search keys.
#ifndef GOVGRAPH_SERVER_COMMON_TEXT_H_
#define GOVGRAPH_SERVER_COMMON_TEXT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace govgraph {

// True if `text` is well-formed UTF-8 (no overlongs, surrogates or code
// points past U+10FFFF).
bool IsValidUtf8(absl::string_view text);

// Folds a name for comparison: Unicode NFD, combining marks U+0300-U+036F
// dropped, "đ"/"Đ" -> "d", lower case, runs of white space -> one space,
// trimmed. "  Nguyễn  Phước LỘC " -> "nguyen phuoc loc". `text` must be
// valid UTF-8 (invalid sequences are dropped). Thread-safe.
std::string FoldName(absl::string_view text);

// The words of a folded name: maximal runs of ASCII letters and digits and
// of non-ASCII bytes ("ubnd tp.hcm" -> "ubnd", "tp", "hcm").
std::vector<absl::string_view> SplitWords(absl::string_view folded);

// True for a real calendar date written YYYY-MM-DD ("2017-02-29" is not).
bool IsIsoDate(absl::string_view date);

// Orders ids as people read them: runs of digits compare by their value
// ("p9" < "p10", "9" < "10"), everything else bytewise; on equal value
// the shorter run (fewer leading zeros) first.
bool NaturalLess(absl::string_view a, absl::string_view b);

// An IsIsoDate date as the number YYYYMMDD, and back; 0 stands for "".
uint32_t PackIsoDate(absl::string_view date);
std::string UnpackIsoDate(uint32_t date);

// Unicode NFC of `text` (composed diacritics: "Nguyê\u0303n" ->
// "Nguyễn"). Invalid UTF-8 sequences are dropped. Thread-safe.
std::string NormalizeNfc(absl::string_view text);
// NormalizeNfc for text already known to be valid UTF-8 (skips the check).
std::string NormalizeValidUtf8ToNfc(absl::string_view text);

// Number of code points in valid UTF-8 `text`.
size_t CodePointCount(absl::string_view text);

}  // namespace govgraph

#endif  // GOVGRAPH_SERVER_COMMON_TEXT_H_
