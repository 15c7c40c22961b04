// libFuzzer target for the request decoding and validation of every client
// RPC: an input is a few calls (request_rpcs.h has the format), each sent as
// raw bytes through the real stack (service_stack.h: gRPC server, service,
// cores, RocksDB in a temp dir), which holds a small seeded graph. Under
// ASan and UBSan it checks on every call that:
//   - the status code is one the RPC documents (request_rpcs.cc), so never
//     UNKNOWN and never INTERNAL; IngestReports' acknowledgements too;
//   - a write that fails leaves the store's counts (GetStats) unchanged.
// The store starts as the seeded graph and keeps what inputs write until
// kResetAfter inputs have written, then it is recreated (reopening the
// stack takes a few hundred ms, reads a few ms): its size stays bounded.
// So a failure may depend on earlier inputs; it names how many wrote since
// the seeding, and if that is not 0 the failing input may not fail alone.
// CreateBackup's absolute dirs are redirected into the temp dir.
//
// `request_fuzzer --write_seeds DIR` writes valid inputs of every RPC
// (Seeds()) into DIR, runs each on the seeded graph and prints its codes,
// and exits; it fails unless every call of every seed succeeds. With env
// REQUEST_FUZZER_VERBOSE set, every call's status is printed.
#include <stdlib.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/stubs/logging.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/impl/codegen/rpc_method.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/sync_stream.h"
#include "tests/fuzz/request_rpcs.h"
#include "tests/service/service_stack.h"

namespace govgraph::fuzz {
namespace {

using service::testing::ServiceStack;

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "request_fuzzer: %s\n", what.c_str());
  std::abort();
}

std::chrono::system_clock::time_point Deadline() {
  // Far beyond any call on the small graph; libFuzzer's -timeout is the
  // real guard.
  return std::chrono::system_clock::now() + std::chrono::seconds(20);
}

struct Outcome {
  grpc::Status status;
  std::vector<std::string> responses;  // Serialized, in order.
};

// Sends `messages` on one stream of `path` and half-closes, while another
// thread reads every response (as docs/api.md asks of IngestReports'
// clients: the in-process transport buffers nothing, so a client that
// wrote everything before reading could block the server's writes).
// Serves every streaming shape: the wire is the same.
Outcome StreamCall(const std::shared_ptr<grpc::Channel>& channel,
                   const std::string& path,
                   const std::vector<std::string>& messages) {
  grpc::ClientContext context;
  context.set_deadline(Deadline());
  const grpc::internal::RpcMethod method(
      path.c_str(), grpc::internal::RpcMethod::BIDI_STREAMING);
  std::unique_ptr<grpc::ClientReaderWriter<grpc::ByteBuffer, grpc::ByteBuffer>>
      stream(grpc::internal::ClientReaderWriterFactory<
             grpc::ByteBuffer, grpc::ByteBuffer>::Create(channel.get(), method,
                                                         &context));
  Outcome outcome;
  std::thread reader([&stream, &outcome] {
    grpc::ByteBuffer response;
    while (stream->Read(&response)) {
      outcome.responses.push_back(service::testing::BytesOf(response));
    }
  });
  for (const std::string& message : messages) {
    grpc::Slice slice(message);
    grpc::ByteBuffer buffer(&slice, 1);
    if (!stream->Write(buffer)) break;
  }
  stream->WritesDone();
  reader.join();
  outcome.status = stream->Finish();
  return outcome;
}

// Fails unless Rpcs() lists every method of the service, so that a new RPC
// is not left out of the fuzzing unnoticed.
void CheckEveryRpcListed() {
  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          v1::KnowledgeGraph::service_full_name());
  for (int i = 0; i < service->method_count(); ++i) {
    bool listed = false;
    for (const RpcInfo& rpc : Rpcs()) {
      listed |= service->method(i)->name() == rpc.name;
    }
    if (!listed) Fail("Rpcs() lacks " + service->method(i)->name());
  }
}

