// Bad requests, one table for every RPC a client can call: each gets its
// documented status code, and none changes the store (the whole graph,
// exported, is the same before and after). Requests are written in proto
// text format and sent as bytes, so that what the server receives is
// exactly what a client of any language could send.
#include <string>
#include <vector>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "tests/service/service_test_base.h"

namespace govgraph::service::testing {
namespace {

struct BadRequest {
  const char* method;   // Of govgraph.v1.KnowledgeGraph.
  const char* request;  // Text format of the method's request.
  grpc::StatusCode code;
};

// 2 MiB of "a": beyond the test server's limits on ids and report texts.
std::string Huge() { return std::string(2 << 20, 'a'); }

const std::vector<BadRequest>& Table() {
  using C = grpc::StatusCode;
  static const auto* const kTable = new std::vector<BadRequest>{
      {"GetEntity", "", C::INVALID_ARGUMENT},
      {"GetEntity", "id: 'no-such-id'", C::NOT_FOUND},
      {"ListRelations", "entity_id: 'no-such-id'", C::NOT_FOUND},
      {"ListRelations", "entity_id: 'p-nguyen-phuoc-loc' page_token: '@@'",
       C::INVALID_ARGUMENT},
      {"ListRelations", "entity_id: 'p-nguyen-phuoc-loc' page_size: -1",
       C::INVALID_ARGUMENT},
      {"ListRelations",
       "entity_id: 'p-nguyen-phuoc-loc' from_date: '2024-13-01'",
       C::INVALID_ARGUMENT},
      {"ListEvidence", "", C::INVALID_ARGUMENT},
      {"ListEvidence", "entity_id: 'no-such-id'", C::NOT_FOUND},
      {"ListEvidence", "entity_id: 'p-nguyen-phuoc-loc' page_size: 1001",
       C::INVALID_ARGUMENT},
      {"SearchEntities", "query: 'loc' page_size: -5", C::INVALID_ARGUMENT},
      {"SearchEntities", "query: 'loc' page_token: 'garbage'",
       C::INVALID_ARGUMENT},
      {"ListPositions", "", C::INVALID_ARGUMENT},
      {"ListPositions", "entity_id: 'no-such-id'", C::NOT_FOUND},
      {"ListPositions", "entity_id: 'p-nguyen-phuoc-loc' as_of: '2024-02-30'",
       C::INVALID_ARGUMENT},
      {"ListPositions", "entity_id: 'm-tong-ket-dan-van-2023'",
       C::INVALID_ARGUMENT},
      {"ListCoAttendees", "", C::INVALID_ARGUMENT},
      {"ListCoAttendees", "person_id: 'no-such-id'", C::NOT_FOUND},
      {"ListCoAttendees",
       "person_id: 'p-nguyen-phuoc-loc' from_date: '2024-05-01' "
       "to_date: '2024-01-01'",
       C::INVALID_ARGUMENT},
      {"ListCoAttendees", "person_id: 'o-thanh-uy-tphcm'", C::INVALID_ARGUMENT},
      {"ListMeetings", "", C::INVALID_ARGUMENT},
      {"ListMeetings", "entity_id: 'no-such-id'", C::NOT_FOUND},
      {"ListMeetings", "entity_id: 'o-thanh-uy-tphcm' page_token: 'x'",
       C::INVALID_ARGUMENT},
      {"ListDirectives", "entity_id: 'no-such-id'", C::NOT_FOUND},
      {"ListDirectives", "entity_id: 'o-thanh-uy-tphcm' to_date: '2024-1-1'",
       C::INVALID_ARGUMENT},
      {"FindPaths", "", C::INVALID_ARGUMENT},
      {"FindPaths",
       "source_id: 'p-nguyen-phuoc-loc' target_id: 'p-nguyen-phuoc-loc'",
       C::INVALID_ARGUMENT},
      {"FindPaths", "source_id: 'p-nguyen-phuoc-loc' target_id: 'no-such-id'",
       C::NOT_FOUND},
      {"FindPaths",
       "source_id: 'p-nguyen-phuoc-loc' target_id: 'p-tran-kim-yen' "
       "max_depth: 11",
       C::INVALID_ARGUMENT},
      {"FindPaths",
       "source_id: 'p-nguyen-phuoc-loc' target_id: 'p-tran-kim-yen' "
       "max_paths: -1",
       C::INVALID_ARGUMENT},
      {"FindPaths",
       "source_id: 'p-nguyen-phuoc-loc' target_id: 'p-tran-kim-yen' "
       "k_shortest: 21",
       C::INVALID_ARGUMENT},
      {"Traverse", "", C::INVALID_ARGUMENT},
      {"Traverse", "start_id: 'no-such-id'", C::NOT_FOUND},
      {"Traverse", "start_id: 'p-nguyen-phuoc-loc' max_hops: 5",
       C::INVALID_ARGUMENT},
      {"Traverse", "start_id: 'p-nguyen-phuoc-loc' limit: -1",
       C::INVALID_ARGUMENT},
      {"ExportSubgraph", "center_id: 'p-nguyen-phuoc-loc' max_hops: 4",
       C::INVALID_ARGUMENT},
      {"ExportSubgraph", "center_id: 'no-such-id'", C::NOT_FOUND},
      {"ListAudit", "page_size: -1", C::INVALID_ARGUMENT},
      {"ListAudit", "page_token: 'not-a-token'", C::INVALID_ARGUMENT},
      {"Extract", "", C::INVALID_ARGUMENT},
      {"Extract",
       "report { text: 'Ông A dự họp.' published_date: '2024-99-01' }",
       C::INVALID_ARGUMENT},
      {"IngestReport", "report_id: 'r-empty' report { text: '' }",
       C::INVALID_ARGUMENT},
      {"IngestFacts", "", C::INVALID_ARGUMENT},
      {"IngestFacts",
       "report_id: 'r-bad' entities { id: 'p-x' kind: PERSON display_name: 'X' "
       "} "
       "relations { type: ATTENDED source_id: 'p-x' target_id: 'm-missing' }",
       C::INVALID_ARGUMENT},
      {"IngestFacts",
       "report_id: 'r-kind' entities { id: 'p-nguyen-phuoc-loc' "
       "kind: ORGANIZATION display_name: 'Sở' }",
       C::FAILED_PRECONDITION},
      {"DeleteReport", "", C::INVALID_ARGUMENT},
      {"DeleteReport", "report_id: 'no-such-report'", C::NOT_FOUND},
      {"MergeEntities", "", C::INVALID_ARGUMENT},
      {"MergeEntities",
       "source_id: 'p-nguyen-phuoc-loc' target_id: 'no-such-id' "
       "curator: 'a' reason: 'b'",
       C::NOT_FOUND},
      {"MergeEntities",
       "source_id: 'p-nguyen-phuoc-loc' target_id: 'o-thanh-uy-tphcm' "
       "curator: 'a' reason: 'b'",
       C::FAILED_PRECONDITION},
      {"SplitEntity", "", C::INVALID_ARGUMENT},
      {"SplitEntity",
       "entity_id: 'p-nguyen-phuoc-loc' new_id: 'p-tran-kim-yen' "
       "report_ids: 'tuoitre-2024-03-15-dan-van' curator: 'a' reason: 'b'",
       C::ALREADY_EXISTS},
      {"UndoCuration", "audit_id: 999 curator: 'a' reason: 'b'", C::NOT_FOUND},
      {"CreateBackup", "dir: 'relative/dir'", C::INVALID_ARGUMENT},
  };
  return *kTable;
}

// Serializes `text`, a request of `method` in text format.
std::string Serialized(const std::string& method, const std::string& text) {
  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          v1::KnowledgeGraph::service_full_name());
  const google::protobuf::MethodDescriptor* rpc =
      service->FindMethodByName(method);
  EXPECT_NE(rpc, nullptr) << method;
  if (rpc == nullptr) return "";
  std::unique_ptr<google::protobuf::Message> request(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(rpc->input_type())
          ->New());
  EXPECT_TRUE(
      google::protobuf::TextFormat::ParseFromString(text, request.get()))
      << method << ": " << text;
  return request->SerializeAsString();
}

class BadRequestsTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    ASSERT_TRUE(Ingest(DanVanReport()).ok());
  }

  // The whole graph with evidence, as one string.
  std::string Graph() {
    grpc::ClientContext context;
    v1::ExportGraphRequest request;
    request.set_with_evidence(true);
    auto reader = stub_->ExportGraph(&context, request);
    std::string graph;
    v1::ExportGraphResponse batch;
    while (reader->Read(&batch)) graph += batch.SerializeAsString();
    EXPECT_TRUE(reader->Finish().ok());
    return graph;
  }
};

