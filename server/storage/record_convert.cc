#include "server/storage/record_convert.h"

#include <algorithm>

#include "server/common/text.h"

namespace govgraph::storage {
namespace {

void SetIfNotEmpty(const std::string& value, std::string* field) {
  if (!value.empty()) *field = value;
}

void AddAlias(const std::string& alias, EntityRecord* record) {
  if (alias.empty() || alias == record->name()) return;
  for (const std::string& existing : record->aliases()) {
    if (existing == alias) return;
  }
  record->add_aliases(alias);
}

// Appends the evidence of `supports` (and their report ids).
void AppendEvidence(const Supports& supports, std::vector<Evidence>* evidence,
                    std::vector<std::string>* report_ids) {
  for (const SupportRecord& support : supports) {
    report_ids->push_back(support.report_id());
    for (const SpanRecord& span : support.spans()) {
      evidence->push_back(Evidence{support.report_id(), span.start(),
                                   span.end(), span.sentence()});
    }
  }
}

}  // namespace

bool RemoveSupport(absl::string_view report_id, Supports* supports) {
  for (int i = 0; i < supports->size(); ++i) {
    if (supports->Get(i).report_id() == report_id) {
      supports->DeleteSubrange(i, 1);
      return true;
    }
  }
  return false;
}

void SetSupport(absl::string_view report_id,
                const std::vector<Evidence>& evidence, Supports* supports) {
  RemoveSupport(report_id, supports);
  SupportRecord* support = supports->Add();
  support->set_report_id(std::string(report_id));
  for (const Evidence& e : evidence) {
    SpanRecord* span = support->add_spans();
    span->set_start(e.start);
    span->set_end(e.end);
    span->set_sentence(e.sentence);
  }
}

void MergeEntityAttributes(const Entity& entity, EntityRecord* record) {
  const std::string previous_name = record->name();
  record->set_kind(static_cast<uint32_t>(entity.kind));
  record->set_name(entity.name);
  // The new name may have been an alias: it is not one any more.
  auto* aliases = record->mutable_aliases();
  aliases->erase(std::remove(aliases->begin(), aliases->end(), entity.name),
                 aliases->end());
  AddAlias(previous_name, record);
  for (const std::string& alias : entity.aliases) AddAlias(alias, record);
  SetIfNotEmpty(entity.date, record->mutable_date());
  SetIfNotEmpty(entity.location, record->mutable_location());
  SetIfNotEmpty(entity.verb, record->mutable_verb());
  SetIfNotEmpty(entity.text, record->mutable_text());
  SetIfNotEmpty(entity.source_url, record->mutable_source_url());
}

std::vector<std::string> FoldedNames(const EntityRecord& record) {
  std::vector<std::string> names;
  names.push_back(FoldName(record.name()));
  for (const std::string& alias : record.aliases()) {
    names.push_back(FoldName(alias));
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  names.erase(std::remove(names.begin(), names.end(), std::string()),
              names.end());
  return names;
}

Entity ToEntity(const EntityRecord& record, bool with_evidence) {
  Entity entity;
  entity.id = record.id();
  entity.kind = static_cast<EntityKind>(record.kind());
  entity.name = record.name();
  entity.aliases.assign(record.aliases().begin(), record.aliases().end());
  entity.date = record.date();
  entity.location = record.location();
  entity.verb = record.verb();
  entity.text = record.text();
  entity.source_url = record.source_url();
  if (with_evidence) {
    AppendEvidence(record.supports(), &entity.evidence, &entity.report_ids);
  }
  return entity;
}

void FillRelation(const EdgeRecord& record, bool with_evidence,
                  Relation* relation) {
  relation->role = record.role();
  relation->start_date = record.start_date();
  relation->end_date = record.end_date();
  if (with_evidence) {
    AppendEvidence(record.supports(), &relation->evidence,
                   &relation->report_ids);
  }
}

}  // namespace govgraph::storage