// The stack in a temp dir (db/ the store, backup/ CreateBackup's target),
// seeded with DanVanReport. Not thread-safe.
class Harness {
 public:
  Harness() {
    CheckEveryRpcListed();
    std::string pattern = (std::filesystem::temp_directory_path() /
                           "govgraph_request_fuzzer_XXXXXX")
                              .string();
    if (mkdtemp(pattern.data()) == nullptr) Fail("mkdtemp failed");
    root_ = pattern;
    Open();
  }
  ~Harness() {
    Close();
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }

  // Recreates the store as the seeded graph.
  void Reset() {
    Close();
    Open();
  }

  // Runs `calls` in order, checking each; returns their codes.
  std::vector<grpc::StatusCode> Run(const std::vector<FuzzCall>& calls) {
    std::vector<grpc::StatusCode> codes;
    bool dirty = false;
    for (const FuzzCall& call : calls) {
      codes.push_back(RunCall(call, &dirty));
    }
    if (dirty && ++dirty_inputs_ >= kResetAfter) Reset();
    return codes;
  }

 private:
  void Open() {
    std::error_code error;
    std::filesystem::create_directories(root_ + "/db", error);
    if (error) Fail("cannot create " + root_ + "/db: " + error.message());
    absl::StatusOr<std::unique_ptr<ServiceStack>> stack =
        ServiceStack::Open(root_ + "/db");
    if (!stack.ok()) {
      Fail("cannot open the stack: " + stack.status().ToString());
    }
    stack_ = *std::move(stack);
    stub_ = v1::KnowledgeGraph::NewStub(stack_->channel());
    const service::testing::RawReply seeded = service::testing::CallRaw(
        stack_->channel(), "/govgraph.v1.KnowledgeGraph/IngestFacts",
        service::testing::DanVanReport().SerializeAsString());
    if (!seeded.status.ok()) Fail("seeding: " + seeded.status.error_message());
    counts_ = Counts();
    dirty_inputs_ = 0;
  }

  // Shuts the stack down and removes its files; a closed harness can only
  // be reopened or destroyed.
  void Close() {
    stub_.reset();
    stack_.reset();
    std::error_code error;
    std::filesystem::remove_all(root_ + "/db", error);
    std::filesystem::remove_all(root_ + "/backup", error);
  }

  // GetStats without disk_bytes, as text.
  std::string Counts() {
    grpc::ClientContext context;
    context.set_deadline(Deadline());
    v1::GetStatsResponse stats;
    const grpc::Status status =
        stub_->GetStats(&context, v1::GetStatsRequest(), &stats);
    if (!status.ok()) Fail("GetStats: " + status.error_message());
    stats.clear_disk_bytes();
    return stats.ShortDebugString();
  }

  // CreateBackup's absolute dir, whatever it is, becomes root_/backup.
  std::string Redirected(const RpcInfo& rpc, const std::string& message) {
    v1::CreateBackupRequest request;
    if (std::strcmp(rpc.name, "CreateBackup") != 0 ||
        !request.ParseFromString(message) ||
        !absl::StartsWith(request.dir(), "/")) {
      return message;
    }
    request.set_dir(root_ + "/backup");
    return request.SerializeAsString();
  }

  Outcome Send(const RpcInfo& rpc, const FuzzCall& call) {
    const std::string path = MethodPath(rpc);
    if (rpc.shape != RpcShape::kUnary) {
      return StreamCall(stack_->channel(), path, call.messages);
    }
    service::testing::RawReply reply = service::testing::CallRaw(
        stack_->channel(), path, Redirected(rpc, call.messages.front()));
    return Outcome{reply.status, {reply.bytes}};
  }

  // Checks IngestReports' acknowledgements; true if one wrote.
  bool CheckAcks(const RpcInfo& rpc, const Outcome& outcome) const {
    bool wrote = false;
    for (const std::string& bytes : outcome.responses) {
      v1::IngestReportsResponse ack;
      if (!ack.ParseFromString(bytes)) FailIn("unparseable acknowledgement");
      const auto code = static_cast<grpc::StatusCode>(ack.code());
      if (!IsDocumented(rpc, code)) {
        FailIn(
            absl::StrCat("IngestReports acknowledged with undocumented code ",
                         ack.code(), ": ", ack.message()));
      }
      wrote |= code == grpc::StatusCode::OK;
    }
    return wrote;
  }

