#include "server/storage/key_codec.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace govgraph::storage {
namespace {

template <typename T>
void AppendBigEndian(T value, std::string* out) {
  for (int shift = (sizeof(T) - 1) * 8; shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

template <typename T>
T ReadBigEndian(absl::string_view bytes) {
  T value = 0;
  for (size_t i = 0; i < sizeof(T); ++i) {
    value = (value << 8) | static_cast<uint8_t>(bytes[i]);
  }
  return value;
}

std::string EncodeEdge(uint64_t first, RelationType type, uint64_t second,
                       uint32_t qualifier) {
  std::string key;
  key.reserve(kEdgeKeySize);
  AppendBigEndian(first, &key);
  key.push_back(static_cast<char>(type));
  AppendBigEndian(second, &key);
  AppendBigEndian(qualifier, &key);
  return key;
}

// Decodes (first, type, second, qualifier) without orientation.
absl::StatusOr<EdgeKey> DecodeEdge(absl::string_view key) {
  if (key.size() != kEdgeKeySize) {
    return absl::DataLossError(absl::StrCat("edge key has ", key.size(),
                                            " bytes, want ", kEdgeKeySize));
  }
  const auto type = static_cast<uint8_t>(key[8]);
  if (type == 0 || type > kMaxRelationType) {
    return absl::DataLossError(absl::StrCat("edge key has bad type ", type));
  }
  EdgeKey edge;
  edge.source = ReadBigEndian<uint64_t>(key.substr(0, 8));
  edge.type = static_cast<RelationType>(type);
  edge.target = ReadBigEndian<uint64_t>(key.substr(9, 8));
  edge.parallel = ReadBigEndian<uint32_t>(key.substr(17, 4));
  return edge;
}

}  // namespace

std::string EntityCountKey(EntityKind kind) {
  return absl::StrCat("count/e", std::string(1, static_cast<char>(kind)));
}

std::string RelationCountKey(RelationType type) {
  return absl::StrCat("count/r", std::string(1, static_cast<char>(type)));
}

std::string EncodeU32(uint32_t value) {
  std::string out;
  AppendBigEndian(value, &out);
  return out;
}

std::string EncodeU64(uint64_t value) {
  std::string out;
  AppendBigEndian(value, &out);
  return out;
}

absl::StatusOr<uint32_t> DecodeU32(absl::string_view bytes) {
  if (bytes.size() != 4) {
    return absl::DataLossError(
        absl::StrCat("u32 has ", bytes.size(), " bytes, want 4"));
  }
  return ReadBigEndian<uint32_t>(bytes);
}

absl::StatusOr<uint64_t> DecodeU64(absl::string_view bytes) {
  if (bytes.size() != 8) {
    return absl::DataLossError(
        absl::StrCat("u64 has ", bytes.size(), " bytes, want 8"));
  }
  return ReadBigEndian<uint64_t>(bytes);
}

uint32_t EdgeQualifier(absl::string_view role) {
  if (role.empty()) return 0;
  uint32_t hash = 2166136261u;  // FNV-1a, 32 bits.
  for (char c : role) {
    hash ^= static_cast<uint8_t>(c);
    hash *= 16777619u;
  }
  return hash;
}

uint32_t TermQualifier(absl::string_view role, uint32_t start, uint32_t end) {
  if (start == 0 && end == 0) return EdgeQualifier(role);
  return EdgeQualifier(absl::StrCat(role, "\x1f", start, "\x1f", end));
}

std::string EncodeOutEdgeKey(const EdgeKey& edge) {
  return EncodeEdge(edge.source, edge.type, edge.target, edge.parallel);
}

std::string EncodeInEdgeKey(const EdgeKey& edge) {
  return EncodeEdge(edge.target, edge.type, edge.source, edge.parallel);
}

absl::StatusOr<EdgeKey> DecodeOutEdgeKey(absl::string_view key) {
  return DecodeEdge(key);
}

absl::StatusOr<EdgeKey> DecodeInEdgeKey(absl::string_view key) {
  absl::StatusOr<EdgeKey> edge = DecodeEdge(key);
  if (edge.ok()) std::swap(edge->source, edge->target);
  return edge;
}

std::string EdgePrefix(uint64_t node) { return EncodeU64(node); }

std::string EdgePrefix(uint64_t node, RelationType type) {
  std::string prefix = EncodeU64(node);
  prefix.push_back(static_cast<char>(type));
  return prefix;
}

std::string EncodeNameKey(absl::string_view folded_name, uint64_t entity) {
  std::string key(folded_name);
  key.push_back('\0');
  AppendBigEndian(entity, &key);
  return key;
}

absl::StatusOr<NameKey> DecodeNameKey(absl::string_view key) {
  if (key.size() < 9 || key[key.size() - 9] != '\0') {
    return absl::DataLossError("malformed name key");
  }
  NameKey name;
  name.folded_name = std::string(key.substr(0, key.size() - 9));
  name.entity = ReadBigEndian<uint64_t>(key.substr(key.size() - 8));
  return name;
}

std::string PrefixSuccessor(absl::string_view prefix) {
  std::string limit(prefix);
  while (!limit.empty()) {
    auto last = static_cast<uint8_t>(limit.back());
    if (last != 0xff) {
      limit.back() = static_cast<char>(last + 1);
      return limit;
    }
    limit.pop_back();
  }
  return limit;
}

std::string EncodeSplitRedirectKey(absl::string_view report_id,
                                   absl::string_view entity_id) {
  std::string key(report_id);
  key.push_back('\0');
  key.append(entity_id.data(), entity_id.size());
  return key;
}

}  // namespace govgraph::storage
