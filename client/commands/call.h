// One unary KnowledgeGraph call from the CLI: the deadline, the error line
// and the response printed as JSON or by the command's own printer.
#ifndef GOVGRAPH_CLIENT_COMMANDS_CALL_H_
#define GOVGRAPH_CLIENT_COMMANDS_CALL_H_

#include <iostream>
#include <string>

#include "client/commands/command.h"
#include "client/commands/output.h"
#include "client/commands/rpc.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"
#include "grpcpp/support/sync_stream.h"

namespace govgraph::client {

// A unary KnowledgeGraph RPC, e.g. &v1::KnowledgeGraph::Stub::GetEntity.
template <typename Request, typename Response>
using UnaryCall = grpc::Status (v1::KnowledgeGraph::Stub::*)(
    grpc::ClientContext*, const Request&, Response*);

// Calls `call` with `request` under context.timeout. On failure prints the
// error on stderr and returns kExitRpcError; otherwise prints the response
// (with --json as one JSON line, else with `print`) and returns kExitOk.
template <typename Request, typename Response>
int CallAndPrint(const CommandContext& context,
                 UnaryCall<Request, Response> call, const Request& request,
                 void (*print)(const Response&)) {
  v1::KnowledgeGraph::Stub stub(context.channel);
  Response response;
  grpc::ClientContext rpc;
  SetTimeout(context.timeout, &rpc);
  const grpc::Status status = (stub.*call)(&rpc, request, &response);
  if (!status.ok()) return ReportRpcError(status);
  if (context.json) return PrintJson(response);
  print(response);
  return kExitOk;
}

// Reads a server stream to its end, printing each message (one JSON line
// with --json, else `line(message)`). Returns kExitOk, or kExitRpcError
// after printing the stream's error.
template <typename Response>
int PrintStream(const CommandContext& context,
                grpc::ClientReader<Response>& reader,
                std::string (*line)(const Response&)) {
  Response message;
  while (reader.Read(&message)) {
    if (context.json) {
      PrintJson(message);
    } else {
      std::cout << line(message) << "\n";
    }
  }
  const grpc::Status status = reader.Finish();
  return status.ok() ? kExitOk : ReportRpcError(status);
}

}  // namespace govgraph::client

#endif  // GOVGRAPH_CLIENT_COMMANDS_CALL_H_