  // Fails with `what` and the state it happened in.
  [[noreturn]] void FailIn(const std::string& what) const {
    Fail(absl::StrCat(what, " (", dirty_inputs_,
                      " earlier inputs wrote since the seeding)"));
  }

  grpc::StatusCode RunCall(const FuzzCall& call, bool* dirty) {
    const RpcInfo& rpc = Rpcs()[call.rpc];
    const Outcome outcome = Send(rpc, call);
    const grpc::StatusCode code = outcome.status.error_code();
    if (verbose_) {
      std::fprintf(stderr, "request_fuzzer: %s -> %d %s\n", rpc.name, code,
                   outcome.status.error_message().c_str());
    }
    if (!IsDocumented(rpc, code)) {
      FailIn(absl::StrCat(rpc.name, " returned undocumented code ", code, ": ",
                          outcome.status.error_message()));
    }
    if (!rpc.writes) return code;
    bool wrote = code == grpc::StatusCode::OK;
    if (rpc.shape == RpcShape::kBidiStream) wrote = CheckAcks(rpc, outcome);
    if (wrote || std::strcmp(rpc.name, "CreateBackup") == 0) *dirty = true;
    if (wrote) {
      counts_ = Counts();
    } else if (const std::string now = Counts(); now != counts_) {
      FailIn(absl::StrCat(rpc.name, " failed with code ", code, " (",
                          outcome.status.error_message(),
                          ") but changed the store's counts from ", counts_,
                          " to ", now));
    }
    return code;
  }

  std::string root_;
  std::unique_ptr<ServiceStack> stack_;
  std::unique_ptr<v1::KnowledgeGraph::Stub> stub_;
  static constexpr int kResetAfter = 32;
  // Env REQUEST_FUZZER_VERBOSE set: print every call's status.
  const bool verbose_ = std::getenv("REQUEST_FUZZER_VERBOSE") != nullptr;
  std::string counts_;    // Counts() now.
  int dirty_inputs_ = 0;  // Inputs that wrote since the seeding.
};

Harness*& HarnessPointer() {
  static Harness* harness = nullptr;
  return harness;
}

// Created at first use. Destroyed at exit (RocksDB's background threads
// must stop before LeakSanitizer looks), before static destruction since
// registered later than gRPC's and libFuzzer's handlers.
Harness& GetHarness() {
  Harness*& harness = HarnessPointer();
  if (harness == nullptr) {
    harness = new Harness();
    std::atexit([] {
      delete HarnessPointer();
      HarnessPointer() = nullptr;
    });
  }
  return *harness;
}

// --write_seeds DIR (or --write_seeds=DIR): writes, runs and prints the
// seeds, then exits. Otherwise returns, leaving libFuzzer its flags.
void MaybeWriteSeeds(int argc, char** argv) {
  std::string dir;
  for (int i = 1; i < argc; ++i) {
    const absl::string_view arg = argv[i];
    if (arg == "--write_seeds" && i + 1 < argc) dir = argv[i + 1];
    if (absl::StartsWith(arg, "--write_seeds=")) {
      dir = std::string(arg.substr(strlen("--write_seeds=")));
    }
  }
  if (dir.empty()) return;
  const absl::Status written = WriteSeeds(dir);
  if (!written.ok()) Fail(written.ToString());
  for (const Seed& seed : Seeds()) {
    GetHarness().Reset();
    const std::vector<grpc::StatusCode> codes =
        GetHarness().Run(ParseInput(seed.input));
    std::printf("seed %s: codes %s\n", seed.name.c_str(),
                absl::StrJoin(codes, ",").c_str());
    for (grpc::StatusCode code : codes) {
      if (code != grpc::StatusCode::OK) Fail("seed " + seed.name + " failed");
    }
  }
  std::exit(0);
}

}  // namespace
}  // namespace govgraph::fuzz

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  // Protobuf logs every string field with invalid UTF-8 it refuses; the
  // refusal is what is checked.
  google::protobuf::SetLogHandler(nullptr);
  govgraph::fuzz::MaybeWriteSeeds(*argc, *argv);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  govgraph::fuzz::GetHarness().Run(govgraph::fuzz::ParseInput(input));
  return 0;
}
