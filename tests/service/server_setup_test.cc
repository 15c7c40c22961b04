#include "server/service/server_setup.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "google/protobuf/unknown_field_set.h"
#include "grpcpp/client_context.h"
#include "grpcpp/completion_queue.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"
#include "gtest/gtest.h"
#include "tests/service/service_test_base.h"

namespace govgraph::service::testing {
namespace {

using ::testing::AnyOf;
using ::testing::Contains;
using ::testing::HasSubstr;

constexpr char kIngestFacts[] = "/govgraph.v1.KnowledgeGraph/IngestFacts";
constexpr char kHealthCheck[] = "/grpc.health.v1.Health/Check";
constexpr char kHealthWatch[] = "/grpc.health.v1.Health/Watch";
constexpr char kReflectionInfo[] =
    "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";
// grpc.health.v1.HealthCheckResponse.ServingStatus.
constexpr uint64_t kServing = 1;
constexpr uint64_t kNotServing = 2;

// Hand-encoded messages of the standard services, read with
// UnknownFieldSet, so no extra generated code is needed.

// A length-delimited field (string or message); `value` < 128 bytes.
std::string LengthDelimited(int number, const std::string& value) {
  std::string out;
  out.push_back(static_cast<char>(number << 3 | 2));
  out.push_back(static_cast<char>(value.size()));
  return out + value;
}

void Parse(const std::string& bytes,
           google::protobuf::UnknownFieldSet* fields) {
  EXPECT_TRUE(fields->ParseFromString(bytes)) << "not a protobuf";
}

// The values of the length-delimited fields numbered `number`.
std::vector<std::string> LengthDelimitedFields(const std::string& bytes,
                                               int number) {
  google::protobuf::UnknownFieldSet fields;
  Parse(bytes, &fields);
  std::vector<std::string> out;
  for (int i = 0; i < fields.field_count(); ++i) {
    const google::protobuf::UnknownField& field = fields.field(i);
    if (field.number() == number &&
        field.type() == google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) {
      out.push_back(field.length_delimited());
    }
  }
  return out;
}

// The last varint field numbered `number`; 0 (proto3's default) if absent.
uint64_t VarintField(const std::string& bytes, int number) {
  google::protobuf::UnknownFieldSet fields;
  Parse(bytes, &fields);
  uint64_t value = 0;
  for (int i = 0; i < fields.field_count(); ++i) {
    const google::protobuf::UnknownField& field = fields.field(i);
    if (field.number() == number &&
        field.type() == google::protobuf::UnknownField::TYPE_VARINT) {
      value = field.varint();
    }
  }
  return value;
}

class ServerSetupTest : public ServiceTest {
 protected:
  // grpc.health.v1.Health/Check for `service`; the status, and the
  // ServingStatus when the call succeeded.
  grpc::Status HealthCheck(const std::string& service, uint64_t* serving) {
    RawReply reply = CallRaw(kHealthCheck, LengthDelimited(1, service));
    *serving = reply.status.ok() ? VarintField(reply.bytes, 1) : 0;
    return reply.status;
  }

