#include "server/storage/key_codec.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace govgraph::storage {
namespace {

using ::testing::ElementsAre;

// std::string compares bytes as unsigned char, like RocksDB's bytewise
// comparator; say so explicitly so the tests do not depend on it.
bool BytewiseLess(absl::string_view a, absl::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    const auto x = static_cast<uint8_t>(a[i]);
    const auto y = static_cast<uint8_t>(b[i]);
    if (x != y) return x < y;
  }
  return a.size() < b.size();
}

std::string Hex(absl::string_view bytes) {
  return absl::BytesToHexString(bytes);
}

std::string Unhex(absl::string_view hex) { return absl::HexStringToBytes(hex); }

std::vector<uint64_t> InterestingU64s() {
  std::vector<uint64_t> values = {0,
                                  1,
                                  2,
                                  127,
                                  128,
                                  255,
                                  256,
                                  257,
                                  65535,
                                  65536,
                                  (uint64_t{1} << 32) - 1,
                                  uint64_t{1} << 32,
                                  (uint64_t{1} << 32) + 1,
                                  (uint64_t{1} << 63) - 1,
                                  uint64_t{1} << 63,
                                  (uint64_t{1} << 63) + 1,
                                  std::numeric_limits<uint64_t>::max() - 1,
                                  std::numeric_limits<uint64_t>::max()};
  std::mt19937_64 rng(20240229);
  for (int i = 0; i < 200; ++i) {
    const uint64_t v = rng();
    values.push_back(v);
    values.push_back(v >> (i % 64));  // Small magnitudes too.
  }
  return values;
}

EdgeKey Edge(uint64_t src, RelationType type, uint64_t dst,
             uint32_t qualifier = 0) {
  EdgeKey edge;
  edge.source = src;
  edge.type = type;
  edge.target = dst;
  edge.parallel = qualifier;
  return edge;
}

std::vector<EdgeKey> RandomEdges() {
  std::mt19937_64 rng(7);
  std::vector<EdgeKey> edges;
  const uint64_t nodes[] = {0,
                            1,
                            255,
                            256,
                            uint64_t{1} << 32,
                            uint64_t{1} << 63,
                            std::numeric_limits<uint64_t>::max()};
  for (int i = 0; i < 300; ++i) {
    // Few distinct values, so that ties in the leading fields are common.
    edges.push_back(
        Edge(nodes[rng() % 7],
             static_cast<RelationType>(1 + rng() % kMaxRelationType),
             nodes[rng() % 7], static_cast<uint32_t>(rng() % 3)));
  }
  edges.push_back(Edge(1, RelationType::kHoldsPosition, 2, 0xffffffffu));
  edges.push_back(Edge(1, RelationType::kMentionedIn, 2, 0));
  return edges;
}

TEST(KeyCodecTest, U32RoundTripsAndIsBigEndian) {
  for (uint32_t v : {0u, 1u, 255u, 256u, 0x01020304u, 0x7fffffffu, 0x80000000u,
                     0xffffffffu}) {
    const std::string bytes = EncodeU32(v);
    ASSERT_EQ(bytes.size(), 4u);
    absl::StatusOr<uint32_t> decoded = DecodeU32(bytes);
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    EXPECT_EQ(*decoded, v);
  }
  EXPECT_EQ(Hex(EncodeU32(0x01020304u)), "01020304");
}

TEST(KeyCodecTest, U64RoundTripsAndIsBigEndian) {
  for (uint64_t v : InterestingU64s()) {
    const std::string bytes = EncodeU64(v);
    ASSERT_EQ(bytes.size(), 8u);
    absl::StatusOr<uint64_t> decoded = DecodeU64(bytes);
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    EXPECT_EQ(*decoded, v);
    absl::StatusOr<uint64_t> entity = DecodeEntityKey(EncodeEntityKey(v));
    ASSERT_TRUE(entity.ok()) << entity.status();
    EXPECT_EQ(*entity, v);
  }
  EXPECT_EQ(Hex(EncodeU64(0x0102030405060708u)), "0102030405060708");
}

TEST(KeyCodecTest, U64OrderIsNumericOrder) {
  const std::vector<uint64_t> values = InterestingU64s();
  for (uint64_t a : values) {
    for (uint64_t b : values) {
      ASSERT_EQ(a < b, BytewiseLess(EncodeU64(a), EncodeU64(b)))
          << a << " vs " << b;
    }
  }
}

