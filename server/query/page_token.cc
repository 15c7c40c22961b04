#include "server/query/page_token.h"

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace govgraph::query {
namespace {

constexpr uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ULL;
constexpr uint64_t kFnvPrime = 0x100000001b3ULL;

// version:u8 fingerprint:u64 phase:u8, then position, then checksum:u32.
constexpr size_t kHeaderSize = 1 + 8 + 1;
constexpr size_t kChecksumSize = 4;

uint64_t FnvUpdate(uint64_t hash, absl::string_view bytes) {
  for (char c : bytes) {
    hash ^= static_cast<uint8_t>(c);
    hash *= kFnvPrime;
  }
  return hash;
}

void AppendBigEndian(uint64_t value, int bytes, std::string* out) {
  for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

uint64_t ReadBigEndian(absl::string_view bytes) {
  uint64_t value = 0;
  for (char c : bytes) value = (value << 8) | static_cast<uint8_t>(c);
  return value;
}

uint32_t Checksum(absl::string_view bytes) {
  return static_cast<uint32_t>(Fnv1a64(bytes));
}

absl::Status InvalidToken() {
  return absl::InvalidArgumentError("invalid page_token");
}

}  // namespace

absl::Status ValidatePageSize(int32_t page_size) {
  if (page_size < 0 || page_size > kMaxPageSize) {
    return absl::InvalidArgumentError(absl::StrCat(
        "page_size ", page_size, " is outside [0, ", kMaxPageSize, "]"));
  }
  return absl::OkStatus();
}

uint64_t Fnv1a64(absl::string_view bytes) {
  return FnvUpdate(kFnvOffsetBasis, bytes);
}

uint64_t RequestFingerprint(std::initializer_list<absl::string_view> fields) {
  uint64_t hash = kFnvOffsetBasis;
  for (absl::string_view field : fields) {
    std::string length;
    AppendBigEndian(field.size(), 4, &length);
    hash = FnvUpdate(FnvUpdate(hash, length), field);
  }
  return hash;
}

std::string EncodePageToken(uint64_t fingerprint, const PageToken& token) {
  std::string raw;
  raw.reserve(kHeaderSize + token.position.size() + kChecksumSize);
  raw.push_back(static_cast<char>(kPageTokenVersion));
  AppendBigEndian(fingerprint, 8, &raw);
  raw.push_back(static_cast<char>(token.phase));
  raw.append(token.position);
  AppendBigEndian(Checksum(raw), 4, &raw);
  return absl::WebSafeBase64Escape(raw);
}

absl::StatusOr<PageToken> DecodePageToken(absl::string_view encoded,
                                          uint64_t fingerprint) {
  std::string raw;
  // Unescape tolerates padding, white space and stray low bits; re-encoding
  // and comparing accepts only what EncodePageToken produces.
  if (!absl::WebSafeBase64Unescape(encoded, &raw) ||
      absl::WebSafeBase64Escape(raw) != encoded ||
      raw.size() < kHeaderSize + kChecksumSize) {
    return InvalidToken();
  }
  const absl::string_view bytes(raw);
  const size_t body_size = bytes.size() - kChecksumSize;
  if (ReadBigEndian(bytes.substr(body_size)) !=
          Checksum(bytes.substr(0, body_size)) ||
      static_cast<uint8_t>(bytes[0]) != kPageTokenVersion) {
    return InvalidToken();
  }
  if (ReadBigEndian(bytes.substr(1, 8)) != fingerprint) {
    return absl::InvalidArgumentError(
        "page_token was issued for a different request");
  }
  PageToken token;
  token.phase = static_cast<uint8_t>(bytes[9]);
  const absl::string_view position =
      bytes.substr(kHeaderSize, body_size - kHeaderSize);
  token.position.assign(position.data(), position.size());
  return token;
}

std::string EncodeIndexToken(uint64_t fingerprint, uint64_t index) {
  std::string position;
  for (int shift = 56; shift >= 0; shift -= 8) {
    position.push_back(static_cast<char>((index >> shift) & 0xff));
  }
  return EncodePageToken(fingerprint, PageToken{0, std::move(position)});
}

absl::StatusOr<uint64_t> DecodeIndexToken(absl::string_view encoded,
                                          uint64_t fingerprint) {
  if (encoded.empty()) return 0;
  absl::StatusOr<PageToken> token = DecodePageToken(encoded, fingerprint);
  if (!token.ok()) return token.status();
  if (token->phase != 0 || token->position.size() != sizeof(uint64_t)) {
    return absl::InvalidArgumentError("invalid page_token");
  }
  uint64_t index = 0;
  for (char c : token->position) {
    index = (index << 8) | static_cast<uint8_t>(c);
  }
  return index;
}

}  // namespace govgraph::query
