// Operating the real binaries: backup and restore, TLS with bearer tokens
// through the CLI, and the loopback-only default.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/cli_test_fixture.h"
#include "tests/testing/test_pki.h"

namespace govgraph::e2e {
namespace {

using ::testing::HasSubstr;

class OperationsE2eTest : public CliE2eTest {
 protected:
  // Starts server `name` on `data_dir` with `flags`; null (and a test
  // failure) if it does not come up.
  std::unique_ptr<TestServer> StartWith(const std::string& name,
                                        const std::string& data_dir,
                                        std::vector<std::string> flags) {
    absl::StatusOr<std::unique_ptr<TestServer>> server = TestServer::Start(
        {kServerBinary, data_dir, dir_, name, std::move(flags)});
    EXPECT_TRUE(server.ok()) << server.status();
    return server.ok() ? *std::move(server) : nullptr;
  }

  // Runs `flags` until the server exits; returns its exit code and stderr.
  std::pair<int, std::string> FailToStart(const std::string& name,
                                          std::vector<std::string> flags) {
    absl::StatusOr<std::unique_ptr<TestServer>> server = TestServer::Spawn(
        {kServerBinary, dir_ + "/" + name, dir_, name, std::move(flags)});
    if (!server.ok()) return {-1, server.status().ToString()};
    absl::StatusOr<int> code = (*server)->Wait(absl::Seconds(20));
    return {code.ok() ? *code : -1, (*server)->stderr_text()};
  }
};

TEST_F(OperationsE2eTest, BackupRestoresIntoANewServer) {
  Ingest();
  const v1::GetStatsResponse before = Stats();
  const std::string backups = dir_ + "/backups";
  const ProcessResult backup = Run({"backup", backups});
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  EXPECT_THAT(backup.out, HasSubstr("BACKUP_ID   1"));
  const ProcessResult relative = Run({"backup", "backups"});
  EXPECT_EQ(relative.exit_code, 1);
  EXPECT_THAT(relative.err, HasSubstr("INVALID_ARGUMENT"));

  std::unique_ptr<TestServer> restored =
      StartWith("restored", dir_ + "/restored", {"--restore_from=" + backups});
  ASSERT_NE(restored, nullptr);
  EXPECT_THAT(restored->stderr_text(), HasSubstr("checksums verified"));
  const ProcessResult stats =
      Cli({"stats", "--json", "--addr=" + restored->addr()});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  v1::GetStatsResponse after = ParseJson<v1::GetStatsResponse>(stats.out);
  after.clear_disk_bytes();
  v1::GetStatsResponse expected = before;
  expected.clear_disk_bytes();
  EXPECT_EQ(after.DebugString(), expected.DebugString());

  // Never over a data dir that holds data.
  const auto [code, err] = FailToStart(
      "again",
      {"--data_dir=" + dir_ + "/restored", "--restore_from=" + backups});
  EXPECT_EQ(code, 1);
  EXPECT_THAT(err, HasSubstr("fresh data dir"));
}

TEST_F(OperationsE2eTest, OtherThanLoopbackNeedsATokenFile) {
  const auto [code, err] = FailToStart("open", {"--listen=0.0.0.0:0"});
  EXPECT_EQ(code, 1);
  EXPECT_THAT(err, HasSubstr("loopback only"));
}

TEST_F(OperationsE2eTest, CliSpeaksTlsWithABearerToken) {
  absl::StatusOr<test_pki::TestPki> pki = test_pki::MakeTestPki(dir_);
  ASSERT_TRUE(pki.ok()) << pki.status();
  // The token file line comes from the CLI's own hash-token.
  const std::string token_input = WriteInput("token.txt", "reader-secret\n");
  const ProcessResult hashed = Cli({"hash-token"}, token_input);
  ASSERT_EQ(hashed.exit_code, 0) << hashed.err;
  const std::string hash = hashed.out.substr(0, 64);
  const std::string tokens =
      WriteInput("tokens.txt", absl::StrCat(hash, " reader analysts\n"));
  std::unique_ptr<TestServer> secure = StartWith(
      "secure", dir_ + "/secure",
      {"--tls_cert=" + pki->ca.server.cert_file,
       "--tls_key=" + pki->ca.server.key_file, "--token_file=" + tokens});
  ASSERT_NE(secure, nullptr);
  const std::string addr = "--addr=" + secure->addr();
  const std::string ca = "--tls_ca=" + pki->ca.ca_file;

  const ProcessResult reader =
      Cli({"stats", addr, ca, "--token=reader-secret"});
  EXPECT_EQ(reader.exit_code, 0) << reader.err;
  const ProcessResult no_token = Cli({"stats", addr, ca});
  EXPECT_EQ(no_token.exit_code, 1);
  EXPECT_THAT(no_token.err, HasSubstr("UNAUTHENTICATED"));
  const ProcessResult write =
      Cli({"ingest-facts", kFactsJson, addr, ca, "--token=reader-secret"});
  EXPECT_EQ(write.exit_code, 1);
  EXPECT_THAT(write.err, HasSubstr("PERMISSION_DENIED"));
  const ProcessResult plaintext = Cli({"stats", addr, "--timeout=3"});
  EXPECT_EQ(plaintext.exit_code, 1);
  EXPECT_THAT(plaintext.err, HasSubstr("UNAVAILABLE"));
  const ProcessResult wrong_ca =
      Cli({"stats", addr, "--tls_ca=" + pki->other_ca.ca_file, "--timeout=3",
           "--token=reader-secret"});
  EXPECT_EQ(wrong_ca.exit_code, 1);
  // A client certificate without TLS is a usage error.
  const ProcessResult half =
      Cli({"stats", addr, "--tls_cert=" + pki->ca.client.cert_file,
           "--tls_key=" + pki->ca.client.key_file});
  EXPECT_EQ(half.exit_code, 2);
  // An unreadable CA file is a usage error naming the flag; nothing is sent.
  const ProcessResult no_ca =
      Cli({"stats", addr, "--tls_ca=" + dir_ + "/no-such-ca.pem"});
  EXPECT_EQ(no_ca.exit_code, 2);
  EXPECT_THAT(no_ca.err, HasSubstr("--tls_ca: cannot open"));
}

}  // namespace
}  // namespace govgraph::e2e
