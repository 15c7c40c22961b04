// libFuzzer target for the storage decoders reading corrupted bytes: every
// Decode* of server/storage/key_codec.h and the record decoders of
// server/storage/record_convert.h get the whole input. Under ASan and
// UBSan it checks that none crashes and that:
//   - a key decoder fails only with kDataLoss;
//   - where the layout is canonical (every key kind), a successful decode
//     re-encodes to the input's bytes;
//   - PrefixSuccessor(input) is "" or an upper bound of the input's
//     prefix range.
// A violated check prints what and aborts, which libFuzzer reports as a
// crash with the input saved.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "govgraph/storage/records.pb.h"
#include "server/common/types.h"
#include "server/storage/key_codec.h"
#include "server/storage/record_convert.h"

namespace govgraph::storage {
namespace {

[[noreturn]] void Fail(const std::string& what, absl::string_view bytes) {
  std::fprintf(stderr, "key_decoder_fuzzer: %s (input \"%s\")\n", what.c_str(),
               absl::CHexEscape(bytes).c_str());
  std::abort();
}

// Checks that `decoded` failed with kDataLoss or re-encodes (by `encode`)
// to `bytes`.
template <typename T, typename Encode>
void CheckCanonical(const char* what, absl::string_view bytes,
                    const absl::StatusOr<T>& decoded, Encode encode) {
  if (!decoded.ok()) {
    if (!absl::IsDataLoss(decoded.status())) {
      Fail(absl::StrCat(what, " failed with ", decoded.status().ToString()),
           bytes);
    }
    return;
  }
  if (encode(*decoded) != bytes) {
    Fail(absl::StrCat(what, " does not re-encode to its input"), bytes);
  }
}

void CheckKeys(absl::string_view bytes) {
  CheckCanonical("DecodeU32", bytes, DecodeU32(bytes), EncodeU32);
  CheckCanonical("DecodeU64", bytes, DecodeU64(bytes), EncodeU64);
  CheckCanonical("DecodeEntityKey", bytes, DecodeEntityKey(bytes),
                 EncodeEntityKey);
  CheckCanonical("DecodeOutEdgeKey", bytes, DecodeOutEdgeKey(bytes),
                 EncodeOutEdgeKey);
  CheckCanonical("DecodeInEdgeKey", bytes, DecodeInEdgeKey(bytes),
                 EncodeInEdgeKey);
  CheckCanonical("DecodeNameKey", bytes, DecodeNameKey(bytes),
                 [](const NameKey& key) {
                   return EncodeNameKey(key.folded_name, key.entity);
                 });
}

void CheckPrefixSuccessor(absl::string_view bytes) {
  const std::string limit = PrefixSuccessor(bytes);
  if (limit.empty()) return;
  if (!(limit > bytes) || absl::StartsWith(limit, bytes)) {
    Fail("PrefixSuccessor is not an upper bound of the prefix", bytes);
  }
}

// Record decoders: protobuf layouts are not canonical, so only "never
// crashes" (and the derived names of a parsed entity) is checked.
void CheckRecords(absl::string_view bytes) {
  EntityRecord entity;
  if (ParseEntityRecord(bytes, &entity)) {
    const Entity with = ToEntity(entity, /*with_evidence=*/true);
    const Entity without = ToEntity(entity, /*with_evidence=*/false);
    if (with.id != without.id || with.kind != without.kind) {
      Fail("ToEntity depends on with_evidence beyond the evidence", bytes);
    }
    MostUsedName(entity.supports());
    FoldedWords(FoldedNames(entity));
    EntityRecord refreshed = entity;
    RefreshNames(/*keep_name=*/false, &refreshed);
    RefreshNames(/*keep_name=*/true, &entity);
  }
  EdgeRecord edge;
  if (edge.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    Relation relation;
    FillRelation(edge, /*with_evidence=*/true, &relation);
    Relation bare;
    FillRelation(edge, /*with_evidence=*/false, &bare);
  }
}

}  // namespace
}  // namespace govgraph::storage

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view bytes(reinterpret_cast<const char*>(data), size);
  govgraph::storage::CheckKeys(bytes);
  govgraph::storage::CheckPrefixSuccessor(bytes);
  govgraph::storage::CheckRecords(bytes);
  return 0;
}
