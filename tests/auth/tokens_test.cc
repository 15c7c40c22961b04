#include "server/auth/tokens.h"

#include <cstdio>
#include <fstream>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace govgraph::auth {
namespace {

using ::testing::HasSubstr;
using ::testing::Optional;

constexpr char kIngest[] = "/govgraph.v1.KnowledgeGraph/IngestReports";
constexpr char kQuery[] = "/govgraph.v1.KnowledgeGraph/FindPaths";
constexpr char kMerge[] = "/govgraph.v1.KnowledgeGraph/MergeEntities";
constexpr char kHealth[] = "/grpc.health.v1.Health/Check";

// A table holding "r-token" (reader), "w-token" (writer), "a-token" (admin).
TokenTable ThreeRoles() {
  absl::StatusOr<TokenTable> table = TokenTable::Parse(absl::StrCat(
      "# govgraph tokens\n\n", HashToken("r-token"), " reader analysts\n", "  ",
      HashToken("w-token"), "\twriter  ingest service\n", HashToken("a-token"),
      " admin\n"));
  EXPECT_TRUE(table.ok()) << table.status();
  return table.ok() ? *std::move(table) : TokenTable();
}

absl::StatusCode Code(const TokenTable& tokens, absl::string_view method,
                      absl::string_view authorization) {
  return Authorize(tokens, method, authorization).code();
}

TEST(HashTokenTest, IsTheSha256InLowercaseHex) {
  EXPECT_EQ(HashToken("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(TokenTableTest, ParsesRolesSkippingCommentsAndBlankLines) {
  const TokenTable table = ThreeRoles();
  EXPECT_EQ(table.size(), 3u);
  EXPECT_THAT(table.RoleOf("r-token"), Optional(Role::kReader));
  EXPECT_THAT(table.RoleOf("w-token"), Optional(Role::kWriter));
  EXPECT_THAT(table.RoleOf("a-token"), Optional(Role::kAdmin));
  EXPECT_EQ(table.RoleOf("x-token"), std::nullopt);
  // The hash itself is not a token.
  EXPECT_EQ(table.RoleOf(HashToken("r-token")), std::nullopt);
}

TEST(TokenTableTest, MalformedLinesAreNamed) {
  const std::string hash = HashToken("t");
  const struct {
    std::string text;
    std::string error;
  } cases[] = {
      {hash, "line 1: expected"},
      {absl::StrCat("#\n", hash.substr(1), " reader"), "line 2: the hash"},
      {absl::StrCat(absl::AsciiStrToUpper(hash), " reader"),
       "line 1: the hash"},
      {absl::StrCat(hash, " root"), "unknown role \"root\""},
      {absl::StrCat(hash, " Reader"), "unknown role"},
      {absl::StrCat(hash, " reader\n", hash, " admin"), "line 2: this hash"},
  };
  for (const auto& c : cases) {
    absl::StatusOr<TokenTable> table = TokenTable::Parse(c.text);
    EXPECT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument)
        << c.text;
    EXPECT_THAT(table.status().message(), HasSubstr(c.error)) << c.text;
  }
}

TEST(TokenTableTest, LoadReadsAFile) {
  const std::string path = ::testing::TempDir() + "govgraph_tokens_test.txt";
  {
    std::ofstream out(path);
    out << HashToken("w-token") << " writer\n";
  }
  absl::StatusOr<TokenTable> table = TokenTable::Load(path);
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_THAT(table->RoleOf("w-token"), Optional(Role::kWriter));
  {
    std::ofstream out(path, std::ios::trunc);
    out << "nonsense\n";
  }
  table = TokenTable::Load(path);
  EXPECT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(table.status().message(), HasSubstr(path));
  { std::ofstream out(path, std::ios::trunc); }
  table = TokenTable::Load(path);
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(table->size(), 0u);
  std::remove(path.c_str());
  EXPECT_EQ(TokenTable::Load(path).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(RequiredRoleTest, KnownMethodsHaveTheirRoleUnknownOnesNone) {
  EXPECT_THAT(*RequiredRole(kQuery), Optional(Role::kReader));
  EXPECT_THAT(*RequiredRole(kIngest), Optional(Role::kWriter));
  EXPECT_THAT(*RequiredRole(kMerge), Optional(Role::kAdmin));
  EXPECT_EQ(*RequiredRole(kHealth), std::nullopt);
  EXPECT_EQ(RequiredRole("/govgraph.v1.KnowledgeGraph/DropAll").status().code(),
            absl::StatusCode::kNotFound);
}

// The whole table, written out: a method given the wrong role fails here.
TEST(RequiredRoleTest, EveryMethodHasTheRoleTheReadmeDocuments) {
  const std::string kg = "/govgraph.v1.KnowledgeGraph/";
  for (const char* method :
       {"GetEntity", "ListRelations", "ListEvidence", "SearchEntities",
        "GetStats", "ListPositions", "ListCoAttendees", "ListMeetings",
        "ListDirectives", "FindPaths", "Traverse", "ExportSubgraph",
        "ExportGraph", "ListAudit", "Extract"}) {
    EXPECT_THAT(*RequiredRole(kg + method), Optional(Role::kReader)) << method;
  }
  for (const char* method : {"IngestFacts", "IngestReport", "IngestReports",
                             "DeleteReport", "ImportGraph"}) {
    EXPECT_THAT(*RequiredRole(kg + method), Optional(Role::kWriter)) << method;
  }
  for (const char* method :
       {"MergeEntities", "SplitEntity", "UndoCuration", "CreateBackup"}) {
    EXPECT_THAT(*RequiredRole(kg + method), Optional(Role::kAdmin)) << method;
  }
  EXPECT_THAT(
      *RequiredRole(
          "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"),
      Optional(Role::kReader));
}

TEST(AuthorizeTest, EachRoleMayDoItsOwnAndTheLowerRolesCalls) {
  const TokenTable tokens = ThreeRoles();
  EXPECT_EQ(Code(tokens, kQuery, "Bearer r-token"), absl::StatusCode::kOk);
  EXPECT_EQ(Code(tokens, kIngest, "Bearer r-token"),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(Code(tokens, kMerge, "Bearer r-token"),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(Code(tokens, kQuery, "Bearer w-token"), absl::StatusCode::kOk);
  EXPECT_EQ(Code(tokens, kIngest, "Bearer w-token"), absl::StatusCode::kOk);
  EXPECT_EQ(Code(tokens, kMerge, "Bearer w-token"),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(Code(tokens, kQuery, "Bearer a-token"), absl::StatusCode::kOk);
  EXPECT_EQ(Code(tokens, kIngest, "Bearer a-token"), absl::StatusCode::kOk);
  EXPECT_EQ(Code(tokens, kMerge, "Bearer a-token"), absl::StatusCode::kOk);
  const absl::Status denied = Authorize(tokens, kIngest, "Bearer r-token");
  EXPECT_THAT(denied.message(), HasSubstr("needs the writer role"));
  EXPECT_THAT(denied.message(), ::testing::Not(HasSubstr("r-token")));
}

TEST(AuthorizeTest, MissingMalformedOrUnknownTokensAreUnauthenticated) {
  const TokenTable tokens = ThreeRoles();
  for (absl::string_view value :
       {"", "r-token", "Basic r-token", "bearer r-token", "Bearer ",
        "Bearer x-token", "Bearer  r-token"}) {
    const absl::Status status = Authorize(tokens, kQuery, value);
    EXPECT_EQ(status.code(), absl::StatusCode::kUnauthenticated) << value;
    EXPECT_THAT(status.message(), ::testing::Not(HasSubstr("r-token")));
  }
}

TEST(AuthorizeTest, HealthNeedsNoTokenUnknownMethodsAreDenied) {
  const TokenTable tokens = ThreeRoles();
  EXPECT_EQ(Code(tokens, kHealth, ""), absl::StatusCode::kOk);
  EXPECT_EQ(Code(tokens, "/grpc.health.v1.Health/Watch", "Bearer nope"),
            absl::StatusCode::kOk);
  EXPECT_EQ(
      Code(tokens, "/govgraph.v1.KnowledgeGraph/DropAll", "Bearer a-token"),
      absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(Code(tokens, "", "Bearer a-token"),
            absl::StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace govgraph::auth
