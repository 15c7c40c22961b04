// Bearer-token authorisation, without gRPC: the roles, the token file and
// the role each RPC needs. The gRPC edge (service/auth_processor.h) hands
// every call's method path and `authorization` value to Authorize.
//
// Token file: one token per line, as `<sha256-hex> <role> [label...]`,
// where the hash is Sha256Hex of the token (`govgraph hash-token` prints
// it) and role is reader, writer or admin. Blank lines and lines starting
// with '#' are skipped. Tokens themselves are never stored or logged.
#ifndef GOVGRAPH_SERVER_AUTH_TOKENS_H_
#define GOVGRAPH_SERVER_AUTH_TOKENS_H_

#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace govgraph::auth {

// Each role may do everything the roles below it may.
enum class Role : int {
  kReader = 1,  // Queries.
  kWriter = 2,  // + ingest, import, delete report.
  kAdmin = 3,   // + merge, split, undo, backup.
};

absl::string_view RoleName(Role role);

// What the token file stores for `token`: its SHA-256, 64 lowercase hex
// digits.
std::string HashToken(absl::string_view token);

// The tokens a server accepts, by hash.
class TokenTable {
 public:
  // kInvalidArgument naming the line for a malformed line, an unknown role
  // or a hash given twice.
  static absl::StatusOr<TokenTable> Parse(absl::string_view text);
  // Parse of the file at `path`; kNotFound if it cannot be read.
  static absl::StatusOr<TokenTable> Load(const std::string& path);

  // The role of `token`; nullopt if the table does not hold it.
  std::optional<Role> RoleOf(absl::string_view token) const;

  size_t size() const { return roles_.size(); }

 private:
  absl::flat_hash_map<std::string, Role> roles_;  // By Sha256Hex(token).
};

// The role a call to `method` ("/package.Service/Method") needs: nullopt
// for the health service, which Kubernetes probes call without a token.
// kNotFound for a method this table does not know: such calls are refused.
absl::StatusOr<std::optional<Role>> RequiredRole(absl::string_view method);

// Whether a call to `method` with `authorization` metadata (empty if none)
// may run: OK; kUnauthenticated if the method needs a role and the value is
// not "Bearer <token>" with a token of `tokens`; kPermissionDenied if the
// token's role is below the method's, or the method is unknown.
absl::Status Authorize(const TokenTable& tokens, absl::string_view method,
                       absl::string_view authorization);

}  // namespace govgraph::auth

#endif  // GOVGRAPH_SERVER_AUTH_TOKENS_H_
