// Translation between the core types (common/types.h) and the on-disk
// records (govgraph/storage/records.proto), and support bookkeeping: which
// reports back a fact, with their evidence spans.
#ifndef GOVGRAPH_SERVER_STORAGE_RECORD_CONVERT_H_
#define GOVGRAPH_SERVER_STORAGE_RECORD_CONVERT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/repeated_field.h"
#include "govgraph/storage/records.pb.h"
#include "server/common/types.h"

namespace govgraph::storage {

using Supports = google::protobuf::RepeatedPtrField<SupportRecord>;

// Removes every support of `report_id`. Returns true if there was one.
bool RemoveSupport(absl::string_view report_id, Supports* supports);

// Supports are kept in (report id, stated as) order, so that what is
// derived from them (aliases, names, evidence order) does not depend on the
// order reports arrived in.

// Returns the support of (`report_id`, `stated_as`), added if missing, with
// the spans of `evidence` (all of `report_id`) added to it without repeats;
// the caller completes it.
SupportRecord* AddSupport(absl::string_view report_id,
                          absl::string_view stated_as,
                          const std::vector<Evidence>& evidence,
                          Supports* supports);

// Replaces every support of `report_id` with one of the spans of
// `evidence`; returns it.
SupportRecord* SetSupport(absl::string_view report_id,
                          const std::vector<Evidence>& evidence,
                          Supports* supports);

// Adds `support` to `supports`; if one of its report and stated id is
// there already, the two are united (spans and names without repeats;
// dates and version kept).
void UniteSupport(const SupportRecord& support, Supports* supports);

// Overwrites the record's attributes with `entity`'s (kind, name, and the
// non-empty kind-specific fields). Leaves `id`, aliases and supports alone.
void MergeEntityAttributes(const Entity& entity, EntityRecord* record);

// Recomputes the record's name and aliases from its supports: unless
// `keep_name`, the name becomes MostUsedName; the aliases are every other
// name the supports used, in support order. Records whose supports carry
// no names (written before schema 2) are left alone.
void RefreshNames(bool keep_name, EntityRecord* record);

// The name most supports give first (their report's name for the entity),
// the earliest support's on ties; "" if none gives one.
std::string MostUsedName(const Supports& supports);

// The folded forms of the record's name and aliases, sorted, unique,
// non-empty.
std::vector<std::string> FoldedNames(const EntityRecord& record);

// The words of `folded_names` (SplitWords), sorted, unique.
std::vector<std::string> FoldedWords(
    const std::vector<std::string>& folded_names);

// Parses `bytes` into `record`; false unless they are an entity record of
// a known kind.
bool ParseEntityRecord(absl::string_view bytes, EntityRecord* record);

// Record -> core value. Evidence (and report ids) only if `with_evidence`.
Entity ToEntity(const EntityRecord& record, bool with_evidence);
void FillRelation(const EdgeRecord& record, bool with_evidence,
                  Relation* relation);

}  // namespace govgraph::storage

#endif  // GOVGRAPH_SERVER_STORAGE_RECORD_CONVERT_H_
