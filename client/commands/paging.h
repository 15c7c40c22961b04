// Walking a paginated List RPC from the CLI: one page, or with --all every
// page until next_page_token is empty.
#ifndef GOVGRAPH_CLIENT_COMMANDS_PAGING_H_
#define GOVGRAPH_CLIENT_COMMANDS_PAGING_H_

#include "client/commands/command.h"
#include "client/commands/output.h"
#include "client/commands/rpc.h"
#include "client/commands/table.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"

namespace govgraph::client {

// A unary KnowledgeGraph RPC whose response carries next_page_token.
template <typename Request, typename Response>
using PagedCall = grpc::Status (v1::KnowledgeGraph::Stub::*)(
    grpc::ClientContext*, const Request&, Response*);

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

}  // namespace govgraph::client

#endif  // GOVGRAPH_CLIENT_COMMANDS_PAGING_H_
