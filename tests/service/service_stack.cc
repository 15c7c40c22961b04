#include "tests/service/service_stack.h"

#include <chrono>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "grpcpp/client_context.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"

namespace govgraph::service::testing {
namespace {

// Sentences of the report text, joined by one space; spans below are code
// point offsets into that text.
constexpr char kS1[] =
    "Sáng 15-3, Ban Dân vận Thành ủy TPHCM tổ chức hội nghị tổng kết công "
    "tác dân vận năm 2023.";  // [0, 90)
constexpr char kS2[] =
    "Ông Nguyễn Phước Lộc, Phó Bí thư Thành ủy, Trưởng Ban Dân vận Thành ủy "
    "TPHCM, chủ trì hội nghị.";  // [91, 186)
constexpr char kS3[] =
    "Tham dự có bà Trần Kim Yến, Chủ tịch Ủy ban MTTQ Việt Nam "
    "TPHCM.";  // [187, 251)
constexpr char kS4[] =
    "Ông Nguyễn Phước Lộc đề nghị Ủy ban MTTQ Việt Nam TPHCM tăng cường "
    "giám sát, phản biện xã hội.";  // [252, 346)

void AddEvidence(google::protobuf::RepeatedPtrField<v1::Evidence>* evidence,
                 int start, int end, const char* sentence,
                 const char* report_id = "") {
  v1::Evidence* e = evidence->Add();
  e->set_report_id(report_id);
  e->set_start(start);
  e->set_end(end);
  e->set_sentence(sentence);
}

v1::Entity* AddEntity(v1::IngestFactsRequest* request, const char* id,
                      v1::EntityKind kind, const char* display_name) {
  v1::Entity* entity = request->add_entities();
  entity->set_id(id);
  entity->set_kind(kind);
  entity->set_display_name(display_name);
  return entity;
}

v1::Relation* AddRelation(v1::IngestFactsRequest* request,
                          v1::RelationType type, const char* source,
                          const char* target, const char* role = "") {
  v1::Relation* relation = request->add_relations();
  relation->set_type(type);
  relation->set_source_id(source);
  relation->set_target_id(target);
  relation->set_role(role);
  return relation;
}

void AddEntities(v1::IngestFactsRequest* request) {
  v1::Entity* loc = AddEntity(request, kLoc, v1::PERSON, "Nguyễn Phước Lộc");
  loc->mutable_person()->set_full_name("Nguyễn Phước Lộc");
  loc->add_aliases("ông Lộc");
  AddEvidence(loc->mutable_evidence(), 95, 111, kS2);
  v1::Entity* yen = AddEntity(request, kYen, v1::PERSON, "Trần Kim Yến");
  yen->mutable_person()->set_full_name("Trần Kim Yến");
  AddEvidence(yen->mutable_evidence(), 201, 213, kS3, kReportId);
  v1::Entity* bdv = AddEntity(request, kBanDanVan, v1::ORGANIZATION,
                              "Ban Dân vận Thành ủy TPHCM");
  AddEvidence(bdv->mutable_evidence(), 11, 37, kS1);
  AddEntity(request, kThanhUy, v1::ORGANIZATION, "Thành ủy TPHCM");
  AddEntity(request, kMttq, v1::ORGANIZATION, "Ủy ban MTTQ Việt Nam TPHCM");
  // No display name: the details give it.
  v1::Entity* meeting = AddEntity(request, kMeeting, v1::MEETING, "");
  meeting->mutable_meeting()->set_name(
      "Hội nghị tổng kết công tác dân vận năm 2023");
  meeting->mutable_meeting()->set_date("2024-03-15");
  meeting->mutable_meeting()->set_location("TPHCM");
  AddEvidence(meeting->mutable_evidence(), 46, 89, kS1);
  v1::Entity* directive = AddEntity(request, kDirective, v1::DIRECTIVE, "");
  directive->mutable_directive()->set_verb("đề nghị");
  directive->mutable_directive()->set_text(
      "tăng cường giám sát, phản biện xã hội");
  directive->mutable_directive()->set_date("2024-03-15");
  AddEvidence(directive->mutable_evidence(), 308, 345, kS4);
}

void AddRelations(v1::IngestFactsRequest* request) {
  v1::Relation* r =
      AddRelation(request, v1::HOLDS_POSITION, kLoc, kBanDanVan, "Trưởng ban");
  AddEvidence(r->mutable_evidence(), 134, 167, kS2);
  r = AddRelation(request, v1::HOLDS_POSITION, kLoc, kThanhUy, "Phó Bí thư");
  AddEvidence(r->mutable_evidence(), 113, 132, kS2);
  r = AddRelation(request, v1::HOLDS_POSITION, kYen, kMttq, "Chủ tịch");
  AddEvidence(r->mutable_evidence(), 215, 250, kS3, kReportId);
  AddRelation(request, v1::PART_OF, kBanDanVan, kThanhUy);
  r = AddRelation(request, v1::ORGANIZED, kBanDanVan, kMeeting);
  AddEvidence(r->mutable_evidence(), 0, 90, kS1);
  r = AddRelation(request, v1::CHAIRED, kLoc, kMeeting);
  AddEvidence(r->mutable_evidence(), 169, 185, kS2);
  r = AddRelation(request, v1::ATTENDED, kYen, kMeeting);
  AddEvidence(r->mutable_evidence(), 187, 251, kS3);
  r = AddRelation(request, v1::ISSUED, kLoc, kDirective);
  AddEvidence(r->mutable_evidence(), 273, 280, kS4);
  AddRelation(request, v1::ISSUED_AT, kDirective, kMeeting);
  r = AddRelation(request, v1::ADDRESSED_TO, kDirective, kMttq);
  AddEvidence(r->mutable_evidence(), 281, 307, kS4);
  AddRelation(request, v1::MENTIONED_IN, kLoc, kReportId);
  AddRelation(request, v1::MENTIONED_IN, kYen, kReportId);
  AddRelation(request, v1::MENTIONED_IN, kMeeting, kReportId);
}

std::chrono::system_clock::time_point Deadline() {
  // Only a guard against a hung test; calls answer at once.
  return std::chrono::system_clock::now() + std::chrono::seconds(60);
}

}  // namespace

std::string BytesOf(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string out;
  if (!buffer.Dump(&slices).ok()) return out;
  for (const grpc::Slice& slice : slices) {
    out.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return out;
}

v1::IngestFactsRequest DanVanReport() {
  v1::IngestFactsRequest request;
  request.set_report_id(kReportId);
  request.mutable_report()->set_title(
      "Ông Nguyễn Phước Lộc chủ trì hội nghị tổng kết công tác dân vận");
  request.mutable_report()->set_source_url(
      "https://tuoitre.vn/hoi-nghi-tong-ket-cong-tac-dan-van-2024.htm");
  request.mutable_report()->set_published_date("2024-03-15");
  AddEntities(&request);
  AddRelations(&request);
  return request;
}

v1::IngestFactsRequest OnePersonReport(const std::string& report_id,
                                       const std::string& person_id) {
  v1::IngestFactsRequest request;
  request.set_report_id(report_id);
  v1::Entity* person = request.add_entities();
  person->set_id(person_id);
  person->set_kind(v1::PERSON);
  person->set_display_name("Võ Văn Thưởng");
  return request;
}

RawReply CallRaw(const std::shared_ptr<grpc::Channel>& channel,
                 const std::string& method, const std::string& request) {
  grpc::GenericStub stub(channel);
  grpc::Slice slice(request);
  grpc::ByteBuffer request_buffer(&slice, 1);
  grpc::ByteBuffer response_buffer;
  grpc::ClientContext context;
  context.set_deadline(Deadline());
  absl::Notification done;
  RawReply reply;
  stub.UnaryCall(&context, method, grpc::StubOptions(), &request_buffer,
                 &response_buffer, [&](grpc::Status status) {
                   reply.status = std::move(status);
                   done.Notify();
                 });
  done.WaitForNotification();
  if (reply.status.ok()) reply.bytes = BytesOf(response_buffer);
  return reply;
}

absl::StatusOr<std::unique_ptr<ServiceStack>> ServiceStack::Open(
    const std::string& dir, const RequestLogOptions& request_log) {
  std::unique_ptr<ServiceStack> stack(new ServiceStack());
  absl::Status status = stack->Start(dir, request_log);
  if (!status.ok()) return status;
  return stack;
}

absl::Status ServiceStack::Start(const std::string& dir,
                                 const RequestLogOptions& request_log) {
  storage::RocksDbOptions store_options;
  store_options.path = dir;
  store_options.sync_writes = false;
  store_options.block_cache_bytes = 1 << 20;
  absl::StatusOr<std::unique_ptr<storage::RocksDbGraphStore>> store =
      storage::RocksDbGraphStore::Open(store_options);
  if (!store.ok()) return store.status();
  store_ = *std::move(store);
  query_ = std::make_unique<query::GraphQuery>(store_.get());
  absl::StatusOr<std::shared_ptr<const extract::Lexicon>> lexicon =
      extract::Lexicon::BuiltIn();
  if (!lexicon.ok()) return lexicon.status();
  extract::ExtractorOptions extractor_options;
  extractor_options.max_text_bytes = kTestMaxTextBytes;
  extractor_ =
      std::make_unique<extract::Extractor>(*lexicon, extractor_options);
  ingest::IngestLimits limits;
  limits.max_entities = kTestMaxEntities;
  ingest_ = std::make_unique<ingest::IngestPipeline>(store_.get(),
                                                     extractor_.get(), limits);
  storage::RocksDbGraphStore* store_ptr = store_.get();
  metrics_ = std::make_unique<ServerMetrics>(
      [store_ptr] { return store_ptr->Figures(); });
  ServiceOptions service_options;
  service_options.max_report_bytes = kTestMaxReportBytes;
  service_options.metrics = metrics_.get();
  service_ = std::make_unique<KnowledgeGraphService>(
      query_.get(), ingest_.get(), extractor_.get(), service_options);
  ServerOptions server_options;
  server_options.listen_address = "127.0.0.1:0";  // Start needs a port.
  server_options.metrics = metrics_.get();
  server_options.request_log = request_log;
  absl::StatusOr<std::unique_ptr<GrpcServer>> server =
      GrpcServer::Start(server_options, service_.get());
  if (!server.ok()) return server.status();
  server_ = *std::move(server);
  channel_ = server_->InProcessChannel();
  return absl::OkStatus();
}

ServiceStack::~ServiceStack() {
  channel_.reset();
  if (server_ != nullptr) server_->Shutdown(absl::ZeroDuration());
  server_.reset();
  service_.reset();
  metrics_.reset();
  ingest_.reset();
  extractor_.reset();
  query_.reset();
  store_.reset();
}

}  // namespace govgraph::service::testing
