// One client of the soak (soak_run.h): a thread with its own channel that
// mixes ingest and every query until a deadline, and what it saw.
#ifndef GOVGRAPH_BENCH_SOAK_CLIENT_H_
#define GOVGRAPH_BENCH_SOAK_CLIENT_H_

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "bench/soak_run.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"
#include "grpcpp/channel.h"

namespace govgraph::bench {

// The ids the queries ask about: what the base reports (never deleted)
// put in the graph. Filled before the clients start, read-only after.
struct IdPool {
  std::vector<std::string> persons;
  std::vector<std::string> organizations;
  std::vector<std::string> meetings;
  std::vector<std::string> directives;
  std::vector<std::string> reports;  // The base reports.
  std::vector<std::string> names;    // Display names, for search.
  std::vector<v1::RelationKey> relations;
};

// An own report deleted by a client, and the entities only it supported.
struct DeletedReport {
  std::string report_id;
  std::vector<std::string> own_entities;
};

// What one client did and saw.
struct ClientLog {
  std::map<std::string, SoakRpcStats> rpcs;       // Percentiles not yet set.
  std::map<std::string, std::vector<double>> ms;  // Normal-deadline calls.
  std::vector<std::string> error_samples;
  std::deque<std::string> live_reports;  // Own reports, oldest first.
  std::vector<DeletedReport> deleted;    // The most recent few.
};

// Thread-compatible: one client per thread. `options` and `pool` must
// outlive it.
class SoakClient {
 public:
  SoakClient(const SoakOptions& options, const IdPool& pool, int index,
             const std::string& run_id);

  // Makes calls until `end`, then returns.
  void Run(absl::Time end);

  const ClientLog& log() const { return log_; }

 private:
  using Op = void (SoakClient::*)();
  struct WeightedOp {
    Op op;
    int weight;
  };
  static const std::vector<WeightedOp>& Ops();

  // Writes. Each new own report may delete the oldest (DeleteOldest).
  void IngestReport();
  void IngestReports();
  void IngestFacts();
  void Reingest();
  void DeleteOldest();
  void AddLive(const std::string& report_id);
  // Queries.
  void GetEntity();
  void GetReport();
  void ListRelations();
  void Traverse();
  void FindPaths();
  void ListCoAttendees();
  void ListPositions();
  void ListMeetings();
  void ListDirectives();
  void SearchEntities();
  void ExportSubgraph();
  void ListEvidence();
  void GetStats();
  void Extract();
  void ListAudit();
  void ExportGraph();

  // Starts a query: sets its deadline (short every
  // short_deadline_every-th query) and returns whether it is short.
  bool StartQuery(grpc::ClientContext* context);
  void StartWrite(grpc::ClientContext* context) const;
  // Records one call of `rpc` begun at `start`.
  void Record(const std::string& rpc, absl::Time start,
              const grpc::Status& status, bool short_deadline);
  // Records a wrong answer to a call that returned OK.
  void Fail(const std::string& rpc, const std::string& what);
  v1::IngestReportRequest NewReport(const std::string& report_id);
  std::string NewReportId();
  const std::string& Pick(const std::vector<std::string>& ids);
  const std::string& AnyEntity();
  std::string RandomDate();

  const SoakOptions& options_;
  const IdPool& pool_;
  const int index_;
  const std::string id_prefix_;  // "soak-RUN-cINDEX-".
  std::unique_ptr<v1::KnowledgeGraph::Stub> stub_;
  std::mt19937 random_;
  int64_t queries_ = 0;
  int64_t next_report_ = 0;
  std::map<std::string, std::vector<std::string>> own_entities_;
  ClientLog log_;
};

}  // namespace govgraph::bench

#endif  // GOVGRAPH_BENCH_SOAK_CLIENT_H_
