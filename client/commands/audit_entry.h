// How the CLI shows an AuditEntry: as key/value rows after a curation
// command, or as one row of `govgraph audit`'s table.
#ifndef GOVGRAPH_CLIENT_COMMANDS_AUDIT_ENTRY_H_
#define GOVGRAPH_CLIENT_COMMANDS_AUDIT_ENTRY_H_

#include <string>

#include "client/commands/table.h"
#include "govgraph/v1/knowledge_graph.pb.h"

namespace govgraph::client {

// "undoes #1", "undone by #3", both joined by "; ", or "" when the entry
// neither reverses nor was reversed.
std::string UndoLinks(const v1::AuditEntry& entry);

// Adds one key/value row per field of `entry` ("AUDIT_ID", "OPERATION",
// ...), skipping empty ones.
void AddAuditEntryRows(const v1::AuditEntry& entry, Table* table);

// The header of a table of entries, matching AddAuditEntryRow.
Table AuditTable();

// Adds `entry` as one row of an AuditTable().
void AddAuditEntryRow(const v1::AuditEntry& entry, Table* table);

}  // namespace govgraph::client

#endif  // GOVGRAPH_CLIENT_COMMANDS_AUDIT_ENTRY_H_
