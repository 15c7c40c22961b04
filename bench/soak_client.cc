// The soak client's infrastructure (call mix, deadlines, recording) and its
// writes; its queries are in soak_queries.cc.
#include "bench/soak_client.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace govgraph::bench {
namespace {

constexpr size_t kMaxErrorSamples = 20;
constexpr size_t kMaxDeletedKept = 32;
constexpr int kReportsPerStream = 3;

std::shared_ptr<grpc::Channel> OwnChannel(const std::string& addr, int index) {
  grpc::ChannelArguments args;
  args.SetInt("govgraph.soak.client", index);  // No shared subchannel.
  return grpc::CreateCustomChannel(addr, grpc::InsecureChannelCredentials(),
                                   args);
}

}  // namespace

SoakClient::SoakClient(const SoakOptions& options, const IdPool& pool,
                       int index, const std::string& run_id)
    : options_(options),
      pool_(pool),
      index_(index),
      id_prefix_(absl::StrCat("soak-", run_id, "-c", index, "-")),
      stub_(v1::KnowledgeGraph::NewStub(OwnChannel(options.addr, index))),
      random_(static_cast<uint32_t>(20261128 + index)) {}

// The mix, by weight: about one call in four writes.
const std::vector<SoakClient::WeightedOp>& SoakClient::Ops() {
  static const auto* const kOps = new std::vector<WeightedOp>{
      {&SoakClient::IngestReport, 6},   {&SoakClient::IngestReports, 2},
      {&SoakClient::IngestFacts, 2},    {&SoakClient::Reingest, 2},
      {&SoakClient::GetEntity, 4},      {&SoakClient::GetReport, 2},
      {&SoakClient::ListRelations, 4},  {&SoakClient::Traverse, 3},
      {&SoakClient::FindPaths, 3},      {&SoakClient::ListCoAttendees, 3},
      {&SoakClient::ListPositions, 3},  {&SoakClient::ListMeetings, 3},
      {&SoakClient::ListDirectives, 3}, {&SoakClient::SearchEntities, 4},
      {&SoakClient::ExportSubgraph, 2}, {&SoakClient::ListEvidence, 3},
      {&SoakClient::GetStats, 1},       {&SoakClient::Extract, 1},
      {&SoakClient::ListAudit, 1},      {&SoakClient::ExportGraph, 1},
  };
  return *kOps;
}

void SoakClient::Run(absl::Time end) {
  int total = 0;
  for (const WeightedOp& op : Ops()) total += op.weight;
  std::uniform_int_distribution<int> draw(0, total - 1);
  while (absl::Now() < end) {
    int n = draw(random_);
    for (const WeightedOp& op : Ops()) {
      if (n < op.weight) {
        (this->*op.op)();
        break;
      }
      n -= op.weight;
    }
  }
}

bool SoakClient::StartQuery(grpc::ClientContext* context) {
  const int every = options_.short_deadline_every;
  const bool short_deadline = every > 0 && ++queries_ % every == 0;
  context->set_deadline(
      absl::ToChronoTime(absl::Now() + (short_deadline ? options_.short_deadline
                                                       : options_.timeout)));
  return short_deadline;
}

void SoakClient::StartWrite(grpc::ClientContext* context) const {
  context->set_deadline(absl::ToChronoTime(absl::Now() + options_.timeout));
}

void SoakClient::Record(const std::string& rpc, absl::Time start,
                        const grpc::Status& status, bool short_deadline) {
  SoakRpcStats& stats = log_.rpcs[rpc];
  ++stats.calls;
  if (short_deadline &&
      status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
    ++stats.expired;
    return;
  }
  if (!short_deadline) {
    log_.ms[rpc].push_back(absl::ToDoubleMilliseconds(absl::Now() - start));
  }
  if (!status.ok()) {
    Fail(rpc, absl::StrCat("code ", status.error_code(), ": ",
                           status.error_message()));
  }
}

void SoakClient::Fail(const std::string& rpc, const std::string& what) {
  ++log_.rpcs[rpc].errors;
  if (log_.error_samples.size() < kMaxErrorSamples) {
    log_.error_samples.push_back(
        absl::StrCat("client ", index_, " ", rpc, ": ", what));
  }
}

const std::string& SoakClient::Pick(const std::vector<std::string>& ids) {
  if (ids.empty()) return AnyEntity();
  return ids[std::uniform_int_distribution<size_t>(0, ids.size() - 1)(random_)];
}

const std::string& SoakClient::AnyEntity() {
  const std::vector<std::string>* kinds[] = {
      &pool_.persons, &pool_.organizations, &pool_.meetings, &pool_.directives,
      &pool_.reports};
  for (int tries = 0; tries < 8; ++tries) {
    const auto* ids = kinds[std::uniform_int_distribution<int>(0, 4)(random_)];
    if (!ids->empty()) return Pick(*ids);
  }
  return pool_.reports.front();  // RunSoak guarantees one.
}

std::string SoakClient::RandomDate() {
  return absl::StrFormat(
      "%d-%02d-%02d", std::uniform_int_distribution<int>(2022, 2025)(random_),
      std::uniform_int_distribution<int>(1, 12)(random_),
      std::uniform_int_distribution<int>(1, 28)(random_));
}

std::string SoakClient::NewReportId() {
  return absl::StrCat(id_prefix_, next_report_++);
}

