// Every RocksDB key govgraph writes. THESE BYTES ARE ON DISK: never reorder,
// renumber or reinterpret; add new column families or key kinds instead, and
// bump kSchemaVersion when a layout changes.
//
// Integers are fixed-width big-endian, so bytewise order == numeric order.
// Entity ids (internal) are u64 assigned from a counter, never reused.
//
//   cf "default" (meta):
//     "schema_version"                      -> u32
//     "next_entity_id"                      -> u64
//     "count/e" kind:u8                     -> u64   entities of a kind
//     "count/r" type:u8                     -> u64   relations of a type
//     "count/reports"                       -> u64
//   cf "ids":       external_id:bytes               -> id:u64
//   cf "entities":  id:u64                          -> EntityRecord
//   cf "names":     folded_name:bytes 0x00 id:u64   -> empty
//                   (folded names never contain 0x00: control characters
//                   are rejected at ingest)
//   cf "out_edges": src:u64 type:u8 dst:u64 qualifier:u32 -> EdgeRecord
//   cf "in_edges":  dst:u64 type:u8 src:u64 qualifier:u32 -> empty
//   cf "reports":   report_entity_id:u64            -> ReportRecord
//   cf "redirects": external_id:bytes               -> external_id:bytes
//                   (an id merged away -> the id it was merged into)
//                   report_id:bytes 0x00 external_id:bytes -> external_id
//                   (in that report, the id means the one split out of
//                   it; ids never contain 0x00)
//   cf "audit":     audit_id:u64                    -> AuditRecord
//   cf "words":     folded_word:bytes 0x00 id:u64   -> empty
//                   (every word of every folded name and alias: SplitWords
//                   in common/text.h; same layout as "names")
//
// Every edge is stored twice, under its source (out_edges) and its target
// (in_edges), so both directions are one prefix scan: all edges of a node
// share the 8-byte prefix id:u64, all of one type the 9-byte prefix
// id:u64 type:u8. Both edge column families use an 8-byte fixed prefix
// extractor. `qualifier` tells apart parallel edges of one type between the
// same two nodes: a 32-bit FNV-1a hash of the HOLDS_POSITION role, else 0;
// for a term an import declares (ImportGraph), of role 0x1f start 0x1f end
// (packed dates as decimal), plus one per earlier row of the import with
// the same key (rows may repeat: each is its own edge).
#ifndef GOVGRAPH_SERVER_STORAGE_KEY_CODEC_H_
#define GOVGRAPH_SERVER_STORAGE_KEY_CODEC_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/common/types.h"
#include "server/storage/graph_store.h"

namespace govgraph::storage {

// 2: cfs "redirects" and "audit"; supports carry names, dates and the
// extractor version. Version 1 data are read as they are.
// 3: cf "words", built from cf "names" when older data are opened.
inline constexpr uint32_t kSchemaVersion = 3;

// Column family names, in the order the store opens them.
inline constexpr const char* kMetaCf = "default";
inline constexpr const char* kIdsCf = "ids";
inline constexpr const char* kEntitiesCf = "entities";
inline constexpr const char* kNamesCf = "names";
inline constexpr const char* kOutEdgesCf = "out_edges";
inline constexpr const char* kInEdgesCf = "in_edges";
inline constexpr const char* kReportsCf = "reports";
inline constexpr const char* kRedirectsCf = "redirects";
inline constexpr const char* kAuditCf = "audit";
inline constexpr const char* kWordsCf = "words";

inline constexpr size_t kEntityIdSize = 8;
inline constexpr size_t kEdgeKeySize = 8 + 1 + 8 + 4;

// Meta keys.
inline constexpr absl::string_view kSchemaVersionKey = "schema_version";
inline constexpr absl::string_view kNextEntityIdKey = "next_entity_id";
inline constexpr absl::string_view kReportCountKey = "count/reports";
std::string EntityCountKey(EntityKind kind);
std::string RelationCountKey(RelationType type);

// Big-endian fixed-width integers.
std::string EncodeU32(uint32_t value);
std::string EncodeU64(uint64_t value);
// kDataLoss unless `bytes` is exactly 4 (8) bytes.
absl::StatusOr<uint32_t> DecodeU32(absl::string_view bytes);
absl::StatusOr<uint64_t> DecodeU64(absl::string_view bytes);

// cf "entities" and "reports" keys.
inline std::string EncodeEntityKey(uint64_t id) { return EncodeU64(id); }
inline absl::StatusOr<uint64_t> DecodeEntityKey(absl::string_view key) {
  return DecodeU64(key);
}

// An edge in canonical orientation (source -> target); `parallel` is the
// qualifier above. Walks see the same value as an EdgeRef.
using EdgeKey = EdgeRef;

// The qualifier for a relation with `role` (0 for an empty role).
uint32_t EdgeQualifier(absl::string_view role);
// The qualifier of an imported HOLDS_POSITION term (dates packed by
// PackIsoDate); EdgeQualifier(role) when both dates are 0.
uint32_t TermQualifier(absl::string_view role, uint32_t start, uint32_t end);

std::string EncodeOutEdgeKey(const EdgeKey& edge);
std::string EncodeInEdgeKey(const EdgeKey& edge);
// Both return the edge in canonical orientation; kDataLoss on bad bytes.
absl::StatusOr<EdgeKey> DecodeOutEdgeKey(absl::string_view key);
absl::StatusOr<EdgeKey> DecodeInEdgeKey(absl::string_view key);

// Prefix of every edge key of `node` in either edge cf, optionally
// narrowed to one relation type.
std::string EdgePrefix(uint64_t node);
std::string EdgePrefix(uint64_t node, RelationType type);

// cf "names" (and "words", whose keys have the same layout).
struct NameKey {
  std::string folded_name;
  uint64_t entity = 0;
};
// `folded_name` must not contain 0x00.
std::string EncodeNameKey(absl::string_view folded_name, uint64_t entity);
absl::StatusOr<NameKey> DecodeNameKey(absl::string_view key);

// cf "redirects": what `entity_id` means in report `report_id` after a
// split moved that report's statements to another entity.
std::string EncodeSplitRedirectKey(absl::string_view report_id,
                                   absl::string_view entity_id);

// The smallest string greater than every string starting with `prefix`, or
// "" if there is none (prefix empty or all 0xff): an exclusive upper bound.
std::string PrefixSuccessor(absl::string_view prefix);

}  // namespace govgraph::storage

#endif  // GOVGRAPH_SERVER_STORAGE_KEY_CODEC_H_
