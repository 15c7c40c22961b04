// Security over real loopback sockets (security applies to sockets only,
// not to the in-process channel): TLS, mutual TLS, the bearer-token role of
// every KnowledgeGraph method, reloads of the token file and of the
// certificate files, and the checks of MakeServerCredentials.
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/util/message_differencer.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/channel_arguments.h"
#include "gtest/gtest.h"
#include "server/auth/tokens.h"
#include "server/extract/extractor.h"
#include "server/ingest/ingest_pipeline.h"
#include "server/query/graph_query.h"
#include "server/service/auth_processor.h"
#include "server/service/knowledge_graph_service.h"
#include "server/service/server_credentials.h"
#include "server/service/server_setup.h"
#include "server/storage/rocksdb_graph_store.h"
#include "tests/service/service_test_base.h"
#include "tests/testing/test_pki.h"

namespace govgraph::service::testing {
namespace {

using auth::Role;
using test_pki::CertAndKey;
using test_pki::MakeTestPki;
using test_pki::ReadFile;
using test_pki::TestCa;
using test_pki::TestPki;

constexpr char kMethodPrefix[] = "/govgraph.v1.KnowledgeGraph/";
constexpr char kGetStats[] = "/govgraph.v1.KnowledgeGraph/GetStats";
constexpr char kHealthCheck[] = "/grpc.health.v1.Health/Check";
constexpr char kReaderToken[] = "reader-secret";
constexpr char kWriterToken[] = "writer-secret";
constexpr char kAdminToken[] = "admin-secret";
constexpr char kNewWriterToken[] = "new-writer-secret";
constexpr char kNoAuthorization[] = "";

std::string Bearer(const std::string& token) {
  return absl::StrCat("Bearer ", token);
}

// One line of a token file.
std::string TokenLine(const std::string& token, Role role) {
  return absl::StrCat(auth::HashToken(token), " ", auth::RoleName(role),
                      " test token\n");
}

std::string ThreeRoleTokens() {
  return TokenLine(kReaderToken, Role::kReader) +
         TokenLine(kWriterToken, Role::kWriter) +
         TokenLine(kAdminToken, Role::kAdmin);
}

// Writes `text` to `path` and returns `path`; fails the test on error.
std::string WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  out.close();
  EXPECT_TRUE(out.good()) << "cannot write " << path;
  return path;
}

// Replaces the file at `path` atomically (a new file renamed over it), with
// a modification time 10 s later than the old one, so a watcher that
// compares times sees the change even on a coarse-grained file system.
void ReplaceFile(const std::string& path, const std::string& text) {
  const std::string temp = WriteFile(path + ".new", text);
  std::filesystem::last_write_time(
      temp, std::filesystem::last_write_time(path) + std::chrono::seconds(10));
  std::filesystem::rename(temp, path);
}

// Whether `done` returns true within `timeout`, asking every 100 ms.
bool Eventually(const std::function<bool()>& done, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (!done()) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(100));
  }
  return true;
}

// TLS client credentials trusting `ca` only, presenting `client` if given.
std::shared_ptr<grpc::ChannelCredentials> Trusting(
    const TestCa& ca, const CertAndKey* client = nullptr) {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = ReadFile(ca.ca_file);
  if (client != nullptr) {
    options.pem_private_key = ReadFile(client->key_file);
    options.pem_cert_chain = ReadFile(client->cert_file);
  }
  return grpc::SslCredentials(options);
}

// A channel of its own (no subchannel shared with, or backing off after,
// another test's connection) to localhost:`port`.
std::shared_ptr<grpc::Channel> LocalhostChannel(
    int port, std::shared_ptr<grpc::ChannelCredentials> credentials) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(absl::StrCat("localhost:", port),
                                   std::move(credentials), args);
}

