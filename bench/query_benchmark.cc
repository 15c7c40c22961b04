// The shared benchmark's six queries on the core library, in process (no
// gRPC): separates engine time from transport time (compare with
// govgraph-bench). Loads DIR/nodes.csv and edges.csv with GraphCsvReader and
// RocksDbGraphStore::ImportGraph into a temporary store, then each
// benchmark runs every measured instance of its type per iteration, one
// GraphQuery call (all pages) each; counters p50_us and p99_us are
// nearest-rank percentiles over one pass.
//
//   govgraph_query_benchmark --data=DIR [--benchmark_filter=Q4 ...]
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "bench/bench_report.h"
#include "bench/queries_file.h"
#include "benchmark/benchmark.h"
#include "google/protobuf/struct.pb.h"
#include "server/ingest/graph_csv.h"
#include "server/query/graph_query.h"
#include "server/storage/rocksdb_graph_store.h"

namespace govgraph::bench {
namespace {

using google::protobuf::Struct;

struct Loaded {
  std::string dir;
  std::unique_ptr<storage::RocksDbGraphStore> store;
  std::unique_ptr<query::GraphQuery> query;
  Struct queries;
};

Loaded* loaded = nullptr;

// Field `name` of instance `q`; "" if it is missing (the query then fails
// and counts as an error).
std::string Field(const Struct& q, const std::string& name) {
  return InstanceField(q, name).value_or("");
}

bool Feed(const std::string& path, bool nodes, ingest::GraphCsvReader& csv) {
  std::ifstream in(path, std::ios::binary);
  std::string chunk(1 << 20, '\0');
  while (in.read(chunk.data(), chunk.size()) || in.gcount() > 0) {
    const absl::string_view piece(chunk.data(), in.gcount());
    const absl::Status s = nodes ? csv.AddNodes(piece) : csv.AddEdges(piece);
    if (!s.ok()) {
      std::cerr << s << "\n";
      return false;
    }
  }
  return static_cast<bool>(in) || in.eof();
}

bool Load(const std::string& data) {
  static Loaded state;
  std::string dir = (std::filesystem::temp_directory_path() /
                     "govgraph_query_benchmark_XXXXXX")
                        .string();
  if (mkdtemp(dir.data()) == nullptr) return false;
  state.dir = dir;
  storage::RocksDbOptions options;
  options.path = dir + "/db";
  options.sync_writes = false;
  auto store = storage::RocksDbGraphStore::Open(options);
  if (!store.ok()) return false;
  state.store = *std::move(store);
  ingest::GraphCsvReader csv("bench", ingest::ImportLimits());
  if (!Feed(data + "/nodes.csv", true, csv) ||
      !Feed(data + "/edges.csv", false, csv)) {
    return false;
  }
  absl::StatusOr<storage::GraphImport> graph = csv.Finish();
  if (!graph.ok() || !state.store->ImportGraph(*graph).ok()) return false;
  state.query = std::make_unique<query::GraphQuery>(state.store.get());
  absl::StatusOr<Struct> queries = ReadJsonFile(data + "/queries.json");
  if (!queries.ok()) return false;
  state.queries = *std::move(queries);
  loaded = &state;
  return true;
}

// One instance, every page; the number of rows, or -1 on an error.
int64_t RunOne(const std::string& type, const Struct& q) {
  const query::GraphQuery& g = *loaded->query;
  int64_t rows = 0;
  if (type == "Q1") {
    query::RelationsRequest r;
    r.entity_id = Field(q, "node");
    const std::string t = Field(q, "type");
    for (int i = 1; i <= kMaxRelationType; ++i) {
      if (RelationTypeName(static_cast<RelationType>(i)) == t) {
        r.type = static_cast<RelationType>(i);
      }
    }
    r.page_size = 1000;
    do {
      auto page = g.ListRelations(r);
      if (!page.ok()) return -1;
      rows += page->relations.size();
      r.page_token = page->next_page_token;
    } while (!r.page_token.empty());
  } else if (type == "Q2") {
    query::PositionsRequest r{Field(q, "person"), "", Field(q, "date"), 1000,
                              ""};
    auto page = g.ListPositions(r);
    if (!page.ok()) return -1;
    rows = page->mandates.size();
  } else if (type == "Q3") {
    query::CoAttendanceRequest r{
        Field(q, "person"), Field(q, "from"), Field(q, "to"), 20, "", 1};
    auto page = g.ListCoAttendees(r, nullptr);
    if (!page.ok()) return -1;
    rows = page->attendees.size();
  } else if (type == "Q4") {
    query::PathsRequest r{Field(q, "a"), Field(q, "b"), 6};
    auto result = g.FindPaths(r, nullptr);
    if (!result.ok()) return -1;
    rows = 1;
  } else if (type == "Q5") {
    query::MeetingsRequest r{Field(q, "org"), true, Field(q, "from"),
                             Field(q, "to"), 1000};
    do {
      auto page = g.ListMeetings(r, nullptr);
      if (!page.ok()) return -1;
      rows += page->meetings.size();
      r.page_token = page->next_page_token;
    } while (!r.page_token.empty());
  } else {
    query::SearchRequest r;
    r.query = Field(q, "prefix");
    r.kind = EntityKind::kPerson;
    r.page_size = 50;
    auto page = g.Search(r);
    if (!page.ok()) return -1;
    rows = page->entities.size();
  }
  return rows;
}

void BM_Query(benchmark::State& state, const std::string& type) {
  const auto& measure = loaded->queries.fields()
                            .at("queries")
                            .struct_value()
                            .fields()
                            .at(type)
                            .struct_value()
                            .fields()
                            .at("measure")
                            .list_value()
                            .values();
  std::vector<double> us;
  int64_t errors = 0;
  for (auto _ : state) {
    us.clear();
    for (const auto& instance : measure) {
      const auto start = std::chrono::steady_clock::now();
      errors += RunOne(type, instance.struct_value()) < 0;
      us.push_back(std::chrono::duration<double, std::micro>(
                       std::chrono::steady_clock::now() - start)
                       .count());
    }
  }
  std::sort(us.begin(), us.end());
  state.counters["p50_us"] = Percentile(us, 50);
  state.counters["p99_us"] = Percentile(us, 99);
  state.counters["errors"] = errors;
  state.SetItemsProcessed(state.iterations() * measure.size());
}

}  // namespace
}  // namespace govgraph::bench

int main(int argc, char** argv) {
  std::string data;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (absl::StartsWith(argv[i], "--data=")) {
      data = argv[i] + 7;
    } else {
      args.push_back(argv[i]);
    }
  }
  if (data.empty() || !govgraph::bench::Load(data)) {
    std::cerr << "usage: govgraph_query_benchmark --data=DIR (a generated "
                 "benchmark graph with queries.json)\n";
    return 2;
  }
  for (const char* type : {"Q1", "Q2", "Q3", "Q4", "Q5", "Q6"}) {
    benchmark::RegisterBenchmark(type, govgraph::bench::BM_Query, type)
        ->Unit(benchmark::kMillisecond);
  }
  int count = static_cast<int>(args.size());
  benchmark::Initialize(&count, args.data());
  benchmark::RunSpecifiedBenchmarks();
  std::filesystem::remove_all(govgraph::bench::loaded->dir);
  return 0;
}