TEST(KeyCodecTest, U32OrderIsNumericOrder) {
  std::vector<uint32_t> values = {
      0, 1, 255, 256, 65535, 65536, 0x7fffffffu, 0x80000000u, 0xffffffffu};
  std::mt19937 rng(11);
  for (int i = 0; i < 100; ++i) values.push_back(rng());
  for (uint32_t a : values) {
    for (uint32_t b : values) {
      ASSERT_EQ(a < b, BytewiseLess(EncodeU32(a), EncodeU32(b)))
          << a << " vs " << b;
    }
  }
}

TEST(KeyCodecTest, DecodersRejectWrongSizes) {
  for (size_t size : {0, 3, 5, 8}) {
    EXPECT_EQ(DecodeU32(std::string(size, '\1')).status().code(),
              absl::StatusCode::kDataLoss)
        << size;
  }
  for (size_t size : {0, 4, 7, 9, 16}) {
    EXPECT_EQ(DecodeU64(std::string(size, '\1')).status().code(),
              absl::StatusCode::kDataLoss)
        << size;
    EXPECT_EQ(DecodeEntityKey(std::string(size, '\1')).status().code(),
              absl::StatusCode::kDataLoss)
        << size;
  }
}

TEST(KeyCodecTest, OutEdgeKeyRoundTrips) {
  for (const EdgeKey& edge : RandomEdges()) {
    const std::string key = EncodeOutEdgeKey(edge);
    ASSERT_EQ(key.size(), kEdgeKeySize);
    absl::StatusOr<EdgeKey> decoded = DecodeOutEdgeKey(key);
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    EXPECT_TRUE(*decoded == edge) << Hex(key);
  }
}

TEST(KeyCodecTest, InEdgeKeyDecodesToCanonicalOrientation) {
  for (const EdgeKey& edge : RandomEdges()) {
    const std::string key = EncodeInEdgeKey(edge);
    ASSERT_EQ(key.size(), kEdgeKeySize);
    absl::StatusOr<EdgeKey> decoded = DecodeInEdgeKey(key);
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    EXPECT_EQ(decoded->source, edge.source) << Hex(key);
    EXPECT_EQ(decoded->target, edge.target) << Hex(key);
    EXPECT_EQ(decoded->type, edge.type);
    EXPECT_EQ(decoded->parallel, edge.parallel);
  }
  // Not symmetric: an in-key names the target first.
  const EdgeKey edge = Edge(1, RelationType::kAttended, 2);
  EXPECT_NE(EncodeInEdgeKey(edge), EncodeOutEdgeKey(edge));
  EXPECT_EQ(EncodeInEdgeKey(edge),
            EncodeOutEdgeKey(Edge(2, RelationType::kAttended, 1)));
}

TEST(KeyCodecTest, OutEdgeKeysOrderByNodeTypeOther) {
  const std::vector<EdgeKey> edges = RandomEdges();
  auto tuple = [](const EdgeKey& e) {
    return std::make_tuple(e.source, static_cast<int>(e.type), e.target,
                           e.parallel);
  };
  for (const EdgeKey& a : edges) {
    for (const EdgeKey& b : edges) {
      ASSERT_EQ(tuple(a) < tuple(b),
                BytewiseLess(EncodeOutEdgeKey(a), EncodeOutEdgeKey(b)))
          << Hex(EncodeOutEdgeKey(a)) << " vs " << Hex(EncodeOutEdgeKey(b));
    }
  }
}

TEST(KeyCodecTest, InEdgeKeysOrderByNodeTypeOther) {
  const std::vector<EdgeKey> edges = RandomEdges();
  auto tuple = [](const EdgeKey& e) {
    return std::make_tuple(e.target, static_cast<int>(e.type), e.source,
                           e.parallel);
  };
  for (const EdgeKey& a : edges) {
    for (const EdgeKey& b : edges) {
      ASSERT_EQ(tuple(a) < tuple(b),
                BytewiseLess(EncodeInEdgeKey(a), EncodeInEdgeKey(b)))
          << Hex(EncodeInEdgeKey(a)) << " vs " << Hex(EncodeInEdgeKey(b));
    }
  }
}