// Calls `method` with the serialized `request` and, unless empty, the
// `authorization` metadata; fills `*response` (if given) on OK. A unary
// call to a streaming method still passes the token check first.
grpc::Status Call(const std::shared_ptr<grpc::Channel>& channel,
                  const std::string& method, const std::string& authorization,
                  const std::string& request = "",
                  std::string* response = nullptr) {
  grpc::GenericStub stub(channel);
  grpc::Slice slice(request);
  grpc::ByteBuffer request_buffer(&slice, 1);
  grpc::ByteBuffer response_buffer;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(5));
  if (!authorization.empty())
    context.AddMetadata("authorization", authorization);
  absl::Notification done;
  grpc::Status status;
  stub.UnaryCall(&context, method, grpc::StubOptions(), &request_buffer,
                 &response_buffer, [&](grpc::Status s) {
                   status = std::move(s);
                   done.Notify();
                 });
  done.WaitForNotification();
  if (status.ok() && response != nullptr) *response = BytesOf(response_buffer);
  return status;
}

// GetStats as the reader, with disk_bytes cleared.
v1::GetStatsResponse Stats(const std::shared_ptr<grpc::Channel>& channel) {
  std::string bytes;
  const grpc::Status status =
      Call(channel, kGetStats, Bearer(kReaderToken), "", &bytes);
  EXPECT_TRUE(status.ok()) << status.error_message();
  v1::GetStatsResponse stats;
  EXPECT_TRUE(stats.ParseFromString(bytes));
  stats.clear_disk_bytes();
  return stats;
}

// A request that would change the graph, for the writing methods that have
// one cheaply; an empty request for the others. `report_id` exists.
std::string RequestFor(const std::string& method,
                       const std::string& report_id) {
  if (method == "IngestFacts") {
    return OnePersonReport("report-denied", "p-denied").SerializeAsString();
  }
  if (method == "DeleteReport") {
    v1::DeleteReportRequest request;
    request.set_report_id(report_id);
    return request.SerializeAsString();
  }
  if (method == "IngestReport" || method == "IngestReports") {
    v1::IngestReportRequest request;
    request.mutable_report()->set_text(
        "Ông Nguyễn Phước Lộc chủ trì hội nghị tổng kết công tác dân vận.");
    request.mutable_report()->set_published_date("2024-03-15");
    return request.SerializeAsString();
  }
  return "";
}

// A fresh temp dir per test, and the PKI, made once for all tests.
class PkiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pki_ = new absl::StatusOr<TestPki>(MakeTestPki(::testing::TempDir()));
  }
  static void TearDownTestSuite() {
    if (pki_->ok()) std::filesystem::remove_all((*pki_)->dir);
    delete pki_;
    pki_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(pki_->ok()) << pki_->status();
    std::string pattern = ::testing::TempDir() + "govgraph_security_XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  const TestPki& pki() const { return **pki_; }
  // TLS with the server certificate of pki().ca, without tokens.
  SecurityOptions Tls() const {
    SecurityOptions options;
    options.tls_cert_file = pki().ca.server.cert_file;
    options.tls_key_file = pki().ca.server.key_file;
    return options;
  }
  // A token file in dir_ with a reader, a writer and an admin token.
  std::string TokenFile() const {
    return WriteFile(dir_ + "/tokens", ThreeRoleTokens());
  }

  static absl::StatusOr<TestPki>* pki_;
  std::string dir_;
};

absl::StatusOr<TestPki>* PkiTest::pki_ = nullptr;

