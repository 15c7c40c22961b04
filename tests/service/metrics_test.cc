// ServerMetrics behind the service: scraped over HTTP, as Prometheus does.
#include "server/service/metrics.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/service/service_test_base.h"

namespace govgraph::service::testing {
namespace {

using ::testing::HasSubstr;

// The body of GET http://127.0.0.1:`port`/metrics; "" if it fails.
std::string Scrape(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string response;
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) ==
      0) {
    const std::string request =
        "GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if (write(fd, request.data(), request.size()) ==
        static_cast<ssize_t>(request.size())) {
      char buffer[4096];
      ssize_t n = 0;
      while ((n = read(fd, buffer, sizeof(buffer))) > 0) {
        response.append(buffer, static_cast<size_t>(n));
      }
    }
  }
  close(fd);
  const size_t body = response.find("\r\n\r\n");
  return body == std::string::npos ? "" : response.substr(body + 4);
}

// The value of `series` (name and labels exactly as exported) in `text`;
// -1 if absent.
double Value(const std::string& text, const std::string& series) {
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (!absl::ConsumePrefix(&line, series) ||
        !absl::ConsumePrefix(&line, " ")) {
      continue;
    }
    double value = 0;
    return absl::SimpleAtod(line, &value) ? value : -1;
  }
  return -1;
}

std::string Calls(absl::string_view method, absl::string_view code) {
  return absl::StrCat("govgraph_rpc_requests_total{code=\"", code,
                      "\",method=\"/govgraph.v1.KnowledgeGraph/", method,
                      "\"}");
}

class MetricsTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(metrics_->Serve("127.0.0.1:0").ok());
    ASSERT_GT(metrics_->port(), 0);
  }
  std::string Scrape() { return testing::Scrape(metrics_->port()); }
};

TEST_F(MetricsTest, CallsAreCountedByMethodAndStatusCode) {
  Stats();
  ASSERT_EQ(GetEntity("no-such-entity").error_code(),
            grpc::StatusCode::NOT_FOUND);
  ASSERT_EQ(GetEntity("no-such-entity").error_code(),
            grpc::StatusCode::NOT_FOUND);
  const std::string text = Scrape();
  EXPECT_EQ(Value(text, Calls("GetStats", "OK")), 1) << text;
  EXPECT_EQ(Value(text, Calls("GetEntity", "NOT_FOUND")), 2);
  EXPECT_EQ(Value(text, Calls("GetEntity", "OK")), -1);
  EXPECT_EQ(Value(text,
                  "govgraph_rpc_duration_seconds_count{method=\"/"
                  "govgraph.v1.KnowledgeGraph/GetEntity\"}"),
            2);
  // The histogram's last bucket holds every call.
  EXPECT_EQ(Value(text,
                  "govgraph_rpc_duration_seconds_bucket{method=\"/"
                  "govgraph.v1.KnowledgeGraph/GetEntity\",le=\"+Inf\"}"),
            2);
}

TEST_F(MetricsTest, IngestOutcomesAreCounted) {
  v1::IngestFactsResponse written;
  ASSERT_TRUE(Ingest(DanVanReport(), &written).ok());
  ASSERT_TRUE(Ingest(DanVanReport()).ok());  // The same again: unchanged.
  v1::IngestFactsRequest bad = DanVanReport();
  bad.mutable_entities(0)->set_kind(v1::ENTITY_KIND_UNSPECIFIED);
  ASSERT_FALSE(Ingest(bad).ok());
  const std::string text = Scrape();
  EXPECT_EQ(Value(text, "govgraph_ingest_reports_total{outcome=\"written\"}"),
            1)
      << text;
  EXPECT_EQ(Value(text, "govgraph_ingest_reports_total{outcome=\"unchanged\"}"),
            1);
  EXPECT_EQ(Value(text, "govgraph_ingest_reports_total{outcome=\"failed\"}"),
            1);
  EXPECT_EQ(Value(text, "govgraph_ingest_entities_total"),
            written.entities_written());
  EXPECT_EQ(Value(text, "govgraph_ingest_relations_total"),
            written.relations_written());
  EXPECT_EQ(Value(text, Calls("IngestFacts", "INVALID_ARGUMENT")), 1);
}

TEST_F(MetricsTest, EngineAndProcessFiguresAreExported) {
  ASSERT_TRUE(Ingest(DanVanReport()).ok());
  const std::string text = Scrape();
  EXPECT_GT(Value(text, "govgraph_process_resident_memory_bytes"), 1 << 20)
      << text;
  // The fixture's store has a 1 MiB block cache.
  EXPECT_EQ(Value(text, "govgraph_rocksdb_block_cache_capacity_bytes"),
            1 << 20);
  EXPECT_GT(Value(text, "govgraph_rocksdb_memtable_bytes"), 0);
  for (const char* series :
       {"govgraph_rocksdb_sst_bytes", "govgraph_rocksdb_block_cache_hits_total",
        "govgraph_rocksdb_block_cache_misses_total",
        "govgraph_rocksdb_pending_compaction_bytes",
        "govgraph_rocksdb_write_stall_seconds_total",
        "govgraph_rocksdb_writes_stopped"}) {
    EXPECT_GE(Value(text, series), 0) << series;
  }
  EXPECT_EQ(Value(text, "govgraph_rocksdb_writes_failed"), 0);
  EXPECT_EQ(Value(text, "govgraph_rocksdb_writes_need_restart"), 0);
  EXPECT_THAT(text, HasSubstr("# TYPE govgraph_rpc_requests_total counter"));
}

TEST_F(MetricsTest, RefusedCallsAreCountedByCode) {
  metrics_->RecordRefused(absl::StatusCode::kUnauthenticated);
  metrics_->RecordRefused(absl::StatusCode::kUnauthenticated);
  metrics_->RecordRefused(absl::StatusCode::kResourceExhausted);
  const std::string text = Scrape();
  EXPECT_EQ(
      Value(text, "govgraph_auth_refused_total{code=\"UNAUTHENTICATED\"}"), 2)
      << text;
  EXPECT_EQ(
      Value(text, "govgraph_auth_refused_total{code=\"RESOURCE_EXHAUSTED\"}"),
      1);
}

TEST_F(MetricsTest, ServeErrors) {
  EXPECT_EQ(metrics_->Serve("127.0.0.1:0").code(),
            absl::StatusCode::kFailedPrecondition);
  ServerMetrics other(nullptr);
  // The port metrics_ holds.
  EXPECT_EQ(other.Serve(absl::StrCat("127.0.0.1:", metrics_->port())).code(),
            absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace govgraph::service::testing
