#include "server/auth/tokens.h"

#include <fstream>
#include <iterator>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/common/digest.h"

namespace govgraph::auth {
namespace {

constexpr absl::string_view kBearer = "Bearer ";

struct MethodRole {
  absl::string_view method;
  std::optional<Role> role;
};

// Every method the server serves. A new RPC must be added here, or its
// calls are refused (tests/auth checks the KnowledgeGraph service).
constexpr MethodRole kMethodRoles[] = {
    {"/grpc.health.v1.Health/Check", std::nullopt},
    {"/grpc.health.v1.Health/Watch", std::nullopt},
    {"/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
     Role::kReader},
    {"/govgraph.v1.KnowledgeGraph/GetEntity", Role::kReader},
    {"/govgraph.v1.KnowledgeGraph/ListRelations", Role::kReader},
    {"/govgraph.v1.KnowledgeGraph/ListEvidence", Role::kReader},
    {"/govgraph.v1.KnowledgeGraph/SearchEntities", Role::kReader},
    {"/govgraph.v1.KnowledgeGraph/GetStats", Role::kReader},
    {"/govgraph.v1.KnowledgeGraph/ListPositions", Role::kReader},
    {"/govgraph.v1.KnowledgeGraph/ListCoAttendees", Role::kReader},
    {"/govgraph.v1.KnowledgeGraph/ListMeetings", Role::kReader},
    {"/govgraph.v1.KnowledgeGraph/ListDirectives", Role::kReader},
    {"/govgraph.v1.KnowledgeGraph/FindPaths", Role::kReader},
    {"/govgraph.v1.KnowledgeGraph/Traverse", Role::kReader},
    {"/govgraph.v1.KnowledgeGraph/ExportSubgraph", Role::kReader},
    {"/govgraph.v1.KnowledgeGraph/ExportGraph", Role::kReader},
    {"/govgraph.v1.KnowledgeGraph/ListAudit", Role::kReader},
    {"/govgraph.v1.KnowledgeGraph/Extract", Role::kReader},
    {"/govgraph.v1.KnowledgeGraph/IngestFacts", Role::kWriter},
    {"/govgraph.v1.KnowledgeGraph/IngestReport", Role::kWriter},
    {"/govgraph.v1.KnowledgeGraph/IngestReports", Role::kWriter},
    {"/govgraph.v1.KnowledgeGraph/DeleteReport", Role::kWriter},
    {"/govgraph.v1.KnowledgeGraph/ImportGraph", Role::kWriter},
    {"/govgraph.v1.KnowledgeGraph/MergeEntities", Role::kAdmin},
    {"/govgraph.v1.KnowledgeGraph/SplitEntity", Role::kAdmin},
    {"/govgraph.v1.KnowledgeGraph/UndoCuration", Role::kAdmin},
    {"/govgraph.v1.KnowledgeGraph/CreateBackup", Role::kAdmin},
};

std::optional<Role> ParseRole(absl::string_view name) {
  for (Role role : {Role::kReader, Role::kWriter, Role::kAdmin}) {
    if (name == RoleName(role)) return role;
  }
  return std::nullopt;
}

bool IsSha256Hex(absl::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!absl::ascii_isdigit(c) && (c < 'a' || c > 'f')) return false;
  }
  return true;
}

}  // namespace

absl::string_view RoleName(Role role) {
  switch (role) {
    case Role::kReader:
      return "reader";
    case Role::kWriter:
      return "writer";
    case Role::kAdmin:
      return "admin";
  }
  return "unknown";
}

std::string HashToken(absl::string_view token) { return Sha256Hex(token); }

absl::StatusOr<TokenTable> TokenTable::Parse(absl::string_view text) {
  TokenTable table;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || absl::StartsWith(line, "#")) continue;
    const std::vector<absl::string_view> fields =
        absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    const auto error = [&](absl::string_view what) {
      return absl::InvalidArgumentError(
          absl::StrCat("token file line ", line_number, ": ", what));
    };
    if (fields.size() < 2) return error("expected \"<sha256-hex> <role>\"");
    if (!IsSha256Hex(fields[0])) {
      return error("the hash is not 64 lowercase hex digits");
    }
    const std::optional<Role> role = ParseRole(fields[1]);
    if (!role.has_value()) {
      return error(absl::StrCat("unknown role \"", fields[1],
                                "\" (reader, writer or admin)"));
    }
    if (!table.roles_.emplace(std::string(fields[0]), *role).second) {
      return error("this hash is given twice");
    }
  }
  return table;
}

absl::StatusOr<TokenTable> TokenTable::Load(const std::string& path) {
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)),
                         std::istreambuf_iterator<char>());
  if (!in.is_open() || in.bad()) {
    return absl::NotFoundError(absl::StrCat("cannot read token file ", path));
  }
  absl::StatusOr<TokenTable> table = Parse(text);
  if (!table.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": ", table.status().message()));
  }
  return table;
}

std::optional<Role> TokenTable::RoleOf(absl::string_view token) const {
  auto it = roles_.find(HashToken(token));
  if (it == roles_.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<std::optional<Role>> RequiredRole(absl::string_view method) {
  for (const MethodRole& entry : kMethodRoles) {
    if (entry.method == method) return entry.role;
  }
  return absl::NotFoundError(absl::StrCat("unknown method ", method));
}

absl::Status Authorize(const TokenTable& tokens, absl::string_view method,
                       absl::string_view authorization) {
  absl::StatusOr<std::optional<Role>> required = RequiredRole(method);
  if (!required.ok()) {
    return absl::PermissionDeniedError(required.status().message());
  }
  if (!required->has_value()) return absl::OkStatus();
  if (!absl::StartsWith(authorization, kBearer)) {
    return absl::UnauthenticatedError(
        "this server needs a bearer token (authorization: Bearer <token>)");
  }
  const std::optional<Role> role =
      tokens.RoleOf(authorization.substr(kBearer.size()));
  if (!role.has_value()) {
    return absl::UnauthenticatedError("unknown bearer token");
  }
  if (*role < **required) {
    return absl::PermissionDeniedError(
        absl::StrCat(method, " needs the ", RoleName(**required),
                     " role; this token has ", RoleName(*role)));
  }
  return absl::OkStatus();
}

}  // namespace govgraph::auth