// The whole service on a RocksDB store in dir_, served on 127.0.0.1:0.
class SecureServerTest : public PkiTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(PkiTest::SetUp());
    storage::RocksDbOptions store_options;
    store_options.path = dir_ + "/db";
    store_options.sync_writes = false;
    store_options.block_cache_bytes = 1 << 20;
    absl::StatusOr<std::unique_ptr<storage::RocksDbGraphStore>> store =
        storage::RocksDbGraphStore::Open(store_options);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    query_ = std::make_unique<query::GraphQuery>(store_.get());
    absl::StatusOr<std::shared_ptr<const extract::Lexicon>> lexicon =
        extract::Lexicon::BuiltIn();
    ASSERT_TRUE(lexicon.ok()) << lexicon.status();
    extractor_ = std::make_unique<extract::Extractor>(*lexicon);
    ingest_ = std::make_unique<ingest::IngestPipeline>(
        store_.get(), extractor_.get(), ingest::IngestLimits());
    service_ = std::make_unique<KnowledgeGraphService>(
        query_.get(), ingest_.get(), extractor_.get(), ServiceOptions());
  }
  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown(absl::ZeroDuration());
    server_.reset();
    service_.reset();
    ingest_.reset();
    extractor_.reset();
    query_.reset();
    store_.reset();
    PkiTest::TearDown();
  }

  void StartServer(const SecurityOptions& security,
                   const std::string& health_listen_address = "") {
    ServerOptions options;
    options.listen_address = "127.0.0.1:0";
    options.security = security;
    options.health_listen_address = health_listen_address;
    absl::StatusOr<std::unique_ptr<GrpcServer>> server =
        GrpcServer::Start(options, service_.get());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
  }
  // TLS (pki().ca) and the three tokens of TokenFile().
  SecurityOptions TlsAndTokens() const {
    SecurityOptions options = Tls();
    options.token_file = TokenFile();
    return options;
  }

  std::shared_ptr<grpc::Channel> Channel(
      std::shared_ptr<grpc::ChannelCredentials> credentials) const {
    return LocalhostChannel(server_->port(), std::move(credentials));
  }
  // The code of GetStats on a new connection made with `credentials`.
  grpc::StatusCode GetStatsCode(
      std::shared_ptr<grpc::ChannelCredentials> credentials,
      const std::string& authorization = kNoAuthorization) {
    return Call(Channel(std::move(credentials)), kGetStats, authorization)
        .error_code();
  }

  std::unique_ptr<storage::RocksDbGraphStore> store_;
  std::unique_ptr<query::GraphQuery> query_;
  std::unique_ptr<extract::Extractor> extractor_;
  std::unique_ptr<ingest::IngestPipeline> ingest_;
  std::unique_ptr<KnowledgeGraphService> service_;
  std::unique_ptr<GrpcServer> server_;
};

