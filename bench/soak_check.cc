#include "bench/soak_check.h"

#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/client_context.h"

namespace govgraph::bench {
namespace {

// The whole graph as ExportGraph streamed it: node kinds by id, counts.
struct Exported {
  absl::flat_hash_map<std::string, v1::EntityKind> kinds;
  std::map<std::string, int64_t> nodes_by_kind;
  std::map<std::string, int64_t> relations_by_type;
  int64_t nodes = 0;
  int64_t relations = 0;
};

grpc::Status Export(v1::KnowledgeGraph::Stub& stub, absl::Duration timeout,
                    Exported* graph, std::vector<std::string>* problems) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  auto reader = stub.ExportGraph(&context, {});
  v1::ExportGraphResponse batch;
  std::vector<v1::Relation> relations;
  while (reader->Read(&batch)) {
    for (const v1::Entity& node : batch.nodes()) {
      ++graph->nodes;
      ++graph->nodes_by_kind[v1::EntityKind_Name(node.kind())];
      if (!graph->kinds.emplace(node.id(), node.kind()).second) {
        problems->push_back(
            absl::StrCat("node ", node.id(), " exported twice"));
      }
    }
    for (const v1::Relation& relation : batch.relations()) {
      relations.push_back(relation);
    }
  }
  for (const v1::Relation& r : relations) {
    ++graph->relations;
    ++graph->relations_by_type[v1::RelationType_Name(r.type())];
    for (const std::string& end : {r.source_id(), r.target_id()}) {
      if (!graph->kinds.contains(end)) {
        problems->push_back(absl::StrCat(v1::RelationType_Name(r.type()), " ",
                                         r.source_id(), " -> ", r.target_id(),
                                         ": endpoint ", end, " not exported"));
      }
    }
  }
  return reader->Finish();
}

void CompareCounts(const std::string& what, int64_t stats, int64_t exported,
                   std::vector<std::string>* problems) {
  if (stats != exported) {
    problems->push_back(absl::StrCat("GetStats ", what, " ", stats,
                                     " but ExportGraph streamed ", exported));
  }
}

void CompareStats(const v1::GetStatsResponse& stats, const Exported& graph,
                  std::vector<std::string>* problems) {
  CompareCounts("entities", stats.entities(), graph.nodes, problems);
  CompareCounts("relations", stats.relations(), graph.relations, problems);
  std::map<std::string, int64_t> by_kind, by_type;
  for (const auto& [kind, n] : stats.entities_by_kind()) {
    if (n != 0) by_kind[kind] = n;
  }
  for (const auto& [type, n] : stats.relations_by_type()) {
    if (n != 0) by_type[type] = n;
  }
  if (by_kind != graph.nodes_by_kind) {
    problems->push_back("GetStats entities_by_kind differ from ExportGraph");
  }
  if (by_type != graph.relations_by_type) {
    problems->push_back("GetStats relations_by_type differ from ExportGraph");
  }
  const auto reports = graph.nodes_by_kind.find("REPORT");
  CompareCounts("reports", stats.reports(),
                reports == graph.nodes_by_kind.end() ? 0 : reports->second,
                problems);
}

void CheckReports(const ExpectedGraph& expected, const Exported& graph,
                  int64_t reports, std::vector<std::string>* problems) {
  for (const std::string& id : expected.live_reports) {
    auto it = graph.kinds.find(id);
    if (it == graph.kinds.end() || it->second != v1::REPORT) {
      problems->push_back(absl::StrCat("acknowledged report ", id, " missing"));
    }
  }
  const int64_t want = expected.reports_before +
                       static_cast<int64_t>(expected.live_reports.size());
  if (reports != want) {
    problems->push_back(absl::StrCat(
        "GetStats reports ", reports, ", expected ", want, " (",
        expected.reports_before, " before the run and the live ones)"));
  }
  for (const DeletedReport& deleted : expected.deleted) {
    if (graph.kinds.contains(deleted.report_id)) {
      problems->push_back(
          absl::StrCat("deleted report ", deleted.report_id, " still there"));
    }
    for (const std::string& id : deleted.own_entities) {
      if (graph.kinds.contains(id)) {
        problems->push_back(absl::StrCat(id,
                                         " still there after its only report ",
                                         deleted.report_id, " was deleted"));
      }
    }
  }
}

}  // namespace

void CheckGraph(v1::KnowledgeGraph::Stub& stub, const ExpectedGraph& expected,
                absl::Duration timeout, std::vector<std::string>* problems,
                std::vector<std::string>* notes) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  v1::GetStatsResponse stats;
  const grpc::Status got_stats = stub.GetStats(&context, {}, &stats);
  Exported graph;
  const grpc::Status exported = Export(stub, timeout, &graph, problems);
  if (!got_stats.ok() || !exported.ok()) {
    problems->push_back(absl::StrCat(
        "cannot read the graph: GetStats: ", got_stats.error_message(),
        "; ExportGraph: ", exported.error_message()));
    return;
  }
  CompareStats(stats, graph, problems);
  CheckReports(expected, graph, stats.reports(), problems);
  notes->push_back(absl::StrCat(
      "graph at the end: ", graph.nodes, " entities (", stats.reports(),
      " reports), ", graph.relations, " relations; checked ",
      expected.live_reports.size(), " live reports and ",
      expected.deleted.size(), " deleted ones"));
}

}  // namespace govgraph::bench
