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

// Removes the support of `report_id`, if any. Returns true if it was there.
bool RemoveSupport(absl::string_view report_id, Supports* supports);

// Adds (or replaces) the support of `report_id` with the spans of
// `evidence` (all of which belong to `report_id`).
void SetSupport(absl::string_view report_id,
                const std::vector<Evidence>& evidence, Supports* supports);

// Overwrites the record's attributes with `entity`'s (kind, name, and the
// non-empty kind-specific fields); the previous name and `entity`'s aliases
// join the record's aliases. Leaves `id` and supports alone.
void MergeEntityAttributes(const Entity& entity, EntityRecord* record);

// The folded forms of the record's name and aliases, sorted, unique,
// non-empty.
std::vector<std::string> FoldedNames(const EntityRecord& record);

// Record -> core value. Evidence (and report ids) only if `with_evidence`.
Entity ToEntity(const EntityRecord& record, bool with_evidence);
void FillRelation(const EdgeRecord& record, bool with_evidence,
                  Relation* relation);

}  // namespace govgraph::storage

#endif  // GOVGRAPH_SERVER_STORAGE_RECORD_CONVERT_H_
