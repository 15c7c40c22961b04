#include "server/common/text.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"

namespace govgraph {
namespace {

bool IsCombiningMark(UChar32 c) { return c >= 0x0300 && c <= 0x036F; }

// Appends the lower-cased, đ-folded form of one code point of an NFD string.
void AppendFolded(UChar32 c, std::string* out) {
  if (c == 0x0110 || c == 0x0111) c = 'd';  // Đ, đ.
  c = u_tolower(c);
  char buf[U8_MAX_LENGTH];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, U8_MAX_LENGTH, c, error);
  if (!error) out->append(buf, len);
}

// Decodes UTF-8 to UTF-16, dropping invalid sequences (UnicodeString's
// fromUTF8 would turn them into U+FFFD).
icu::UnicodeString DecodeDroppingInvalid(absl::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  icu::UnicodeString out;
  int32_t i = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c >= 0) out.append(c);
  }
  return out;
}

}  // namespace

namespace {

// UTF-8 validation as a DFA over bytes (Unicode Table 3-7: no overlongs,
// surrogates or code points past U+10FFFF). A state is a bit offset into a
// row of the transition table, and (row[b] >> state) & 63 is the state after
// byte b: one load and one shift a byte, with no branches to mispredict on
// text that mixes ASCII and Vietnamese letters.
enum Utf8State : uint32_t {
  kAccept = 0,  // Between sequences.
  kError = 6,   // Sticky.
  kTail1 = 12,  // One more continuation byte (0x80-0xBF) due.
  kTail2 = 18,
  kTail3 = 24,
  kAfterE0 = 30,  // Then 0xA0-0xBF (no overlongs).
  kAfterED = 36,  // Then 0x80-0x9F (no surrogates).
  kAfterF0 = 42,  // Then 0x90-0xBF (no overlongs).
  kAfterF4 = 48,  // Then 0x80-0x8F (nothing past U+10FFFF).
};

// The state after lead byte `b` from kAccept.
constexpr uint32_t AfterLead(int b) {
  if (b < 0x80) return kAccept;
  if (b >= 0xC2 && b <= 0xDF) return kTail1;
  if (b == 0xE0) return kAfterE0;
  if (b == 0xED) return kAfterED;
  if (b >= 0xE1 && b <= 0xEF) return kTail2;
  if (b == 0xF0) return kAfterF0;
  if (b >= 0xF1 && b <= 0xF3) return kTail3;
  if (b == 0xF4) return kAfterF4;
  return kError;
}

// The transition row of byte `b`.
constexpr uint64_t Utf8Row(int b) {
  auto next = [b](int low, int high, uint32_t to) {
    return b >= low && b <= high ? to : uint32_t{kError};
  };
  return uint64_t{AfterLead(b)} << kAccept | uint64_t{kError} << kError |
         uint64_t{next(0x80, 0xBF, kAccept)} << kTail1 |
         uint64_t{next(0x80, 0xBF, kTail1)} << kTail2 |
         uint64_t{next(0x80, 0xBF, kTail2)} << kTail3 |
         uint64_t{next(0xA0, 0xBF, kTail1)} << kAfterE0 |
         uint64_t{next(0x80, 0x9F, kTail1)} << kAfterED |
         uint64_t{next(0x90, 0xBF, kTail2)} << kAfterF0 |
         uint64_t{next(0x80, 0x8F, kTail2)} << kAfterF4;
}

struct Utf8Table {
  constexpr Utf8Table() : rows() {
    for (int b = 0; b < 256; ++b) rows[b] = Utf8Row(b);
  }
  uint64_t rows[256];
};

constexpr Utf8Table kUtf8Table;

}  // namespace

bool IsValidUtf8(absl::string_view text) {
  if (text.size() > INT32_MAX) return false;
  uint64_t state = kAccept;
  for (const char c : text) {
    state = (kUtf8Table.rows[static_cast<uint8_t>(c)] >> state) & 63;
  }
  return state == kAccept;
}

size_t CodePointCount(absl::string_view text) {
  size_t count = 0;
  for (char ch : text) {
    if ((static_cast<uint8_t>(ch) & 0xC0) != 0x80) ++count;
  }
  return count;
}

