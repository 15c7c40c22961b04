// backup DIR: CreateBackup into DIR, a directory on the server, with the
// time it takes on a terminal.
#include <algorithm>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "client/commands/command.h"
#include "client/commands/output.h"
#include "client/commands/progress.h"
#include "client/commands/rpc.h"
#include "client/commands/table.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"
#include "grpcpp/client_context.h"

namespace govgraph::client {
namespace {

// A first backup copies the whole store: allow it at least this long.
constexpr absl::Duration kMinBackupTimeout = absl::Hours(1);

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
  v1::KnowledgeGraph::Stub stub(context.channel);
  grpc::ClientContext rpc;
  SetTimeout(std::max(context.timeout, kMinBackupTimeout), &rpc);
  v1::CreateBackupResponse response;
  grpc::Status status;
  {
    // One call with nothing to count: the line shows the time it takes.
    Progress progress("backup", "", 0);
    absl::Notification done;
    std::thread ticker([&] {
      while (!done.WaitForNotificationWithTimeout(absl::Milliseconds(100))) {
        progress.Tick();
      }
    });
    status = stub.CreateBackup(&rpc, request, &response);
    done.Notify();
    ticker.join();
  }
  if (!status.ok()) return ReportRpcError(status);
  if (context.json) return PrintJson(response);
  PrintBackup(response);
  return kExitOk;
}

}  // namespace govgraph::client
