// backup DIR: CreateBackup into DIR, a directory on the server.
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client/commands/call.h"
#include "client/commands/command.h"
#include "client/commands/table.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"

namespace govgraph::client {
namespace {

void PrintBackup(const v1::CreateBackupResponse& backup) {
  Table table({});
  table.AddRow({"BACKUP_ID", absl::StrCat(backup.backup_id())});
  table.AddRow({"CREATED", absl::StrCat(backup.created_unix_seconds())});
  table.AddRow({"SIZE_BYTES", absl::StrCat(backup.size_bytes())});
  table.AddRow({"FILES", absl::StrCat(backup.files())});
  table.AddRow({"SCHEMA", absl::StrCat(backup.schema_version())});
  table.Print(std::cout);
}

}  // namespace

int RunBackup(const CommandContext& context,
              const std::vector<std::string>& args) {
  v1::CreateBackupRequest request;
  request.set_dir(args[0]);
  return CallAndPrint(context, &v1::KnowledgeGraph::Stub::CreateBackup, request,
                      &PrintBackup);
}

}  // namespace govgraph::client
