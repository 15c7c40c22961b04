#include "tests/service/service_test_base.h"

#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <utility>

#include "absl/time/time.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/client_context.h"

namespace govgraph::service::testing {
namespace {

std::chrono::system_clock::time_point Deadline() {
  // Only a guard against a hung test; calls answer at once.
  return std::chrono::system_clock::now() + std::chrono::seconds(60);
}

}  // namespace

void ServiceTest::SetUp() {
  std::string pattern = ::testing::TempDir() + "govgraph_service_XXXXXX";
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  dir_ = pattern;
  absl::StatusOr<std::unique_ptr<ServiceStack>> stack =
      ServiceStack::Open(dir_, request_log_);
  ASSERT_TRUE(stack.ok()) << stack.status();
  stack_ = *std::move(stack);
  store_ = stack_->store();
  metrics_ = stack_->metrics();
  service_ = stack_->service();
  server_ = stack_->server();
  channel_ = stack_->channel();
  stub_ = v1::KnowledgeGraph::NewStub(channel_);
}

void ServiceTest::TearDown() {
  stub_.reset();
  channel_.reset();
  stack_.reset();
  if (!dir_.empty()) {
    std::error_code error;
    std::filesystem::remove_all(dir_, error);
    EXPECT_FALSE(error) << "cannot remove " << dir_ << ": " << error.message();
  }
}

RawReply ServiceTest::CallRaw(const std::string& method,
                              const std::string& request) {
  return testing::CallRaw(channel_, method, request);
}

grpc::Status ServiceTest::Ingest(const v1::IngestFactsRequest& request,
                                 v1::IngestFactsResponse* response) {
  v1::IngestFactsResponse ignored;
  grpc::ClientContext context;
  context.set_deadline(Deadline());
  return stub_->IngestFacts(&context, request,
                            response != nullptr ? response : &ignored);
}

grpc::Status ServiceTest::GetEntity(const std::string& id, v1::Entity* entity) {
  v1::GetEntityRequest request;
  request.set_id(id);
  v1::Entity ignored;
  grpc::ClientContext context;
  context.set_deadline(Deadline());
  return stub_->GetEntity(&context, request,
                          entity != nullptr ? entity : &ignored);
}

grpc::Status ServiceTest::ListRelations(const v1::ListRelationsRequest& request,
                                        v1::ListRelationsResponse* response) {
  grpc::ClientContext context;
  context.set_deadline(Deadline());
  return stub_->ListRelations(&context, request, response);
}

grpc::Status ServiceTest::Search(const v1::SearchEntitiesRequest& request,
                                 v1::SearchEntitiesResponse* response) {
  grpc::ClientContext context;
  context.set_deadline(Deadline());
  return stub_->SearchEntities(&context, request, response);
}

v1::GetStatsResponse ServiceTest::Stats() {
  v1::GetStatsResponse response;
  grpc::ClientContext context;
  context.set_deadline(Deadline());
  grpc::Status status =
      stub_->GetStats(&context, v1::GetStatsRequest(), &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  response.clear_disk_bytes();
  return response;
}

void ServiceTest::ExpectNothingWritten(const v1::GetStatsResponse& before,
                                       const std::vector<std::string>& ids) {
  const v1::GetStatsResponse after = Stats();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(before, after))
      << "before:\n"
      << before.DebugString() << "after:\n"
      << after.DebugString();
  for (const std::string& id : ids) {
    EXPECT_EQ(GetEntity(id).error_code(), grpc::StatusCode::NOT_FOUND) << id;
  }
}

}  // namespace govgraph::service::testing