TEST(KeyCodecTest, EveryEdgeKeyStartsWithItsNodePrefixes) {
  for (const EdgeKey& edge : RandomEdges()) {
    const std::string out = EncodeOutEdgeKey(edge);
    const std::string in = EncodeInEdgeKey(edge);
    EXPECT_TRUE(absl::StartsWith(out, EdgePrefix(edge.source))) << Hex(out);
    EXPECT_TRUE(absl::StartsWith(out, EdgePrefix(edge.source, edge.type)))
        << Hex(out);
    EXPECT_TRUE(absl::StartsWith(in, EdgePrefix(edge.target))) << Hex(in);
    EXPECT_TRUE(absl::StartsWith(in, EdgePrefix(edge.target, edge.type)))
        << Hex(in);
    // The prefix is exactly the RocksDB prefix extractor's length.
    EXPECT_EQ(EdgePrefix(edge.source).size(), kEntityIdSize);
    EXPECT_EQ(EdgePrefix(edge.source, edge.type).size(), kEntityIdSize + 1);
    // And it does not match a different node or type.
    if (edge.source != edge.target) {
      EXPECT_FALSE(absl::StartsWith(out, EdgePrefix(edge.target))) << Hex(out);
      EXPECT_FALSE(absl::StartsWith(in, EdgePrefix(edge.source))) << Hex(in);
    }
    const auto other_type = static_cast<RelationType>(
        static_cast<int>(edge.type) % kMaxRelationType + 1);
    EXPECT_FALSE(absl::StartsWith(out, EdgePrefix(edge.source, other_type)));
    EXPECT_FALSE(absl::StartsWith(in, EdgePrefix(edge.target, other_type)));
  }
}

TEST(KeyCodecTest, EdgePrefixSuccessorBoundsExactlyTheNodesKeys) {
  const std::string prefix = EdgePrefix(5, RelationType::kAttended);
  const std::string limit = PrefixSuccessor(prefix);
  const std::string inside =
      EncodeOutEdgeKey(Edge(5, RelationType::kAttended,
                            std::numeric_limits<uint64_t>::max(), 0xffffffffu));
  const std::string next_type =
      EncodeOutEdgeKey(Edge(5, RelationType::kSpokeAt, 0));
  const std::string next_node =
      EncodeOutEdgeKey(Edge(6, RelationType::kHoldsPosition, 0));
  EXPECT_TRUE(BytewiseLess(inside, limit));
  EXPECT_FALSE(BytewiseLess(next_type, limit));
  EXPECT_FALSE(BytewiseLess(next_node, PrefixSuccessor(EdgePrefix(5))));
}

TEST(KeyCodecTest, EdgeDecodersRejectBadBytes) {
  const std::string good =
      EncodeOutEdgeKey(Edge(1, RelationType::kChaired, 2, 3));
  for (auto decode : {&DecodeOutEdgeKey, &DecodeInEdgeKey}) {
    EXPECT_TRUE(decode(good).ok());
    EXPECT_EQ(decode("").status().code(), absl::StatusCode::kDataLoss);
    EXPECT_EQ(decode(good.substr(0, kEdgeKeySize - 1)).status().code(),
              absl::StatusCode::kDataLoss);
    EXPECT_EQ(decode(good + "x").status().code(), absl::StatusCode::kDataLoss);
    EXPECT_EQ(decode(EdgePrefix(1, RelationType::kChaired)).status().code(),
              absl::StatusCode::kDataLoss);
    for (int bad_type : {0, kMaxRelationType + 1, 0x7f, 0xff}) {
      std::string key = good;
      key[8] = static_cast<char>(bad_type);
      EXPECT_EQ(decode(key).status().code(), absl::StatusCode::kDataLoss)
          << bad_type;
    }
    std::string max_type = good;
    max_type[8] = static_cast<char>(kMaxRelationType);
    EXPECT_TRUE(decode(max_type).ok());
  }
}

TEST(KeyCodecTest, NameKeyRoundTrips) {
  const std::string names[] = {"", "a", "nguyen phuoc loc",
                               "ban dan van trung uong", "\xff\xfe"};
  for (const std::string& name : names) {
    for (uint64_t id : InterestingU64s()) {
      const std::string key = EncodeNameKey(name, id);
      ASSERT_EQ(key.size(), name.size() + 9);
      absl::StatusOr<NameKey> decoded = DecodeNameKey(key);
      ASSERT_TRUE(decoded.ok()) << decoded.status();
      EXPECT_EQ(decoded->folded_name, name);
      EXPECT_EQ(decoded->entity, id);
    }
  }
}

