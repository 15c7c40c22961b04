// The IngestReports stream: reports are extracted several at once (the
// pure first step), then written one by one in request order (so a stream
// writes exactly what its reports, applied in order, say: a report sent
// twice ends as its later version) and acknowledged in that order. The
// reports written while earlier ones were being acknowledged share one
// sync (group commit): none is acknowledged before it is durable.
#ifndef GOVGRAPH_SERVER_SERVICE_INGEST_STREAM_H_
#define GOVGRAPH_SERVER_SERVICE_INGEST_STREAM_H_

#include <functional>

#include "absl/status/status.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/sync_stream.h"

namespace govgraph::service {

// The second step of one report: writes it, visible but not necessarily
// durable, and returns its acknowledgement.
using FinishFn = std::function<v1::IngestReportsResponse()>;
// The first step: may run on any thread, must not write.
using PrepareFn = std::function<FinishFn(const v1::IngestReportRequest&)>;
// Makes every write finished so far durable.
using SyncFn = std::function<absl::Status()>;

// Reads `stream` to its end and runs `prepare` on each request (up to
// `window` at once). In request order, runs the FinishFn of every report
// prepared so far, then `sync`, then writes their acknowledgements; if
// `sync` fails, each acknowledgement that said OK carries its error
// instead. Returns CANCELLED if the client cancels; stops reading when the
// client stops reading acknowledgements. Every report started has finished
// (written or failed) when it returns.
grpc::Status RunIngestStream(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<v1::IngestReportsResponse,
                             v1::IngestReportRequest>* stream,
    int window, const PrepareFn& prepare, const SyncFn& sync);

}  // namespace govgraph::service

#endif  // GOVGRAPH_SERVER_SERVICE_INGEST_STREAM_H_
