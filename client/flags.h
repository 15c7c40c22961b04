// Command-line flags of the govgraph CLI. absl flags are process-wide; each
// subcommand reads only the flags it documents, and govgraph.cc rejects the
// others. Only client/ and server/main.cc define flags.
#ifndef GOVGRAPH_CLIENT_FLAGS_H_
#define GOVGRAPH_CLIENT_FLAGS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/status/statusor.h"

// Global flags.
ABSL_DECLARE_FLAG(std::string, addr);
ABSL_DECLARE_FLAG(bool, json);
ABSL_DECLARE_FLAG(std::string, output);
ABSL_DECLARE_FLAG(double, timeout);
ABSL_DECLARE_FLAG(std::string, token);
ABSL_DECLARE_FLAG(std::string, tls_ca);
ABSL_DECLARE_FLAG(std::string, tls_cert);
ABSL_DECLARE_FLAG(std::string, tls_key);

// Per-command flags.
ABSL_DECLARE_FLAG(std::string, type);
ABSL_DECLARE_FLAG(std::string, direction);
ABSL_DECLARE_FLAG(std::string, kind);
ABSL_DECLARE_FLAG(int32_t, page_size);
ABSL_DECLARE_FLAG(std::string, page_token);
ABSL_DECLARE_FLAG(bool, all);
ABSL_DECLARE_FLAG(std::string, relation);
ABSL_DECLARE_FLAG(std::string, published);
ABSL_DECLARE_FLAG(std::string, id_prefix);
ABSL_DECLARE_FLAG(std::string, as_of);
ABSL_DECLARE_FLAG(std::string, role);
ABSL_DECLARE_FLAG(std::string, reason);
ABSL_DECLARE_FLAG(std::string, curator);
ABSL_DECLARE_FLAG(std::string, reports);
ABSL_DECLARE_FLAG(std::string, name);
ABSL_DECLARE_FLAG(std::string, from);
ABSL_DECLARE_FLAG(std::string, to);
ABSL_DECLARE_FLAG(int32_t, meetings);
ABSL_DECLARE_FLAG(bool, sub_units);
ABSL_DECLARE_FLAG(int32_t, max_depth);
ABSL_DECLARE_FLAG(std::string, types);
ABSL_DECLARE_FLAG(bool, directed);
ABSL_DECLARE_FLAG(int32_t, max_paths);
ABSL_DECLARE_FLAG(int32_t, max_hops);
ABSL_DECLARE_FLAG(std::string, kinds);
ABSL_DECLARE_FLAG(int32_t, limit);
ABSL_DECLARE_FLAG(int32_t, k);
ABSL_DECLARE_FLAG(bool, evidence);
ABSL_DECLARE_FLAG(bool, words);
ABSL_DECLARE_FLAG(std::string, nodes);
ABSL_DECLARE_FLAG(std::string, edges);
ABSL_DECLARE_FLAG(std::string, source);
ABSL_DECLARE_FLAG(std::string, jsonl);
ABSL_DECLARE_FLAG(std::string, format);
ABSL_DECLARE_FLAG(std::string, out);

namespace govgraph::client {

// Checks the flags in argv[1, argc) before absl::ParseCommandLine sees them,
// so that an unknown flag or an unparsable value is a usage error (exit 2)
// instead of absl's exit 1. Accepts --name=value, --name value (non-bool),
// --name and --noname (bool), with one or two dashes; stops at "--".
// Returns the names of the flags present, in order, or kInvalidArgument
// naming the first bad flag. `argv` is not modified.
absl::StatusOr<std::vector<std::string>> CheckFlags(int argc, char** argv);

}  // namespace govgraph::client

#endif  // GOVGRAPH_CLIENT_FLAGS_H_
