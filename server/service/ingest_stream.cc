#include "server/service/ingest_stream.h"

#include <chrono>
#include <deque>
#include <future>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "server/service/status_mapping.h"

namespace govgraph::service {
namespace {

using Stream = grpc::ServerReaderWriter<v1::IngestReportsResponse,
                                        v1::IngestReportRequest>;

// The reports between reading and acknowledging, in request order.
class Window {
 public:
  explicit Window(int size) : size_(size) {}

  // Waits for room, then adds one; false if acknowledging has failed.
  bool Add(std::future<FinishFn> prepared) ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    const auto room = [&]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
      return broken_ || static_cast<int>(pending_.size()) < size_;
    };
    mu_.Await(absl::Condition(&room));
    if (broken_) return false;
    pending_.push_back(std::move(prepared));
    return true;
  }

  // No more reports will be added.
  void Close() ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    closed_ = true;
  }

  // Finishes the reports in order and writes their acknowledgements, a
  // group at a time, until closed and empty. After a failed write (the
  // client went away) the rest are dropped unwritten: none of them was
  // acknowledged.
  void Acknowledge(Stream* stream, const SyncFn& sync)
      ABSL_LOCKS_EXCLUDED(mu_) {
    while (true) {
      std::vector<std::future<FinishFn>*> group = NextGroup();
      if (group.empty()) return;
      std::vector<v1::IngestReportsResponse> acks;
      for (std::future<FinishFn>* prepared : group) {
        if (IsBroken()) break;
        acks.push_back(prepared->get()());
      }
      if (!acks.empty()) Synced(sync(), &acks);
      bool written = true;
      for (const v1::IngestReportsResponse& ack : acks) {
        written = written && !IsBroken() && stream->Write(ack);
      }
      absl::MutexLock lock(&mu_);
      if (!written) broken_ = true;
      for (size_t i = 0; i < group.size(); ++i) pending_.pop_front();
    }
  }

 private:
  // Waits for the first pending report's extraction, then returns it with
  // every later one already extracted, in order; empty once closed and
  // empty. Only the acknowledging thread pops, and pushing to a deque
  // leaves references to its elements valid.
  std::vector<std::future<FinishFn>*> NextGroup() ABSL_LOCKS_EXCLUDED(mu_) {
    std::future<FinishFn>* first = nullptr;
    {
      absl::MutexLock lock(&mu_);
      const auto ready = [&]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
        return closed_ || !pending_.empty();
      };
      mu_.Await(absl::Condition(&ready));
      if (pending_.empty()) return {};
      first = &pending_.front();
    }
    first->wait();
    std::vector<std::future<FinishFn>*> group;
    absl::MutexLock lock(&mu_);
    for (std::future<FinishFn>& prepared : pending_) {
      if (prepared.wait_for(std::chrono::seconds(0)) !=
          std::future_status::ready) {
        break;
      }
      group.push_back(&prepared);
    }
    return group;
  }

  // If `synced` failed, the acknowledgements that said OK say why.
  static void Synced(const absl::Status& synced,
                     std::vector<v1::IngestReportsResponse>* acks) {
    if (synced.ok()) return;
    const grpc::Status status = ToGrpcStatus(synced);
    for (v1::IngestReportsResponse& ack : *acks) {
      if (ack.code() != grpc::StatusCode::OK) continue;
      ack.set_code(status.error_code());
      ack.set_message(status.error_message());
      ack.clear_report();
    }
  }

  bool IsBroken() ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    return broken_;
  }

  const int size_;
  absl::Mutex mu_;
  std::deque<std::future<FinishFn>> pending_ ABSL_GUARDED_BY(mu_);
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
  bool broken_ ABSL_GUARDED_BY(mu_) = false;  // A write failed.
};

}  // namespace

grpc::Status RunIngestStream(grpc::ServerContext* context, Stream* stream,
                             int window, const PrepareFn& prepare,
                             const SyncFn& sync) {
  Window pending(window);
  std::thread acknowledger([&] { pending.Acknowledge(stream, sync); });
  bool cancelled = false;
  v1::IngestReportRequest request;
  while (stream->Read(&request)) {
    if (context->IsCancelled()) {
      cancelled = true;
      break;
    }
    std::future<FinishFn> prepared = std::async(
        std::launch::async, [&prepare, request] { return prepare(request); });
    if (!pending.Add(std::move(prepared))) break;
  }
  pending.Close();
  acknowledger.join();
  if (cancelled) {
    return grpc::Status(grpc::StatusCode::CANCELLED, "cancelled by client");
  }
  return grpc::Status::OK;
}

}  // namespace govgraph::service