TEST_F(SecureServerTest, TlsServesOnlyClientsTrustingItsCa) {
  ASSERT_NO_FATAL_FAILURE(StartServer(Tls()));
  EXPECT_EQ(GetStatsCode(Trusting(pki().ca)), grpc::StatusCode::OK);
  EXPECT_EQ(GetStatsCode(Trusting(pki().other_ca)),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(GetStatsCode(grpc::InsecureChannelCredentials()),
            grpc::StatusCode::UNAVAILABLE);
}

TEST_F(SecureServerTest, MutualTlsNeedsAClientCertificateOfTheClientCa) {
  SecurityOptions options = Tls();
  options.tls_client_ca_file = pki().ca.ca_file;
  ASSERT_NO_FATAL_FAILURE(StartServer(options));
  EXPECT_EQ(GetStatsCode(Trusting(pki().ca, &pki().ca.client)),
            grpc::StatusCode::OK);
  EXPECT_EQ(GetStatsCode(Trusting(pki().ca)), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(GetStatsCode(Trusting(pki().ca, &pki().other_ca.client)),
            grpc::StatusCode::UNAVAILABLE);
}

TEST_F(SecureServerTest, EachRoleMayCallExactlyTheMethodsUpToItsRole) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TlsAndTokens()));
  const std::shared_ptr<grpc::Channel> channel = Channel(Trusting(pki().ca));
  const grpc::Status ingested = Call(
      channel, absl::StrCat(kMethodPrefix, "IngestFacts"), Bearer(kWriterToken),
      OnePersonReport("report-1", "p-1").SerializeAsString());
  ASSERT_TRUE(ingested.ok()) << ingested.error_message();
  const v1::GetStatsResponse before = Stats(channel);
  ASSERT_EQ(before.reports(), 1);

  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          v1::KnowledgeGraph::service_full_name());
  ASSERT_NE(service, nullptr);
  struct Attempt {
    std::string name;
    const char* token;
    Role role;
    bool allowed;
  };
  std::vector<Attempt> attempts;
  for (int i = 0; i < service->method_count(); ++i) {
    const std::string& name = service->method(i)->name();
    const absl::StatusOr<std::optional<Role>> required =
        auth::RequiredRole(kMethodPrefix + name);
    ASSERT_TRUE(required.ok()) << name << " has no role: " << required.status();
    ASSERT_TRUE(required->has_value()) << name << " needs no token";
    attempts.push_back(
        {name, kReaderToken, Role::kReader, Role::kReader >= **required});
    attempts.push_back(
        {name, kWriterToken, Role::kWriter, Role::kWriter >= **required});
    attempts.push_back(
        {name, kAdminToken, Role::kAdmin, Role::kAdmin >= **required});
  }
  // The denied calls first, so that the graph can be compared before any
  // allowed write.
  for (const Attempt& attempt : attempts) {
    if (attempt.allowed) continue;
    EXPECT_EQ(Call(channel, kMethodPrefix + attempt.name, Bearer(attempt.token),
                   RequestFor(attempt.name, "report-1"))
                  .error_code(),
              grpc::StatusCode::PERMISSION_DENIED)
        << attempt.name << " as " << auth::RoleName(attempt.role);
  }
  const v1::GetStatsResponse after = Stats(channel);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(before, after))
      << "before:\n"
      << before.DebugString() << "after:\n"
      << after.DebugString();
  for (const Attempt& attempt : attempts) {
    if (!attempt.allowed) continue;
    const grpc::StatusCode code =
        Call(channel, kMethodPrefix + attempt.name, Bearer(attempt.token),
             RequestFor(attempt.name, "report-1"))
            .error_code();
    EXPECT_NE(code, grpc::StatusCode::PERMISSION_DENIED)
        << attempt.name << " as " << auth::RoleName(attempt.role);
    EXPECT_NE(code, grpc::StatusCode::UNAUTHENTICATED)
        << attempt.name << " as " << auth::RoleName(attempt.role);
  }
  EXPECT_EQ(Call(channel, absl::StrCat(kMethodPrefix, "NoSuchMethod"),
                 Bearer(kAdminToken))
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(SecureServerTest, CallsWithoutAKnownTokenAreUnauthenticated) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TlsAndTokens()));
  const std::shared_ptr<grpc::Channel> channel = Channel(Trusting(pki().ca));
  EXPECT_EQ(Call(channel, kGetStats, kNoAuthorization).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Call(channel, kGetStats, Bearer("unknown")).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Call(channel, kGetStats, kReaderToken).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);  // No "Bearer ".
  EXPECT_EQ(Call(channel, kGetStats, Bearer(kReaderToken)).error_code(),
            grpc::StatusCode::OK);
  // Kubernetes probes call the health service without a token.
  EXPECT_EQ(Call(channel, kHealthCheck, kNoAuthorization).error_code(),
            grpc::StatusCode::OK);
}

// The health port answers probes in plaintext without a token, SERVING,
// and serves nothing else of the API.
TEST_F(SecureServerTest, HealthPortServesOnlyHealthInPlaintext) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TlsAndTokens(), "127.0.0.1:0"));
  ASSERT_NE(server_->health_port(), 0);
  const std::shared_ptr<grpc::Channel> health = LocalhostChannel(
      server_->health_port(), grpc::InsecureChannelCredentials());
  std::string response;
  EXPECT_EQ(
      Call(health, kHealthCheck, kNoAuthorization, "", &response).error_code(),
      grpc::StatusCode::OK);
  EXPECT_EQ(response, std::string("\x08\x01"));  // status: SERVING.
  EXPECT_EQ(Call(health, kGetStats, Bearer(kReaderToken)).error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
  // The main port still wants TLS.
  EXPECT_EQ(GetStatsCode(grpc::InsecureChannelCredentials()),
            grpc::StatusCode::UNAVAILABLE);
  server_->Shutdown(absl::ZeroDuration());
  EXPECT_NE(Call(health, kHealthCheck, kNoAuthorization).error_code(),
            grpc::StatusCode::OK);
}