TEST_F(BadRequestsTest, EachGetsItsCodeAndChangesNothing) {
  const std::string before = Graph();
  const v1::GetStatsResponse stats = Stats();
  for (const BadRequest& bad : Table()) {
    const RawReply reply =
        CallRaw(absl::StrCat("/govgraph.v1.KnowledgeGraph/", bad.method),
                Serialized(bad.method, bad.request));
    EXPECT_EQ(reply.status.error_code(), bad.code)
        << bad.method << "(" << bad.request
        << "): " << reply.status.error_message();
  }
  EXPECT_TRUE(Graph() == before) << "a refused request changed the graph";
  EXPECT_EQ(Stats().DebugString(), stats.DebugString());
}

// Oversized and invalid UTF-8 input, for the RPCs that take free text.
TEST_F(BadRequestsTest, OversizedAndInvalidUtf8InputIsRefused) {
  const std::string before = Graph();
  v1::ExtractRequest huge;
  huge.mutable_report()->set_text(Huge());
  EXPECT_EQ(
      CallRaw("/govgraph.v1.KnowledgeGraph/Extract", huge.SerializeAsString())
          .status.error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
  v1::IngestFactsRequest big = DanVanReport();
  big.set_report_id("r-big");
  big.mutable_report()->set_title(Huge());
  EXPECT_EQ(CallRaw("/govgraph.v1.KnowledgeGraph/IngestFacts",
                    big.SerializeAsString())
                .status.error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  // Field 1 (id) of GetEntityRequest as bytes that are not UTF-8.
  const std::string bad_utf8 = std::string("\x0a\x02\xff\xfe", 4);
  for (const char* method : {"GetEntity", "DeleteReport", "SearchEntities"}) {
    EXPECT_EQ(
        CallRaw(absl::StrCat("/govgraph.v1.KnowledgeGraph/", method), bad_utf8)
            .status.error_code(),
        grpc::StatusCode::INVALID_ARGUMENT)
        << method;
  }
  EXPECT_TRUE(Graph() == before) << "a refused request changed the graph";
}

}  // namespace
}  // namespace govgraph::service::testing
