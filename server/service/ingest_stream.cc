#include "server/service/ingest_stream.h"

#include <deque>
#include <future>
#include <thread>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

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

  // Finishes the reports in order and writes their acknowledgements, until
  // closed and empty. After a failed write (the client went away) the rest
  // are dropped unwritten: none of them was acknowledged.
  void Acknowledge(Stream* stream) ABSL_LOCKS_EXCLUDED(mu_) {
    while (true) {
      std::future<FinishFn>* next = nullptr;
      {
        absl::MutexLock lock(&mu_);
        const auto ready = [&]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
          return closed_ || !pending_.empty();
        };
        mu_.Await(absl::Condition(&ready));
        if (pending_.empty()) return;
        next = &pending_.front();  // Only this thread pops.
      }
      const FinishFn finish = next->get();  // Waits for the extraction.
      const bool written = !IsBroken() && stream->Write(finish());
      absl::MutexLock lock(&mu_);
      if (!written) broken_ = true;
      pending_.pop_front();
    }
  }

 private:
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
                             int window, const PrepareFn& prepare) {
  Window pending(window);
  std::thread acknowledger([&] { pending.Acknowledge(stream); });
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