namespace {

// FoldName for text that is all ASCII: no normalisation needed.
std::string FoldAscii(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool IsAscii(absl::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// FoldName through ICU's NFD: right for any text, and slow.
std::string FoldNameIcu(absl::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString decomposed;
  if (U_SUCCESS(status)) {
    decomposed = nfd->normalize(DecodeDroppingInvalid(text), status);
  }
  if (U_FAILURE(status)) return std::string();
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (IsCombiningMark(c)) continue;
    if (u_isUWhiteSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    AppendFolded(c, &out);
  }
  return out;
}

// Folded forms of the code points Vietnamese and other Latin text is made
// of (U+0000-U+024F, the combining marks U+0300-U+036F and U+1E00-U+1EFF),
// computed once with ICU, so folding that text needs no normalisation.
class FoldTable {
 public:
  static const FoldTable& Get() {
    static const FoldTable* const kTable = new FoldTable();
    return *kTable;
  }

  // False if `c` is outside the table.
  bool Lookup(UChar32 c, const std::string** folded, bool* space) const {
    int index = -1;
    if (c < 0x250) {
      index = c;
    } else if (c >= 0x300 && c < 0x370) {
      index = 0x250 + (c - 0x300);
    } else if (c >= 0x1E00 && c < 0x1F00) {
      index = 0x250 + 0x70 + (c - 0x1E00);
    }
    if (index < 0) return false;
    *folded = &folded_[index];
    *space = space_[index];
    return true;
  }

 private:
  static constexpr int kSize = 0x250 + 0x70 + 0x100;

  FoldTable() {
    auto fill = [&](UChar32 first, UChar32 last, int offset) {
      for (UChar32 c = first; c < last; ++c) {
        std::string utf8;
        icu::UnicodeString(c).toUTF8String(utf8);
        space_[offset + (c - first)] = u_isUWhiteSpace(c);
        if (!space_[offset + (c - first)]) {
          folded_[offset + (c - first)] = FoldNameIcu(utf8);
        }
      }
    };
    fill(0, 0x250, 0);
    fill(0x300, 0x370, 0x250);
    fill(0x1E00, 0x1F00, 0x250 + 0x70);
  }

  std::string folded_[kSize];
  bool space_[kSize] = {};
};

}  // namespace

std::string FoldName(absl::string_view text) {
  if (IsAscii(text)) return FoldAscii(text);
  const FoldTable& table = FoldTable::Get();
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) continue;  // Invalid UTF-8 is dropped.
    const std::string* folded = nullptr;
    bool space = false;
    if (!table.Lookup(c, &folded, &space)) return FoldNameIcu(text);
    if (space) {
      pending_space = !out.empty();
      continue;
    }
    if (folded->empty()) continue;
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out += *folded;
  }
  return out;
}

namespace {

// NormalizeNfc through UTF-16, dropping invalid sequences.
std::string NormalizeInvalidUtf8ToNfc(absl::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string();
  const icu::UnicodeString composed =
      nfc->normalize(DecodeDroppingInvalid(text), status);
  if (U_FAILURE(status)) return std::string();
  std::string out;
  composed.toUTF8String(out);
  return out;
}

}  // namespace

std::string NormalizeNfc(absl::string_view text) {
  return IsValidUtf8(text) ? NormalizeValidUtf8ToNfc(text)
                           : NormalizeInvalidUtf8ToNfc(text);
}

std::string NormalizeValidUtf8ToNfc(absl::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string();
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) {
    return std::string(text);
  }
  status = U_ZERO_ERROR;
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  return U_SUCCESS(status) ? out : NormalizeInvalidUtf8ToNfc(text);
}

bool IsIsoDate(absl::string_view date) {
  absl::CivilDay day;
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(date[i]))) return false;
  }
  return absl::ParseCivilTime(date, &day);
}

namespace {

bool IsDigit(char c) {
  return absl::ascii_isdigit(static_cast<unsigned char>(c));
}

bool IsWordByte(char c) {
  return static_cast<unsigned char>(c) >= 0x80 || absl::ascii_isalnum(c);
}

// The digit run of `s` starting at `i`, without leading zeros.
absl::string_view DigitRun(absl::string_view s, size_t i, size_t* end) {
  size_t j = i;
  while (j < s.size() && IsDigit(s[j])) ++j;
  *end = j;
  while (i + 1 < j && s[i] == '0') ++i;
  return s.substr(i, j - i);
}

}  // namespace

std::vector<absl::string_view> SplitWords(absl::string_view folded) {
  std::vector<absl::string_view> words;
  size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && !IsWordByte(folded[i])) ++i;
    const size_t start = i;
    while (i < folded.size() && IsWordByte(folded[i])) ++i;
    if (i > start) words.push_back(folded.substr(start, i - start));
  }
  return words;
}

bool NaturalLess(absl::string_view a, absl::string_view b) {
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (IsDigit(a[i]) && IsDigit(b[j])) {
      size_t a_end = 0;
      size_t b_end = 0;
      const absl::string_view x = DigitRun(a, i, &a_end);
      const absl::string_view y = DigitRun(b, j, &b_end);
      if (x.size() != y.size()) return x.size() < y.size();
      if (x != y) return x < y;
      if (a_end - i != b_end - j) return a_end - i < b_end - j;
      i = a_end;
      j = b_end;
      continue;
    }
    if (a[i] != b[j]) {
      return static_cast<unsigned char>(a[i]) <
             static_cast<unsigned char>(b[j]);
    }
    ++i;
    ++j;
  }
  return a.size() - i < b.size() - j;
}

uint32_t PackIsoDate(absl::string_view date) {
  uint32_t packed = 0;
  for (char c : date) {
    if (c != '-') packed = packed * 10 + static_cast<uint32_t>(c - '0');
  }
  return packed;
}

std::string UnpackIsoDate(uint32_t date) {
  if (date == 0) return "";
  return absl::StrFormat("%04u-%02u-%02u", date / 10000, date / 100 % 100,
                         date % 100);
}

}  // namespace govgraph
