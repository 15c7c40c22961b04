#include "client/commands/audit_entry.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace govgraph::client {

std::string UndoLinks(const v1::AuditEntry& entry) {
  std::vector<std::string> links;
  if (entry.undoes() != 0) {
    links.push_back(absl::StrCat("undoes #", entry.undoes()));
  }
  if (entry.undone_by() != 0) {
    links.push_back(absl::StrCat("undone by #", entry.undone_by()));
  }
  return absl::StrJoin(links, "; ");
}

void AddAuditEntryRows(const v1::AuditEntry& entry, Table* table) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"AUDIT_ID", absl::StrCat(entry.id())},
      {"OPERATION", v1::CurationOperation_Name(entry.operation())},
      {"TIME", entry.time()},
      {"CURATOR", entry.curator()},
      {"REASON", entry.reason()},
      {"ENTITY_ID", entry.entity_id()},
      {"OTHER_ID", entry.other_id()},
      {"OTHER_NAME", entry.other_name()},
      {"REPORTS", absl::StrJoin(entry.report_ids(), ", ")},
      {"UNDO", UndoLinks(entry)}};
  for (const auto& [key, value] : rows) {
    if (!value.empty()) table->AddRow({key, value});
  }
}

Table AuditTable() {
  return Table({"ID", "TIME", "OPERATION", "ENTITY_ID", "OTHER_ID",
                "OTHER_NAME", "REPORTS", "CURATOR", "UNDO", "REASON"});
}

void AddAuditEntryRow(const v1::AuditEntry& entry, Table* table) {
  table->AddRow({absl::StrCat(entry.id()), entry.time(),
                 v1::CurationOperation_Name(entry.operation()),
                 entry.entity_id(), entry.other_id(), entry.other_name(),
                 absl::StrJoin(entry.report_ids(), ","), entry.curator(),
                 UndoLinks(entry), entry.reason()});
}

}  // namespace govgraph::client