// The text and date of a random base text: every entity it names but its
// meetings and directives is pinned by that base report.
v1::IngestReportRequest SoakClient::NewReport(const std::string& report_id) {
  const SoakText& text = options_.texts[std::uniform_int_distribution<size_t>(
      0, options_.texts.size() - 1)(random_)];
  v1::IngestReportRequest request;
  request.set_report_id(report_id);
  request.mutable_report()->set_text(text.text);
  request.mutable_report()->set_published_date(text.published_date);
  return request;
}

void SoakClient::AddLive(const std::string& report_id) {
  log_.live_reports.push_back(report_id);
  while (static_cast<int>(log_.live_reports.size()) >
         options_.live_reports_per_client) {
    DeleteOldest();
  }
}

void SoakClient::IngestReport() {
  const v1::IngestReportRequest request = NewReport(NewReportId());
  grpc::ClientContext context;
  StartWrite(&context);
  v1::IngestReportResponse response;
  const absl::Time start = absl::Now();
  const grpc::Status status = stub_->IngestReport(&context, request, &response);
  Record("IngestReport", start, status, false);
  if (status.ok()) AddLive(request.report_id());
}

// One stream of a few reports, every acknowledgement read after the last
// write (they are small enough for the flow-control window).
void SoakClient::IngestReports() {
  grpc::ClientContext context;
  StartWrite(&context);
  const absl::Time start = absl::Now();
  auto stream = stub_->IngestReports(&context);
  std::vector<std::string> sent;
  for (int i = 0; i < kReportsPerStream; ++i) {
    const v1::IngestReportRequest request = NewReport(NewReportId());
    if (!stream->Write(request)) break;
    sent.push_back(request.report_id());
  }
  stream->WritesDone();
  std::vector<std::string> acknowledged;
  v1::IngestReportsResponse ack;
  while (stream->Read(&ack)) {
    if (ack.code() != 0) {
      Fail("IngestReports", absl::StrCat(ack.report_id(), ": code ", ack.code(),
                                         ": ", ack.message()));
    } else {
      acknowledged.push_back(ack.report_id());
    }
  }
  const grpc::Status status = stream->Finish();
  Record("IngestReports", start, status, false);
  if (status.ok() && acknowledged != sent) {
    Fail("IngestReports", "acknowledgements differ from the reports sent");
  }
  for (const std::string& id : acknowledged) AddLive(id);
}

// A report of facts with a person and an organisation of its own, so that
// deleting it must remove them too.
void SoakClient::IngestFacts() {
  v1::IngestFactsRequest request;
  request.set_report_id(NewReportId());
  request.mutable_report()->set_published_date(RandomDate());
  const std::string person = request.report_id() + "-person";
  const std::string org = request.report_id() + "-org";
  v1::Entity* p = request.add_entities();
  p->set_id(person);
  p->set_kind(v1::PERSON);
  p->set_display_name(absl::StrCat("Soak Person ", request.report_id()));
  v1::Entity* o = request.add_entities();
  o->set_id(org);
  o->set_kind(v1::ORGANIZATION);
  o->set_display_name(absl::StrCat("Soak Org ", request.report_id()));
  v1::Relation* holds = request.add_relations();
  holds->set_type(v1::HOLDS_POSITION);
  holds->set_source_id(person);
  holds->set_target_id(org);
  holds->set_role("Chuyên viên");
  holds->set_start_date(RandomDate());
  grpc::ClientContext context;
  StartWrite(&context);
  v1::IngestFactsResponse response;
  const absl::Time start = absl::Now();
  const grpc::Status status = stub_->IngestFacts(&context, request, &response);
  Record("IngestFacts", start, status, false);
  if (!status.ok()) return;
  own_entities_[request.report_id()] = {person, org};
  AddLive(request.report_id());
}

// Sends an own report again with another text: it must replace the old one.
void SoakClient::Reingest() {
  if (log_.live_reports.empty()) return IngestReport();
  const std::string id = log_.live_reports.back();
  if (own_entities_.count(id)) return IngestReport();  // Facts, not text.
  grpc::ClientContext context;
  StartWrite(&context);
  v1::IngestReportResponse response;
  const absl::Time start = absl::Now();
  const grpc::Status status =
      stub_->IngestReport(&context, NewReport(id), &response);
  Record("IngestReport(again)", start, status, false);
  if (status.ok() && !response.result().replaced() &&
      !response.result().unchanged()) {
    Fail("IngestReport(again)", id + " neither replaced nor unchanged");
  }
}

void SoakClient::DeleteOldest() {
  const std::string id = log_.live_reports.front();
  log_.live_reports.pop_front();
  v1::DeleteReportRequest request;
  request.set_report_id(id);
  grpc::ClientContext context;
  StartWrite(&context);
  v1::DeleteReportResponse response;
  const absl::Time start = absl::Now();
  const grpc::Status status = stub_->DeleteReport(&context, request, &response);
  Record("DeleteReport", start, status, false);
  DeletedReport deleted{id, {}};
  auto own = own_entities_.find(id);
  if (own != own_entities_.end()) {
    deleted.own_entities = std::move(own->second);
    own_entities_.erase(own);
  }
  if (!status.ok()) return;  // Whether it is gone is unknown.
  if (log_.deleted.size() >= kMaxDeletedKept) {
    log_.deleted.erase(log_.deleted.begin());
  }
  log_.deleted.push_back(std::move(deleted));
}

}  // namespace govgraph::bench
