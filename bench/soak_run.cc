// The soak's course: base reports, the id pool, the clients and the memory
// sampler, then the figures and the consistency check.
#include "bench/soak_run.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "bench/corpus_files.h"
#include "bench/soak_check.h"
#include "bench/soak_client.h"
#include "bench/soak_memory.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace govgraph::bench {
namespace {

// Nearest-rank percentile `p` (0-100) of `sorted`; 0 if empty.
double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const double rank = std::ceil(p / 100 * sorted.size()) - 1;
  return sorted[static_cast<size_t>(
      std::clamp(rank, 0.0, static_cast<double>(sorted.size() - 1)))];
}

absl::Status FromGrpc(const grpc::Status& status, absl::string_view what) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat(what, ": ", status.error_message()));
}

absl::Status Validate(const SoakOptions& options) {
  if (options.addr.empty()) return absl::InvalidArgumentError("no address");
  if (options.texts.empty()) return absl::InvalidArgumentError("no texts");
  if (options.clients < 1 || options.live_reports_per_client < 1) {
    return absl::InvalidArgumentError(
        "clients and live reports per client must be at least 1");
  }
  return absl::OkStatus();
}

// Adds what the relations of `view`'s other side name to `pool`.
void AddToPool(const v1::RelationView& view, std::set<std::string>* seen,
               IdPool* pool) {
  const v1::Entity& other = view.other();
  if (seen->insert(other.id()).second) {
    switch (other.kind()) {
      case v1::PERSON:
        pool->persons.push_back(other.id());
        pool->names.push_back(other.display_name());
        break;
      case v1::ORGANIZATION:
        pool->organizations.push_back(other.id());
        pool->names.push_back(other.display_name());
        break;
      case v1::MEETING:
        pool->meetings.push_back(other.id());
        break;
      case v1::DIRECTIVE:
        pool->directives.push_back(other.id());
        break;
      default:
        break;
    }
  }
  const v1::Relation& r = view.relation();
  v1::RelationKey key;
  key.set_type(r.type());
  key.set_source_id(r.source_id());
  key.set_target_id(r.target_id());
  key.set_role(r.role());
  key.set_start_date(r.start_date());
  key.set_end_date(r.end_date());
  pool->relations.push_back(std::move(key));
}

absl::Status ListInto(v1::KnowledgeGraph::Stub& stub, const std::string& id,
                      v1::Direction direction, const SoakOptions& options,
                      std::set<std::string>* seen, IdPool* pool) {
  v1::ListRelationsRequest request;
  request.set_entity_id(id);
  request.set_direction(direction);
  request.set_page_size(1000);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + options.timeout));
  v1::ListRelationsResponse response;
  const grpc::Status status = stub.ListRelations(&context, request, &response);
  for (const v1::RelationView& view : response.relations()) {
    AddToPool(view, seen, pool);
  }
  return FromGrpc(status, absl::StrCat("ListRelations ", id));
}

// Ingests each text once as a base report, then collects what they name.
absl::StatusOr<IdPool> IngestBase(v1::KnowledgeGraph::Stub& stub,
                                  const SoakOptions& options,
                                  const std::string& run_id) {
  IdPool pool;
  std::set<std::string> seen;
  for (size_t i = 0; i < options.texts.size(); ++i) {
    v1::IngestReportRequest request;
    request.set_report_id(absl::StrCat("soak-", run_id, "-base-", i));
    request.mutable_report()->set_text(options.texts[i].text);
    request.mutable_report()->set_published_date(
        options.texts[i].published_date);
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + options.timeout));
    v1::IngestReportResponse response;
    absl::Status status =
        FromGrpc(stub.IngestReport(&context, request, &response),
                 absl::StrCat("IngestReport ", request.report_id()));
    if (!status.ok()) return status;
    pool.reports.push_back(request.report_id());
    status = ListInto(stub, request.report_id(), v1::INCOMING, options, &seen,
                      &pool);
    if (!status.ok()) return status;
  }
  const std::vector<std::string> persons = pool.persons;
  for (size_t i = 0; i < persons.size() && i < 32; ++i) {
    absl::Status status =
        ListInto(stub, persons[i], v1::OUTGOING, options, &seen, &pool);
    if (!status.ok()) return status;
  }
  if (pool.persons.empty() || pool.organizations.empty()) {
    return absl::FailedPreconditionError(
        "the texts name no person or no organisation");
  }
  return pool;
}

// Samples the server's memory once a second until `stop` is notified.
void SampleMemory(const SoakOptions& options, absl::Time start,
                  absl::Notification* stop, std::vector<MemorySample>* out) {
  do {
    absl::StatusOr<int64_t> rss = ReadRssBytes(options.server_pid);
    if (!rss.ok()) continue;
    MemorySample sample;
    sample.seconds = absl::ToDoubleSeconds(absl::Now() - start);
    sample.rss_bytes = *rss;
    if (!options.metrics_addr.empty()) {
      absl::StatusOr<int64_t> engine =
          ScrapeEngineBytes(options.metrics_addr, absl::Seconds(2));
      if (engine.ok()) sample.engine_bytes = *engine;
    }
    out->push_back(sample);
  } while (!stop->WaitForNotificationWithTimeout(absl::Seconds(1)));
}

