#include "server/storage/record_convert.h"

#include <algorithm>

#include "server/common/text.h"

namespace govgraph::storage {
namespace {

void SetIfNotEmpty(const std::string& value, std::string* field) {
  if (!value.empty()) *field = value;
}

template <typename Field, typename Value>
bool Contains(const Field& field, const Value& value) {
  return std::find(field.begin(), field.end(), value) != field.end();
}

// Appends the evidence of `supports` (and their report ids).
void AppendEvidence(const Supports& supports, std::vector<Evidence>* evidence,
                    std::vector<std::string>* report_ids) {
  for (const SupportRecord& support : supports) {
    // A report may support a fact under two ids (after a merge): one entry.
    if (report_ids->empty() || report_ids->back() != support.report_id()) {
      report_ids->push_back(support.report_id());
    }
    for (const SpanRecord& span : support.spans()) {
      evidence->push_back(Evidence{
          support.report_id(), span.start(), span.end(), span.sentence(),
          support.extractor_version(), support.report_date()});
    }
    if (support.source_line() > 0) {
      evidence->push_back(Evidence{support.report_id(), 0, 0, "", "", "",
                                   support.source_line()});
    }
  }
}

// Widens [*first, *last] to include `date` (ISO dates order as strings).
void Widen(const std::string& date, std::string* first, std::string* last) {
  if (date.empty()) return;
  if (first->empty() || date < *first) *first = date;
  if (last->empty() || date > *last) *last = date;
}

// The first and last report date of `supports`; for relations, only of
// supports that give no end date (they show the relation in force).
void SeenDates(const Supports& supports, bool in_force_only, std::string* first,
               std::string* last) {
  for (const SupportRecord& support : supports) {
    if (in_force_only && !support.end_date().empty()) continue;
    Widen(support.report_date(), first, last);
  }
}

// (report id, stated as): the order of supports.
bool SupportBefore(const SupportRecord& a, absl::string_view report_id,
                   absl::string_view stated_as) {
  return a.report_id() != report_id ? a.report_id() < report_id
                                    : a.stated_as() < stated_as;
}

// Adds a support of (`report_id`, `stated_as`), which has none, where that
// order puts it, so that every list derived from supports is independent
// of the order reports arrived in.
SupportRecord* InsertSorted(absl::string_view report_id,
                            absl::string_view stated_as, Supports* supports) {
  int at = supports->size();
  while (at > 0 &&
         !SupportBefore(supports->Get(at - 1), report_id, stated_as)) {
    --at;
  }
  SupportRecord* added = supports->Add();
  added->set_report_id(std::string(report_id));
  added->set_stated_as(std::string(stated_as));
  for (int i = supports->size() - 1; i > at; --i) {
    supports->SwapElements(i, i - 1);
  }
  return supports->Mutable(at);
}

SupportRecord* FindSupport(absl::string_view report_id,
                           absl::string_view stated_as, Supports* supports) {
  for (SupportRecord& support : *supports) {
    if (support.report_id() == report_id && support.stated_as() == stated_as) {
      return &support;
    }
  }
  return nullptr;
}

void AddSpan(const SpanRecord& span, SupportRecord* support) {
  for (const SpanRecord& have : support->spans()) {
    if (have.start() == span.start() && have.end() == span.end() &&
        have.sentence() == span.sentence()) {
      return;
    }
  }
  *support->add_spans() = span;
}

}  // namespace

bool RemoveSupport(absl::string_view report_id, Supports* supports) {
  const int before = supports->size();
  for (int i = supports->size() - 1; i >= 0; --i) {
    if (supports->Get(i).report_id() == report_id) {
      supports->DeleteSubrange(i, 1);
    }
  }
  return supports->size() != before;
}

SupportRecord* AddSupport(absl::string_view report_id,
                          absl::string_view stated_as,
                          const std::vector<Evidence>& evidence,
                          Supports* supports) {
  SupportRecord* support = FindSupport(report_id, stated_as, supports);
  if (support == nullptr) {
    support = InsertSorted(report_id, stated_as, supports);
  }
  for (const Evidence& e : evidence) {
    SpanRecord span;
    span.set_start(e.start);
    span.set_end(e.end);
    span.set_sentence(e.sentence);
    AddSpan(span, support);
  }
  return support;
}

SupportRecord* SetSupport(absl::string_view report_id,
                          const std::vector<Evidence>& evidence,
                          Supports* supports) {
  RemoveSupport(report_id, supports);
  return AddSupport(report_id, "", evidence, supports);
}

void UniteSupport(const SupportRecord& support, Supports* supports) {
  SupportRecord* into =
      FindSupport(support.report_id(), support.stated_as(), supports);
  if (into == nullptr) {
    *InsertSorted(support.report_id(), support.stated_as(), supports) = support;
    return;
  }
  for (const SpanRecord& span : support.spans()) AddSpan(span, into);
  for (const std::string& name : support.names()) {
    if (!Contains(into->names(), name)) into->add_names(name);
  }
}

void MergeEntityAttributes(const Entity& entity, EntityRecord* record) {
  record->set_kind(static_cast<uint32_t>(entity.kind));
  record->set_name(entity.name);
  SetIfNotEmpty(entity.date, record->mutable_date());
  SetIfNotEmpty(entity.location, record->mutable_location());
  SetIfNotEmpty(entity.verb, record->mutable_verb());
  SetIfNotEmpty(entity.text, record->mutable_text());
  SetIfNotEmpty(entity.source_url, record->mutable_source_url());
}

std::string MostUsedName(const Supports& supports) {
  std::vector<std::pair<std::string, int>> counts;  // In first-use order.
  for (const SupportRecord& support : supports) {
    if (support.names().empty()) continue;
    const std::string& name = support.names(0);
    auto it = std::find_if(counts.begin(), counts.end(),
                           [&](const auto& c) { return c.first == name; });
    if (it == counts.end()) {
      counts.emplace_back(name, 1);
    } else {
      ++it->second;
    }
  }
  std::string best;
  int best_count = 0;
  for (const auto& [name, count] : counts) {
    if (count > best_count) {
      best = name;
      best_count = count;
    }
  }
  return best;
}

void RefreshNames(bool keep_name, EntityRecord* record) {
  std::vector<std::string> names;
  for (const SupportRecord& support : record->supports()) {
    for (const std::string& name : support.names()) {
      if (!Contains(names, name)) names.push_back(name);
    }
  }
  if (names.empty()) return;
  if (!keep_name) record->set_name(MostUsedName(record->supports()));
  record->clear_aliases();
  for (const std::string& name : names) {
    if (name != record->name()) record->add_aliases(name);
  }
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

std::vector<std::string> FoldedWords(
    const std::vector<std::string>& folded_names) {
  std::vector<std::string> words;
  for (const std::string& name : folded_names) {
    for (absl::string_view word : SplitWords(name)) words.emplace_back(word);
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

bool ParseEntityRecord(absl::string_view bytes, EntityRecord* record) {
  return record->ParseFromArray(bytes.data(), static_cast<int>(bytes.size())) &&
         record->kind() != 0 && record->kind() <= kMaxEntityKind;
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
  SeenDates(record.supports(), /*in_force_only=*/false, &entity.first_seen,
            &entity.last_seen);
  return entity;
}

void FillRelation(const EdgeRecord& record, bool with_evidence,
                  Relation* relation) {
  relation->role = record.role();
  relation->start_date = record.start_date();
  relation->end_date = record.end_date();
  std::string unused;
  for (const SupportRecord& support : record.supports()) {
    Widen(support.start_date(), &relation->start_date, &unused);
    Widen(support.end_date(), &unused, &relation->end_date);
  }
  SeenDates(record.supports(), /*in_force_only=*/true, &relation->first_seen,
            &relation->last_seen);
  if (with_evidence) {
    AppendEvidence(record.supports(), &relation->evidence,
                   &relation->report_ids);
  }
}

}  // namespace govgraph::storage
