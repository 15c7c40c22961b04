// stats: counts of what the graph holds.
#include <cstdint>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client/commands/call.h"
#include "client/commands/command.h"
#include "client/commands/table.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"

namespace govgraph::client {
namespace {

// Adds `total` under `label`, then one indented row per key of `by_name`,
// sorted by name (protobuf maps are unordered).
void AddBreakdown(const std::string& label, int64_t total,
                  const google::protobuf::Map<std::string, int64_t>& by_name,
                  Table* table) {
  table->AddRow({label, absl::StrCat(total)});
  const std::map<std::string, int64_t> sorted(by_name.begin(), by_name.end());
  for (const auto& [name, count] : sorted) {
    table->AddRow({absl::StrCat("  ", name), absl::StrCat(count)});
  }
}

void PrintStats(const v1::GetStatsResponse& stats) {
  Table table({});
  AddBreakdown("ENTITIES", stats.entities(), stats.entities_by_kind(), &table);
  AddBreakdown("RELATIONS", stats.relations(), stats.relations_by_type(),
               &table);
  table.AddRow({"REPORTS", absl::StrCat(stats.reports())});
  table.AddRow({"DISK_BYTES", absl::StrCat(stats.disk_bytes())});
  table.Print(std::cout);
}

}  // namespace

int RunStats(const CommandContext& context,
             const std::vector<std::string>& /*args*/) {
  return CallAndPrint(context, &v1::KnowledgeGraph::Stub::GetStats,
                      v1::GetStatsRequest(), &PrintStats);
}

}  // namespace govgraph::client
