#include "server/query/page_token.h"

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace govgraph::query {
namespace {

using ::testing::HasSubstr;

constexpr uint64_t kFingerprint = 0x0123456789abcdefULL;

// Re-encodes raw token bytes after recomputing their trailing checksum, so
// a test can change a field and still get past the integrity check.
std::string Reseal(std::string raw) {
  raw.resize(raw.size() - 4);
  const uint32_t checksum = static_cast<uint32_t>(Fnv1a64(raw));
  for (int shift = 24; shift >= 0; shift -= 8) {
    raw.push_back(static_cast<char>((checksum >> shift) & 0xff));
  }
  return absl::WebSafeBase64Escape(raw);
}

std::string RawBytes(const std::string& token) {
  std::string raw;
  EXPECT_TRUE(absl::WebSafeBase64Unescape(token, &raw));
  return raw;
}

TEST(PageTokenTest, RoundTrips) {
  const PageToken token{1, std::string("\x00\xff position \x01", 13)};
  const std::string encoded = EncodePageToken(kFingerprint, token);
  absl::StatusOr<PageToken> decoded = DecodePageToken(encoded, kFingerprint);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(*decoded, token);
}

TEST(PageTokenTest, RoundTripsEmptyPosition) {
  const PageToken token{0, ""};
  absl::StatusOr<PageToken> decoded =
      DecodePageToken(EncodePageToken(kFingerprint, token), kFingerprint);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(*decoded, token);
}

TEST(PageTokenTest, IsWebSafe) {
  std::string position;
  for (int c = 0; c < 256; ++c) position.push_back(static_cast<char>(c));
  const std::string encoded = EncodePageToken(kFingerprint, {0, position});
  EXPECT_EQ(encoded.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                      "abcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos)
      << encoded;
}

// Tokens outlive the process that issued them: this layout and these hashes
// must not change. The literals were computed independently (Python).
TEST(PageTokenTest, GoldenEncoding) {
  EXPECT_EQ(Fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(Fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(RequestFingerprint({"relations", "e1", std::string(1, '\0'),
                                std::string(1, '\2')}),
            0x31da6c608024d347ULL);
  // 01 | 0123456789abcdef | 01 | "pos" | c7458837
  EXPECT_EQ(EncodePageToken(kFingerprint, {1, "pos"}),
            "AQEjRWeJq83vAXBvc8dFiDc");
}

TEST(PageTokenTest, FingerprintSeparatesFields) {
  EXPECT_NE(RequestFingerprint({"ab", ""}), RequestFingerprint({"a", "b"}));
  EXPECT_NE(RequestFingerprint({"a"}), RequestFingerprint({"a", ""}));
  EXPECT_EQ(RequestFingerprint({"relations", "x"}),
            RequestFingerprint({"relations", "x"}));
}

TEST(PageTokenTest, RejectsOtherRequest) {
  const std::string encoded = EncodePageToken(kFingerprint, {0, "p"});
  absl::StatusOr<PageToken> decoded =
      DecodePageToken(encoded, kFingerprint + 1);
  EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(decoded.status().message(), HasSubstr("different request"));
}

TEST(PageTokenTest, RejectsGarbage) {
  for (const char* garbage :
       {"", "!!!!", "not a token", "AAAA", "AQ", "A", "AQ==", "////"}) {
    absl::StatusOr<PageToken> decoded = DecodePageToken(garbage, kFingerprint);
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument)
        << garbage;
    EXPECT_EQ(decoded.status().message(), "invalid page_token") << garbage;
  }
}

TEST(PageTokenTest, RejectsEveryTruncation) {
  const std::string encoded =
      EncodePageToken(kFingerprint, {1, "some store position"});
  for (size_t size = 0; size < encoded.size(); ++size) {
    EXPECT_EQ(
        DecodePageToken(encoded.substr(0, size), kFingerprint).status().code(),
        absl::StatusCode::kInvalidArgument)
        << size;
  }
}

TEST(PageTokenTest, RejectsEveryCorruptedByte) {
  const std::string raw =
      RawBytes(EncodePageToken(kFingerprint, {0, "position"}));
  for (size_t i = 0; i < raw.size(); ++i) {
    std::string corrupted = raw;
    corrupted[i] = static_cast<char>(corrupted[i] ^ 0x20);
    EXPECT_EQ(
        DecodePageToken(absl::WebSafeBase64Escape(corrupted), kFingerprint)
            .status()
            .code(),
        absl::StatusCode::kInvalidArgument)
        << i;
  }
}

TEST(PageTokenTest, RejectsNonCanonicalBase64) {
  const std::string encoded = EncodePageToken(kFingerprint, {0, "pq"});
  ASSERT_TRUE(DecodePageToken(encoded, kFingerprint).ok());
  EXPECT_FALSE(DecodePageToken(encoded + "=", kFingerprint).ok());
  EXPECT_FALSE(DecodePageToken(" " + encoded, kFingerprint).ok());
  EXPECT_FALSE(DecodePageToken(encoded + "\n", kFingerprint).ok());
}

TEST(PageTokenTest, RejectsOtherVersion) {
  std::string raw = RawBytes(EncodePageToken(kFingerprint, {0, "position"}));
  ASSERT_TRUE(DecodePageToken(Reseal(raw), kFingerprint).ok());
  raw[0] = static_cast<char>(kPageTokenVersion + 1);
  absl::StatusOr<PageToken> decoded =
      DecodePageToken(Reseal(raw), kFingerprint);
  EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(decoded.status().message(), "invalid page_token");
}

}  // namespace
}  // namespace govgraph::query
