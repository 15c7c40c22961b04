// The govgraph subcommands. Each Run* function performs one subcommand
// against the server behind `context.channel`, prints its result on stdout
// (or an error on stderr) and returns the process exit code.
#ifndef GOVGRAPH_CLIENT_COMMANDS_COMMAND_H_
#define GOVGRAPH_CLIENT_COMMANDS_COMMAND_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "grpcpp/channel.h"

namespace govgraph::client {

// Process exit codes.
enum ExitCode : int {
  kExitOk = 0,
  // The RPC failed, or the server is not SERVING (health).
  kExitRpcError = 1,
  // Bad command line or unreadable/malformed input; nothing was sent.
  kExitUsage = 2,
};

// What every subcommand needs. The channel is shared and thread-safe.
struct CommandContext {
  std::shared_ptr<grpc::Channel> channel;
  // Print responses as one-line proto3 JSON instead of tables.
  bool json = false;
  // Deadline of each RPC, counted from its start.
  absl::Duration timeout = absl::Seconds(10);
};

// `args` are the subcommand's positional arguments; the caller has checked
// their number against the usage line in govgraph.cc.
using CommandFn = int (*)(const CommandContext& context,
                          const std::vector<std::string>& args);

// backup DIR: CreateBackup into DIR (on the server); prints the backup.
int RunBackup(const CommandContext& context,
              const std::vector<std::string>& args);
// hash-token: reads a token from stdin (its first line) and prints the
// line a server's --token_file needs for it, role left to fill in. Sends
// nothing.
int RunHashToken(const CommandContext& context,
                 const std::vector<std::string>& args);
// completion bash|zsh: prints the shell completion script; sends nothing.
int RunCompletion(const CommandContext& context,
                  const std::vector<std::string>& args);
// health: grpc.health.v1.Health/Check for service "". Exit 0 iff SERVING.
int RunHealth(const CommandContext& context,
              const std::vector<std::string>& args);
// ingest-facts FILE|-: sends an IngestFactsRequest read as proto3 JSON.
int RunIngestFacts(const CommandContext& context,
                   const std::vector<std::string>& args);
// extract FILE...: Extract per file; --json prints shared/eval/FORMAT.md
// lines, --published sets the date (else SOURCES.tsv beside the file).
int RunExtract(const CommandContext& context,
               const std::vector<std::string>& args);
// ingest FILE...|DIR...: IngestReports over the .txt files, --id_prefix,
// --published; exit 1 if any report failed.
int RunIngest(const CommandContext& context,
              const std::vector<std::string>& args);
// delete-report REPORT_ID: DeleteReport; prints the removed counts.
int RunDeleteReport(const CommandContext& context,
                    const std::vector<std::string>& args);
// get ID: GetEntity.
int RunGet(const CommandContext& context, const std::vector<std::string>& args);
// relations ID: ListRelations with --type, --direction, paging and --all.
int RunRelations(const CommandContext& context,
                 const std::vector<std::string>& args);
// evidence [ID]: ListEvidence of entity ID or of --relation (exactly one),
// with paging and --all.
int RunEvidence(const CommandContext& context,
                const std::vector<std::string>& args);
// search TEXT: SearchEntities with --kind and paging.
int RunSearch(const CommandContext& context,
              const std::vector<std::string>& args);
// stats: GetStats.
int RunStats(const CommandContext& context,
             const std::vector<std::string>& args);
// positions ID: ListPositions with --as_of, --role, paging and --all.
int RunPositions(const CommandContext& context,
                 const std::vector<std::string>& args);
// coattendees PERSON_ID: ListCoAttendees with --from, --to, --meetings,
// paging and --all.
int RunCoAttendees(const CommandContext& context,
                   const std::vector<std::string>& args);
// meetings ID: ListMeetings with --sub_units, --from, --to, paging and
// --all.
int RunMeetings(const CommandContext& context,
                const std::vector<std::string>& args);
// directives ID: ListDirectives with --from, --to, paging and --all.
int RunDirectives(const CommandContext& context,
                  const std::vector<std::string>& args);
// path SOURCE_ID TARGET_ID: FindPaths with --max_depth, --types,
// --directed, --max_paths and --k; exit 2 for a bad --types.
int RunPath(const CommandContext& context,
            const std::vector<std::string>& args);
// traverse ID: Traverse with --max_hops, --types, --kinds, --from, --to,
// --direction and --limit, printing each node as it arrives; exit 2 for a
// bad --types, --kinds or --direction.
int RunTraverse(const CommandContext& context,
                const std::vector<std::string>& args);
// subgraph ID: ExportSubgraph with --max_hops, --types, --kinds, --limit
// and --evidence, printing each node, then each relation, as it arrives;
// exit 2 for a bad --types or --kinds.
int RunSubgraph(const CommandContext& context,
                const std::vector<std::string>& args);
// export [ID]: ExportGraph, or ExportSubgraph around ID with the subgraph
// flags, written as --format (jsonl, graphml, neo4j) to --out.
int RunExport(const CommandContext& context,
              const std::vector<std::string>& args);
// merge SOURCE_ID TARGET_ID: MergeEntities with --reason and --curator
// (default $GOVGRAPH_CURATOR, else $USER); exit 2 if either is missing.
int RunMerge(const CommandContext& context,
             const std::vector<std::string>& args);
// split ID NEW_ID: SplitEntity with --reports, --name, --reason, --curator.
int RunSplit(const CommandContext& context,
             const std::vector<std::string>& args);
// undo AUDIT_ID: UndoCuration with --reason and --curator.
int RunUndo(const CommandContext& context,
            const std::vector<std::string>& args);
// audit [ENTITY_ID]: ListAudit with paging and --all.
// import --nodes=FILE [--edges=FILE] | --jsonl=FILE [--source=ID]:
// ImportGraph.
int RunImport(const CommandContext& context,
              const std::vector<std::string>& args);
int RunAudit(const CommandContext& context,
             const std::vector<std::string>& args);

}  // namespace govgraph::client

#endif  // GOVGRAPH_CLIENT_COMMANDS_COMMAND_H_