TEST_F(SecureServerTest, HealthPortThatCannotBeBoundFailsTheStart) {
  ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.health_listen_address = "256.1.1.1:1";
  EXPECT_EQ(GrpcServer::Start(options, service_.get()).status().code(),
            absl::StatusCode::kUnavailable);
}

TEST_F(SecureServerTest, ChangedTokenFileIsReloaded) {
  const SecurityOptions options = TlsAndTokens();
  ASSERT_NO_FATAL_FAILURE(StartServer(options));
  const std::shared_ptr<grpc::Channel> channel = Channel(Trusting(pki().ca));
  EXPECT_EQ(Call(channel, kGetStats, Bearer(kReaderToken)).error_code(),
            grpc::StatusCode::OK);
  EXPECT_EQ(Call(channel, kGetStats, Bearer(kNewWriterToken)).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  // The reader token is removed, a new writer token added.
  ReplaceFile(options.token_file,
              TokenLine(kWriterToken, Role::kWriter) +
                  TokenLine(kAdminToken, Role::kAdmin) +
                  TokenLine(kNewWriterToken, Role::kWriter));
  // The server looks at the file at most once a second.
  EXPECT_TRUE(Eventually(
      [&] { return Call(channel, kGetStats, Bearer(kNewWriterToken)).ok(); },
      absl::Seconds(5)))
      << "the new token is still refused";
  EXPECT_EQ(Call(channel, kGetStats, Bearer(kReaderToken)).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Call(channel, kGetStats, Bearer(kWriterToken)).error_code(),
            grpc::StatusCode::OK);
}

TEST_F(SecureServerTest, TokensWithoutTlsAreCheckedOnLoopback) {
  SecurityOptions options;
  options.token_file = TokenFile();
  ASSERT_NO_FATAL_FAILURE(StartServer(options));
  EXPECT_EQ(
      GetStatsCode(grpc::InsecureChannelCredentials(), Bearer(kReaderToken)),
      grpc::StatusCode::OK);
  EXPECT_EQ(GetStatsCode(grpc::InsecureChannelCredentials()),
            grpc::StatusCode::UNAUTHENTICATED);
}

// Each token has its own budget: 2 calls at once, then about 1 a second.
TEST_F(SecureServerTest, CallsBeyondATokensRateAreResourceExhausted) {
  SecurityOptions options = TlsAndTokens();
  options.rate_limit_per_token = 1;
  options.rate_limit_burst = 2;
  ASSERT_NO_FATAL_FAILURE(StartServer(options));
  const std::shared_ptr<grpc::Channel> channel = Channel(Trusting(pki().ca));
  EXPECT_EQ(Call(channel, kGetStats, Bearer(kReaderToken)).error_code(),
            grpc::StatusCode::OK);
  EXPECT_EQ(Call(channel, kGetStats, Bearer(kReaderToken)).error_code(),
            grpc::StatusCode::OK);
  const grpc::Status limited = Call(channel, kGetStats, Bearer(kReaderToken));
  EXPECT_EQ(limited.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(limited.error_message(), ::testing::HasSubstr("rate limit"));
  // Another token, and the health service, are not held back.
  EXPECT_EQ(Call(channel, kGetStats, Bearer(kWriterToken)).error_code(),
            grpc::StatusCode::OK);
  EXPECT_EQ(Call(channel, kHealthCheck, kNoAuthorization).error_code(),
            grpc::StatusCode::OK);
  EXPECT_TRUE(Eventually(
      [&] { return Call(channel, kGetStats, Bearer(kReaderToken)).ok(); },
      absl::Seconds(5)))
      << "the reader's budget never refilled";
}

TEST_F(SecureServerTest, ReplacedCertificateFilesAreServed) {
  SecurityOptions options;
  options.tls_cert_file =
      WriteFile(dir_ + "/server.pem", ReadFile(pki().ca.server.cert_file));
  options.tls_key_file =
      WriteFile(dir_ + "/server.key", ReadFile(pki().ca.server.key_file));
  options.tls_refresh_seconds = 1;
  ASSERT_NO_FATAL_FAILURE(StartServer(options));
  EXPECT_EQ(GetStatsCode(Trusting(pki().ca)), grpc::StatusCode::OK);
  EXPECT_EQ(GetStatsCode(Trusting(pki().other_ca)),
            grpc::StatusCode::UNAVAILABLE);
  ReplaceFile(options.tls_key_file, ReadFile(pki().other_ca.server.key_file));
  ReplaceFile(options.tls_cert_file, ReadFile(pki().other_ca.server.cert_file));
  EXPECT_TRUE(Eventually(
      [&] {
        return GetStatsCode(Trusting(pki().other_ca)) == grpc::StatusCode::OK;
      },
      absl::Seconds(10)))
      << "the replaced certificate is not served";
  EXPECT_EQ(GetStatsCode(Trusting(pki().ca)), grpc::StatusCode::UNAVAILABLE);
}

using ServerCredentialsTest = PkiTest;

TEST_F(ServerCredentialsTest, RejectsIncompleteOrUnsafeSettings) {
  const std::string token_file = TokenFile();
  const std::string not_pem = WriteFile(dir_ + "/not.pem", "not PEM\n");
  const std::string missing = dir_ + "/missing.pem";
  // Expects `code` for `address` and TLS-only options changed by `edit`.
  const auto expect = [&](const char* what, const char* address,
                          absl::StatusCode code,
                          const std::function<void(SecurityOptions*)>& edit) {
    SecurityOptions options = Tls();
    edit(&options);
    const absl::Status status =
        MakeServerCredentials(address, options).status();
    EXPECT_EQ(status.code(), code) << what << ": " << status;
  };
  expect("cert without key", "127.0.0.1:1", absl::StatusCode::kInvalidArgument,
         [](SecurityOptions* o) { o->tls_key_file.clear(); });
  expect("key without cert", "127.0.0.1:1", absl::StatusCode::kInvalidArgument,
         [](SecurityOptions* o) { o->tls_cert_file.clear(); });
  expect("client CA without TLS", "127.0.0.1:1",
         absl::StatusCode::kInvalidArgument, [&](SecurityOptions* o) {
           *o = SecurityOptions();
           o->tls_client_ca_file = pki().ca.ca_file;
         });
  expect("cert not PEM", "127.0.0.1:1", absl::StatusCode::kInvalidArgument,
         [&](SecurityOptions* o) { o->tls_cert_file = not_pem; });
  expect("key not PEM", "127.0.0.1:1", absl::StatusCode::kInvalidArgument,
         [&](SecurityOptions* o) { o->tls_key_file = not_pem; });
  expect("client CA not PEM", "127.0.0.1:1", absl::StatusCode::kInvalidArgument,
         [&](SecurityOptions* o) { o->tls_client_ca_file = not_pem; });
  expect("refresh 0", "127.0.0.1:1", absl::StatusCode::kInvalidArgument,
         [](SecurityOptions* o) { o->tls_refresh_seconds = 0; });
  expect("refresh -1", "127.0.0.1:1", absl::StatusCode::kInvalidArgument,
         [](SecurityOptions* o) { o->tls_refresh_seconds = -1; });
  expect("cert missing", "127.0.0.1:1", absl::StatusCode::kNotFound,
         [&](SecurityOptions* o) { o->tls_cert_file = missing; });
  expect("key missing", "127.0.0.1:1", absl::StatusCode::kNotFound,
         [&](SecurityOptions* o) { o->tls_key_file = missing; });
  expect("client CA missing", "127.0.0.1:1", absl::StatusCode::kNotFound,
         [&](SecurityOptions* o) { o->tls_client_ca_file = missing; });
  expect("token file missing", "127.0.0.1:1", absl::StatusCode::kNotFound,
         [&](SecurityOptions* o) { o->token_file = missing; });
  expect("TLS off loopback without tokens", "0.0.0.0:1",
         absl::StatusCode::kFailedPrecondition, [](SecurityOptions*) {});
  expect("nothing off loopback", "10.0.0.1:1",
         absl::StatusCode::kFailedPrecondition,
         [](SecurityOptions* o) { *o = SecurityOptions(); });
  expect("tokens without TLS off loopback", "0.0.0.0:1",
         absl::StatusCode::kFailedPrecondition, [&](SecurityOptions* o) {
           *o = SecurityOptions();
           o->token_file = token_file;
         });
  // Settings that are fine, so that the cases above fail for their reason.
  expect("TLS and tokens off loopback", "0.0.0.0:1", absl::StatusCode::kOk,
         [&](SecurityOptions* o) { o->token_file = token_file; });
  expect("mutual TLS on loopback", "127.0.0.1:1", absl::StatusCode::kOk,
         [&](SecurityOptions* o) { o->tls_client_ca_file = pki().ca.ca_file; });
  expect("tokens without TLS on loopback", "[::1]:1", absl::StatusCode::kOk,
         [&](SecurityOptions* o) {
           *o = SecurityOptions();
           o->token_file = token_file;
         });
  expect("nothing on loopback", "localhost:1", absl::StatusCode::kOk,
         [](SecurityOptions* o) { *o = SecurityOptions(); });
}

// The processor alone: each refusal is reported with its code, and the
// authorization header is consumed.
TEST_F(PkiTest, ProcessorReportsEachRefusedCall) {
  std::vector<absl::StatusCode> refused;
  absl::StatusOr<std::shared_ptr<TokenAuthProcessor>> processor =
      TokenAuthProcessor::Create(
          TokenFile(), /*per_second=*/0, /*burst=*/0,
          [&](absl::StatusCode code) { refused.push_back(code); });
  ASSERT_TRUE(processor.ok()) << processor.status();
  const auto process = [&](const std::string& method,
                           const std::string& authorization) {
    grpc::AuthMetadataProcessor::InputMetadata metadata;
    metadata.emplace(":path", method);
    if (!authorization.empty()) {
      metadata.emplace("authorization", authorization);
    }
    grpc::AuthMetadataProcessor::OutputMetadata consumed;
    grpc::AuthMetadataProcessor::OutputMetadata response;
    const grpc::Status status =
        (*processor)->Process(metadata, nullptr, &consumed, &response);
    EXPECT_EQ(consumed.count("authorization"), authorization.empty() ? 0 : 1);
    return status.error_code();
  };
  EXPECT_EQ(process(kGetStats, Bearer(kReaderToken)), grpc::StatusCode::OK);
  EXPECT_EQ(process(kGetStats, ""), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(
      process(std::string(kMethodPrefix) + "IngestFacts", Bearer(kReaderToken)),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(process(kHealthCheck, ""), grpc::StatusCode::OK);
  EXPECT_THAT(refused,
              ::testing::ElementsAre(absl::StatusCode::kUnauthenticated,
                                     absl::StatusCode::kPermissionDenied));
}

TEST(IsLoopbackAddressTest, LoopbackHostsAndUnixSocketsOnly) {
  for (const char* address : {"127.0.0.1:1", "127.1.2.3:1", "localhost:1",
                              "[::1]:1", "unix:/tmp/x"}) {
    EXPECT_TRUE(IsLoopbackAddress(address)) << address;
  }
  for (const char* address :
       {"0.0.0.0:1", "10.0.0.1:1", "[::]:1", "example.com:1",
        "127.example.com:1", "127.0.0.1.example.com:1"}) {
    EXPECT_FALSE(IsLoopbackAddress(address)) << address;
  }
}

}  // namespace
}  // namespace govgraph::service::testing
