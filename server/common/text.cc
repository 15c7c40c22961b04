#include "server/common/text.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstdint>

#include "absl/strings/ascii.h"

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

bool IsValidUtf8(absl::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  if (text.size() > INT32_MAX) return false;
  int32_t i = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

size_t CodePointCount(absl::string_view text) {
  size_t count = 0;
  for (char ch : text) {
    if ((static_cast<uint8_t>(ch) & 0xC0) != 0x80) ++count;
  }
  return count;
}

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

std::string FoldName(absl::string_view text) {
  if (IsAscii(text)) return FoldAscii(text);
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

std::string NormalizeNfc(absl::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string();
  if (IsValidUtf8(text)) {
    const icu::StringPiece piece(text.data(),
                                 static_cast<int32_t>(text.size()));
    if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) {
      return std::string(text);
    }
    status = U_ZERO_ERROR;
    std::string out;
    icu::StringByteSink<std::string> sink(&out);
    nfc->normalizeUTF8(0, piece, sink, nullptr, status);
    if (U_SUCCESS(status)) return out;
    status = U_ZERO_ERROR;
  }
  const icu::UnicodeString composed =
      nfc->normalize(DecodeDroppingInvalid(text), status);
  if (U_FAILURE(status)) return std::string();
  std::string out;
  composed.toUTF8String(out);
  return out;
}

}  // namespace govgraph