// Merges the clients' logs into `result` and `expected`.
void Collect(const std::vector<std::unique_ptr<SoakClient>>& clients,
             SoakResult* result, ExpectedGraph* expected) {
  std::map<std::string, std::vector<double>> ms;
  for (const auto& client : clients) {
    const ClientLog& log = client->log();
    for (const auto& [rpc, stats] : log.rpcs) {
      SoakRpcStats& sum = result->rpcs[rpc];
      sum.calls += stats.calls;
      sum.errors += stats.errors;
      sum.expired += stats.expired;
    }
    for (const auto& [rpc, v] : log.ms) {
      ms[rpc].insert(ms[rpc].end(), v.begin(), v.end());
    }
    for (const std::string& e : log.error_samples) {
      if (result->error_samples.size() < 40) result->error_samples.push_back(e);
    }
    expected->live_reports.insert(expected->live_reports.end(),
                                  log.live_reports.begin(),
                                  log.live_reports.end());
    expected->deleted.insert(expected->deleted.end(), log.deleted.begin(),
                             log.deleted.end());
  }
  for (auto& [rpc, stats] : result->rpcs) {
    std::vector<double>& v = ms[rpc];
    std::sort(v.begin(), v.end());
    stats.p50_ms = Percentile(v, 50);
    stats.p99_ms = Percentile(v, 99);
    stats.max_ms = v.empty() ? 0 : v.back();
    result->calls += stats.calls;
    result->errors += stats.errors;
    result->expired += stats.expired;
  }
}

// Runs the clients (and the sampler) for options.duration.
void RunClients(const SoakOptions& options, const IdPool& pool,
                const std::string& run_id, SoakResult* result,
                ExpectedGraph* expected) {
  std::vector<std::unique_ptr<SoakClient>> clients;
  for (int i = 0; i < options.clients; ++i) {
    clients.push_back(std::make_unique<SoakClient>(options, pool, i, run_id));
  }
  const absl::Time start = absl::Now();
  absl::Notification stop;
  std::thread sampler;
  if (options.server_pid > 0) {
    sampler = std::thread(SampleMemory, std::cref(options), start, &stop,
                          &result->memory);
  }
  std::vector<std::thread> threads;
  for (auto& client : clients) {
    threads.emplace_back(&SoakClient::Run, client.get(),
                         start + options.duration);
  }
  for (std::thread& thread : threads) thread.join();
  result->seconds = absl::ToDoubleSeconds(absl::Now() - start);
  stop.Notify();
  if (sampler.joinable()) sampler.join();
  Collect(clients, result, expected);
  result->calls_per_second = result->calls / result->seconds;
}

}  // namespace

absl::StatusOr<SoakResult> RunSoak(const SoakOptions& options) {
  if (absl::Status valid = Validate(options); !valid.ok()) return valid;
  const std::string run_id =
      options.run_id.empty() ? absl::StrCat(absl::ToUnixSeconds(absl::Now()))
                             : options.run_id;
  v1::KnowledgeGraph::Stub stub(
      grpc::CreateChannel(options.addr, grpc::InsecureChannelCredentials()));
  ExpectedGraph expected;
  {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + options.timeout));
    v1::GetStatsResponse stats;
    absl::Status status =
        FromGrpc(stub.GetStats(&context, {}, &stats), "GetStats");
    if (!status.ok()) return status;
    expected.reports_before = stats.reports();
  }
  absl::StatusOr<IdPool> pool = IngestBase(stub, options, run_id);
  if (!pool.ok()) return pool.status();
  expected.live_reports = pool->reports;
  SoakResult result;
  RunClients(options, *pool, run_id, &result, &expected);
  result.memory_verdict = JudgeMemory(result.memory, result.seconds, options);
  result.consistency_notes.push_back(absl::StrCat(
      "id pool: ", pool->persons.size(), " persons, ",
      pool->organizations.size(), " organisations, ", pool->meetings.size(),
      " meetings, ", pool->directives.size(), " directives, ",
      pool->relations.size(), " relations, from ", pool->reports.size(),
      " base reports"));
  CheckGraph(stub, expected, absl::Minutes(1), &result.inconsistencies,
             &result.consistency_notes);
  return result;
}

absl::StatusOr<std::vector<SoakText>> ReadSoakTexts(
    const std::vector<std::string>& dirs) {
  std::vector<SoakText> texts;
  for (const std::string& dir : dirs) {
    absl::StatusOr<std::vector<std::string>> files = ListCorpusFiles(dir, 0);
    if (!files.ok()) return files.status();
    for (const std::string& path : *files) {
      absl::StatusOr<std::string> text = ReadCorpusFile(path);
      if (!text.ok()) return text.status();
      const int month = 1 + static_cast<int>(texts.size() % 12);
      texts.push_back(
          {*std::move(text), absl::StrFormat("2024-%02d-15", month)});
    }
  }
  if (texts.empty()) return absl::NotFoundError("no *.txt files");
  return texts;
}

}  // namespace govgraph::bench