TEST(KeyCodecTest, NameKeysOrderByNameThenEntity) {
  const uint64_t big = std::numeric_limits<uint64_t>::max();
  // A name sorts before every longer name it is a prefix of, whatever the ids.
  EXPECT_TRUE(
      BytewiseLess(EncodeNameKey("abc", big), EncodeNameKey("abcd", 0)));
  EXPECT_TRUE(
      BytewiseLess(EncodeNameKey("abc", big), EncodeNameKey("abc ", 0)));
  EXPECT_TRUE(BytewiseLess(EncodeNameKey("abc", 1), EncodeNameKey("abc", 2)));
  EXPECT_TRUE(
      BytewiseLess(EncodeNameKey("abc", 255), EncodeNameKey("abc", 256)));
  EXPECT_TRUE(BytewiseLess(EncodeNameKey("abb", big), EncodeNameKey("abc", 0)));

  const std::vector<std::string> names = {
      "",      "a",      "ab",         "abc",  "abd", "b",
      "abc d", "nguyen", "nguyen van", "\x7f", "\x80"};
  const std::vector<uint64_t> ids = {0, 1, 256, uint64_t{1} << 63, big};
  for (const std::string& n1 : names) {
    for (const std::string& n2 : names) {
      for (uint64_t i1 : ids) {
        for (uint64_t i2 : ids) {
          const bool want = BytewiseLess(n1, n2) || (n1 == n2 && i1 < i2);
          ASSERT_EQ(want,
                    BytewiseLess(EncodeNameKey(n1, i1), EncodeNameKey(n2, i2)))
              << "\"" << n1 << "\"/" << i1 << " vs \"" << n2 << "\"/" << i2;
        }
      }
    }
  }
}

TEST(KeyCodecTest, NameKeysStartWithTheirName) {
  EXPECT_TRUE(
      absl::StartsWith(EncodeNameKey("nguyen phuoc loc", 9), "nguyen phuoc"));
  // A whole-name prefix scan ("abc" 0x00) does not match "abcd".
  EXPECT_FALSE(absl::StartsWith(EncodeNameKey("abcd", 9),
                                absl::string_view("abc\0", 4)));
}