  // One round of the reflection stream asking for the service list;
  // returns the listed service names.
  std::vector<std::string> ListServicesByReflection();
};

// Completion-queue tag `n` (< 8): the address of one of 8 bytes.
void* Tag(int n) {
  static char tags[8];
  return &tags[n];
}

// Runs one step of a completion-queue call and checks it succeeded.
void Step(grpc::CompletionQueue* cq, int tag) {
  void* got = nullptr;
  bool ok = false;
  ASSERT_TRUE(cq->Next(&got, &ok));
  EXPECT_EQ(got, Tag(tag));
  EXPECT_TRUE(ok) << "step " << tag;
}

std::vector<std::string> ServerSetupTest::ListServicesByReflection() {
  grpc::GenericStub stub(channel_);
  grpc::CompletionQueue cq;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(60));
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      stub.PrepareCall(&context, kReflectionInfo, &cq);
  // ServerReflectionRequest.list_services = "*".
  grpc::Slice slice(LengthDelimited(7, "*"));
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  grpc::Status status;
  call->StartCall(Tag(1));
  Step(&cq, 1);
  call->Write(request, Tag(2));
  Step(&cq, 2);
  call->WritesDone(Tag(3));
  Step(&cq, 3);
  call->Read(&response, Tag(4));
  Step(&cq, 4);
  call->Finish(&status, Tag(5));
  Step(&cq, 5);
  cq.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (cq.Next(&tag, &ok)) {
  }
  EXPECT_TRUE(status.ok()) << status.error_message();
  const std::string message = BytesOf(response);
  // ServerReflectionResponse.list_services_response (6) .service (1)
  // .name (1).
  std::vector<std::string> names;
  for (const std::string& list : LengthDelimitedFields(message, 6)) {
    for (const std::string& service : LengthDelimitedFields(list, 1)) {
      for (const std::string& name : LengthDelimitedFields(service, 1)) {
        names.push_back(name);
      }
    }
  }
  return names;
}

// --- Requests that do not parse ---------------------------------------------

TEST_F(ServerSetupTest, ValidRawRequestIsAccepted) {
  // The control for the tests below: the raw path itself works.
  RawReply reply = CallRaw(kIngestFacts, DanVanReport().SerializeAsString());
  ASSERT_TRUE(reply.status.ok()) << reply.status.error_message();
  v1::IngestFactsResponse response;
  ASSERT_TRUE(response.ParseFromString(reply.bytes));
  EXPECT_EQ(response.report_id(), kReportId);
  EXPECT_EQ(response.entities_written(), 7);
}

TEST_F(ServerSetupTest, InvalidUtf8IsInvalidArgument) {
  v1::IngestFactsRequest request = DanVanReport();
  request.mutable_entities(0)->set_display_name("Nguy\xC3\x28n");
  std::string bytes;
  // Protobuf serializes it anyway (it only logs an error), as a client in a
  // language without UTF-8 checks would.
  ASSERT_TRUE(request.SerializePartialToString(&bytes));
  const v1::GetStatsResponse before = Stats();
  RawReply reply = CallRaw(kIngestFacts, bytes);
  EXPECT_EQ(reply.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << reply.status.error_message();
  // Rejected by the parser (then mapped by the interceptor), before any
  // handler ran.
  EXPECT_THAT(reply.status.error_message(), HasSubstr("could not be parsed"));
  ExpectNothingWritten(before, {kReportId, kLoc, kMeeting});
}

TEST_F(ServerSetupTest, GarbageBytesAreInvalidArgument) {
  const v1::GetStatsResponse before = Stats();
  // Field 15, wire type 7 (no such type), then a truncated varint.
  for (const std::string& garbage :
       {std::string("\x7f\xff\xff"), std::string("\x0a\x10short"),
        std::string("not a protobuf at all")}) {
    RawReply reply = CallRaw(kIngestFacts, garbage);
    EXPECT_EQ(reply.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << reply.status.error_message();
    EXPECT_THAT(reply.status.error_message(), HasSubstr("could not be parsed"));
  }
  ExpectNothingWritten(before, {});
}

// --- Health and reflection --------------------------------------------------

TEST_F(ServerSetupTest, HealthIsServing) {
  for (const std::string service : {"", "govgraph.v1.KnowledgeGraph"}) {
    uint64_t serving = 0;
    grpc::Status status = HealthCheck(service, &serving);
    ASSERT_TRUE(status.ok())
        << '"' << service << "\" " << status.error_message();
    EXPECT_EQ(serving, kServing) << '"' << service << '"';
  }
}

TEST_F(ServerSetupTest, MarkNotServingIsSeenAndCallsGoOn) {
  server_->MarkNotServing();
  for (const std::string service : {"", "govgraph.v1.KnowledgeGraph"}) {
    uint64_t serving = 0;
    grpc::Status status = HealthCheck(service, &serving);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(serving, kNotServing) << '"' << service << '"';
  }
  grpc::ClientContext context;
  v1::GetStatsResponse stats;
  EXPECT_TRUE(stub_->GetStats(&context, v1::GetStatsRequest(), &stats).ok());
}

TEST_F(ServerSetupTest, HealthOfUnknownServiceIsNotFound) {
  uint64_t serving = 0;
  EXPECT_EQ(HealthCheck("govgraph.v1.NoSuchService", &serving).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

// A health Watch sees SERVING; once Shutdown begins it sees NOT_SERVING, or
// (the in-process transport closes open streams at shutdown, racing the
// health update) the stream ends UNAVAILABLE. It never sees SERVING again.
// A unary Check cannot be tried after Shutdown: any call created on the
// in-process channel of a shut-down server crashes inside gRPC 1.51.
TEST_F(ServerSetupTest, ShutdownEndsServing) {
  grpc::GenericStub stub(channel_);
  grpc::CompletionQueue cq;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(60));
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      stub.PrepareCall(&context, kHealthWatch, &cq);
  grpc::Slice slice(LengthDelimited(1, "govgraph.v1.KnowledgeGraph"));
  grpc::ByteBuffer request(&slice, 1);
  call->StartCall(Tag(1));
  Step(&cq, 1);
  call->Write(request, Tag(2));
  Step(&cq, 2);
  call->WritesDone(Tag(3));
  Step(&cq, 3);
  grpc::ByteBuffer first;
  call->Read(&first, Tag(4));
  Step(&cq, 4);
  EXPECT_EQ(VarintField(BytesOf(first), 1), kServing);

  grpc::ByteBuffer second;
  call->Read(&second, Tag(5));
  // Shutdown waits for open calls; the client cancels the Watch if it is
  // still open.
  std::thread shutdown([&] { server_->Shutdown(absl::Seconds(60)); });
  void* tag = nullptr;
  bool read = false;
  ASSERT_TRUE(cq.Next(&tag, &read));
  ASSERT_EQ(tag, Tag(5));
  if (read) {
    EXPECT_EQ(VarintField(BytesOf(second), 1), kNotServing);
    context.TryCancel();
  }
  grpc::Status status;
  call->Finish(&status, Tag(6));
  Step(&cq, 6);
  shutdown.join();
  if (read) {
    EXPECT_THAT(status.error_code(), AnyOf(grpc::StatusCode::CANCELLED,
                                           grpc::StatusCode::UNAVAILABLE));
  } else {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE)
        << status.error_message();
  }
  cq.Shutdown();
  bool ok = false;
  while (cq.Next(&tag, &ok)) {
  }
  server_->Shutdown(absl::ZeroDuration());  // Idempotent.
}

TEST_F(ServerSetupTest, ReflectionListsTheService) {
  const std::vector<std::string> services = ListServicesByReflection();
  EXPECT_THAT(services, Contains("govgraph.v1.KnowledgeGraph"));
  EXPECT_THAT(services, Contains("grpc.health.v1.Health"));
}

// --- Start
// --------------------------------------------------------------------

TEST(GrpcServerStartTest, NonPositiveMessageLimitIsInvalidArgument) {
  ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.max_message_bytes = 0;
  v1::KnowledgeGraph::Service service;
  absl::StatusOr<std::unique_ptr<GrpcServer>> server =
      GrpcServer::Start(options, &service);
  EXPECT_EQ(server.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(GrpcServerStartTest, UnusableAddressIsUnavailable) {
  ServerOptions options;
  options.listen_address = "unix:/nonexistent-govgraph-dir/server.sock";
  v1::KnowledgeGraph::Service service;
  absl::StatusOr<std::unique_ptr<GrpcServer>> server =
      GrpcServer::Start(options, &service);
  EXPECT_EQ(server.status().code(), absl::StatusCode::kUnavailable);
}

// Without a token file every caller may do everything: loopback only.
TEST(GrpcServerStartTest, OtherThanLoopbackNeedsATokenFile) {
  ServerOptions options;
  options.listen_address = "0.0.0.0:0";
  v1::KnowledgeGraph::Service service;
  absl::StatusOr<std::unique_ptr<GrpcServer>> server =
      GrpcServer::Start(options, &service);
  EXPECT_EQ(server.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(server.status().message(), HasSubstr("loopback only"));
}

}  // namespace
}  // namespace govgraph::service::testing
