// What request_fuzzer knows of each client RPC of govgraph.v1.KnowledgeGraph
// (docs/api.md): its streaming shape, whether it writes, and the status
// codes it documents. Also valid requests of every RPC, as fuzz seeds.
#ifndef GOVGRAPH_TESTS_FUZZ_REQUEST_RPCS_H_
#define GOVGRAPH_TESTS_FUZZ_REQUEST_RPCS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace govgraph::fuzz {

enum class RpcShape {
  kUnary,
  kServerStream,  // One request, a stream of responses.
  kClientStream,  // A stream of requests, one response.
  kBidiStream,
};

struct RpcInfo {
  const char* name;  // Method name, e.g. "GetEntity".
  RpcShape shape;
  // True if a successful call may change the store (or the disk).
  bool writes;
  // The codes the RPC documents, OK included. Never UNKNOWN or INTERNAL.
  std::vector<grpc::StatusCode> codes;
};

// Every RPC a client can call, in a fixed order (an input's selector byte
// indexes it, modulo its size). Never empty.
const std::vector<RpcInfo>& Rpcs();

// "/govgraph.v1.KnowledgeGraph/<name>".
std::string MethodPath(const RpcInfo& rpc);

// True if `code` is among `rpc.codes`.
bool IsDocumented(const RpcInfo& rpc, grpc::StatusCode code);

// One call of an input: the RPC's index in Rpcs() and its serialized
// request messages (exactly one unless the RPC takes a client stream).
struct FuzzCall {
  size_t rpc = 0;
  std::vector<std::string> messages;
};

// The input format, for libFuzzer's byte strings:
//   input   := call{0..kMaxCalls}          (bytes after the last are unused)
//   call    := selector:u8 length:u16le payload[length]
//   payload := one request message, or for a client-streaming RPC
//              (length:u16le message[length]){0..kMaxMessages}
// A length beyond the bytes left takes the bytes left.
inline constexpr size_t kMaxCalls = 4;
inline constexpr size_t kMaxMessages = 8;
std::vector<FuzzCall> ParseInput(const std::string& input);
std::string SerializeInput(const std::vector<FuzzCall>& calls);

// Valid inputs against the seeded graph (service_stack.h's DanVanReport):
// each RPC called with a request that succeeds, plus a few sequences
// (ingest then query, merge then undo). Named for file names.
struct Seed {
  std::string name;
  std::string input;
};
std::vector<Seed> Seeds();

// Writes Seeds() into `dir` (created if missing), one file each.
absl::Status WriteSeeds(const std::string& dir);

}  // namespace govgraph::fuzz

#endif  // GOVGRAPH_TESTS_FUZZ_REQUEST_RPCS_H_
