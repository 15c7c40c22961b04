// Walking a paginated List RPC from the CLI: one page, or with --all every
// page until next_page_token is empty.
#ifndef GOVGRAPH_CLIENT_COMMANDS_PAGING_H_
#define GOVGRAPH_CLIENT_COMMANDS_PAGING_H_

#include <cstdint>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "client/commands/call.h"
#include "client/commands/command.h"
#include "client/commands/enum_args.h"
#include "client/commands/output.h"
#include "client/commands/rpc.h"
#include "client/commands/table.h"
#include "client/flags.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"

namespace govgraph::client {

// A unary KnowledgeGraph RPC whose response carries next_page_token.
template <typename Request, typename Response>
using PagedCall = UnaryCall<Request, Response>;

// Sets `request`'s page_size and page_token from --page_size and
// --page_token. Returns kInvalidArgument for a negative --page_size.
template <typename Request>
absl::Status SetPaging(Request* request) {
  const int32_t page_size = absl::GetFlag(FLAGS_page_size);
  absl::Status size_ok = CheckPageSize(page_size);
  if (!size_ok.ok()) return size_ok;
  request->set_page_size(page_size);
  request->set_page_token(absl::GetFlag(FLAGS_page_token));
  return absl::OkStatus();
}

// Calls `call` from `request`'s page token: once, or (with `all`) until
// next_page_token is empty. With --json each page is printed as it arrives;
// otherwise `add_rows` adds its rows to `table`. Leaves the last
// next_page_token in `request`. Returns the first failed call's status, or
// INTERNAL if the server hands back the token it was given.
template <typename Request, typename Response>
grpc::Status FetchPages(const CommandContext& context, bool all,
                        PagedCall<Request, Response> call,
                        void (*add_rows)(const Response&, Table*),
                        Request* request, Table* table) {
  v1::KnowledgeGraph::Stub stub(context.channel);
  do {
    Response response;
    grpc::ClientContext rpc;
    SetTimeout(context.timeout, &rpc);
    grpc::Status status = (stub.*call)(&rpc, *request, &response);
    if (!status.ok()) return status;
    if (!context.json) {
      add_rows(response, table);
    } else if (PrintJson(response) != kExitOk) {
      return grpc::Status(grpc::StatusCode::INTERNAL, "unprintable response");
    }
    if (!response.next_page_token().empty() &&
        response.next_page_token() == request->page_token()) {
      return grpc::Status(grpc::StatusCode::INTERNAL,
                          "server repeated page token; stopping");
    }
    request->set_page_token(response.next_page_token());
  } while (all && !request->page_token().empty());
  return grpc::Status::OK;
}

// A whole listing command: FetchPages with --all, then (without --json)
// `table` and the next page token, if any. A `request` that is not OK (bad
// flags) is a usage error. Returns the exit code.
template <typename Request, typename Response>
int ListPages(const CommandContext& context, PagedCall<Request, Response> call,
              void (*add_rows)(const Response&, Table*),
              absl::StatusOr<Request> request, Table table) {
  if (!request.ok()) return UsageError(request.status().message());
  const grpc::Status status = FetchPages(context, absl::GetFlag(FLAGS_all),
                                         call, add_rows, &*request, &table);
  if (!status.ok()) return ReportRpcError(status);
  if (context.json) return kExitOk;
  table.Print(std::cout);
  if (!request->page_token().empty()) {
    std::cout << "next_page_token: " << request->page_token() << "\n";
  }
  return kExitOk;
}

}  // namespace govgraph::client

#endif  // GOVGRAPH_CLIENT_COMMANDS_PAGING_H_