TEST(KeyCodecTest, NameKeyDecoderRejectsBadBytes) {
  EXPECT_EQ(DecodeNameKey("").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(DecodeNameKey(std::string(8, '\0')).status().code(),
            absl::StatusCode::kDataLoss);
  // No 0x00 separator before the 8-byte id.
  EXPECT_EQ(DecodeNameKey("abc" + EncodeU64(1)).status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(DecodeNameKey("abcx" + EncodeU64(1)).status().code(),
            absl::StatusCode::kDataLoss);
  // Truncated id.
  EXPECT_EQ(
      DecodeNameKey(EncodeNameKey("abc", 1).substr(0, 11)).status().code(),
      absl::StatusCode::kDataLoss);
}

TEST(KeyCodecTest, PrefixSuccessor) {
  EXPECT_EQ(PrefixSuccessor("ab"), "ac");
  EXPECT_EQ(PrefixSuccessor("a\xff"), "b");
  EXPECT_EQ(PrefixSuccessor("a\xff\xff"), "b");
  EXPECT_EQ(PrefixSuccessor("\xff\xff"), "");
  EXPECT_EQ(PrefixSuccessor(""), "");
  EXPECT_EQ(PrefixSuccessor(absl::string_view("a\0", 2)),
            std::string("a\1", 2));
  EXPECT_EQ(PrefixSuccessor("\x7f"), "\x80");
  EXPECT_EQ(PrefixSuccessor("\xfe\xff"), "\xff");
}

TEST(KeyCodecTest, PrefixSuccessorIsAnExclusiveUpperBound) {
  const std::vector<std::string> prefixes = {
      "a", "ab", "a\xff", "\xfe", EdgePrefix(1), EdgePrefix(255)};
  for (const std::string& prefix : prefixes) {
    const std::string limit = PrefixSuccessor(prefix);
    EXPECT_TRUE(BytewiseLess(prefix, limit)) << Hex(prefix);
    EXPECT_TRUE(BytewiseLess(prefix + std::string(30, '\xff'), limit))
        << Hex(prefix);
    EXPECT_FALSE(absl::StartsWith(limit, prefix)) << Hex(prefix);
  }
}

TEST(KeyCodecTest, EdgeQualifier) {
  EXPECT_EQ(EdgeQualifier(""), 0u);
  EXPECT_NE(EdgeQualifier("Trưởng ban"), 0u);
  EXPECT_NE(EdgeQualifier("Trưởng ban"), EdgeQualifier("Phó trưởng ban"));
  EXPECT_EQ(EdgeQualifier("Trưởng ban"), EdgeQualifier("Trưởng ban"));
  // Qualifiers are on disk: golden values (FNV-1a 32 of the UTF-8 bytes).
  EXPECT_EQ(EdgeQualifier("a"), 0xe40c292cu);
  EXPECT_EQ(EdgeQualifier("Trưởng ban"), 0xac99f94cu);
}

// Golden tests: these bytes are on disk. If one of these fails, the layout
// changed; existing databases would be misread. Bump kSchemaVersion and
// write a migration instead of updating the literal.
TEST(KeyCodecTest, GoldenOutEdgeKey) {
  const EdgeKey edge = Edge(0x0102030405060708u, RelationType::kHoldsPosition,
                            0x1112131415161718u, 0xa1b2c3d4u);
  EXPECT_EQ(Hex(EncodeOutEdgeKey(edge)),
            "0102030405060708"
            "01"
            "1112131415161718"
            "a1b2c3d4");
  absl::StatusOr<EdgeKey> decoded =
      DecodeOutEdgeKey(Unhex("0000000000000002"
                             "0a"
                             "00000000000000ff"
                             "00000000"));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_TRUE(*decoded == Edge(2, RelationType::kMentionedIn, 255, 0));
}

TEST(KeyCodecTest, GoldenInEdgeKey) {
  const EdgeKey edge = Edge(0x0102030405060708u, RelationType::kAttended,
                            0x1112131415161718u, 0xa1b2c3d4u);
  EXPECT_EQ(Hex(EncodeInEdgeKey(edge)),
            "1112131415161718"
            "05"
            "0102030405060708"
            "a1b2c3d4");
  absl::StatusOr<EdgeKey> decoded =
      DecodeInEdgeKey(Unhex("00000000000000ff"
                            "0a"
                            "0000000000000002"
                            "00000000"));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_TRUE(*decoded == Edge(2, RelationType::kMentionedIn, 255, 0));
}

TEST(KeyCodecTest, GoldenNameKey) {
  EXPECT_EQ(Hex(EncodeNameKey("nguyen", 0x0102)),
            "6e677579656e"
            "00"
            "0000000000000102");
  absl::StatusOr<NameKey> decoded =
      DecodeNameKey(Unhex("616263"
                          "00"
                          "00000000000000ff"));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->folded_name, "abc");
  EXPECT_EQ(decoded->entity, 255u);
}

TEST(KeyCodecTest, SplitRedirectKeyJoinsReportAndEntityWithNul) {
  EXPECT_EQ(EncodeSplitRedirectKey("r1", "person:a"),
            std::string("r1\0person:a", 11));
  // A global redirect key (an id) never contains 0x00, so never collides.
  EXPECT_NE(EncodeSplitRedirectKey("r", "1"), "r1");
}

TEST(KeyCodecTest, GoldenPrefixesAndMetaKeys) {
  EXPECT_EQ(Hex(EdgePrefix(0x0102)), "0000000000000102");
  EXPECT_EQ(Hex(EdgePrefix(0x0102, RelationType::kChaired)),
            "000000000000010204");
  EXPECT_EQ(Hex(EncodeEntityKey(0x0102)), "0000000000000102");
  EXPECT_EQ(EntityCountKey(EntityKind::kPerson), std::string("count/e\x01"));
  EXPECT_EQ(RelationCountKey(RelationType::kMentionedIn),
            std::string("count/r\x0a"));
  EXPECT_EQ(kSchemaVersionKey, "schema_version");
  EXPECT_EQ(kNextEntityIdKey, "next_entity_id");
  EXPECT_EQ(kReportCountKey, "count/reports");
  EXPECT_EQ(kSchemaVersion, 3u);
  EXPECT_THAT(
      std::vector<std::string>({kMetaCf, kIdsCf, kEntitiesCf, kNamesCf,
                                kOutEdgesCf, kInEdgesCf, kReportsCf,
                                kRedirectsCf, kAuditCf, kWordsCf}),
      ElementsAre("default", "ids", "entities", "names", "out_edges",
                  "in_edges", "reports", "redirects", "audit", "words"));
}

}  // namespace
}  // namespace govgraph::storage
