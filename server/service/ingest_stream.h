// The IngestReports stream: reports are extracted several at once (the
// pure first step), then written one by one in request order (so a stream
// writes exactly what its reports, applied in order, say: a report sent
// twice ends as its later version) and acknowledged in that order.
#ifndef GOVGRAPH_SERVER_SERVICE_INGEST_STREAM_H_
#define GOVGRAPH_SERVER_SERVICE_INGEST_STREAM_H_

#include <functional>

#include "govgraph/v1/knowledge_graph.grpc.pb.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/sync_stream.h"

namespace govgraph::service {

// The second step of one report: writes it, returns its acknowledgement.
using FinishFn = std::function<v1::IngestReportsResponse()>;
// The first step: may run on any thread, must not write.
using PrepareFn = std::function<FinishFn(const v1::IngestReportRequest&)>;

// Reads `stream` to its end, runs `prepare` on each request (up to
// `window` at once), then each FinishFn in request order, writing each
// acknowledgement as soon as it is known. Returns CANCELLED if the client
// cancels; stops reading when the client stops reading acknowledgements.
// Every report started has finished (written or failed) when it returns.
grpc::Status RunIngestStream(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<v1::IngestReportsResponse,
                             v1::IngestReportRequest>* stream,
    int window, const PrepareFn& prepare);

}  // namespace govgraph::service

#endif  // GOVGRAPH_SERVER_SERVICE_INGEST_STREAM_H_
