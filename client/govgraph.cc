// govgraph: command-line client of the govgraph.v1.KnowledgeGraph service.
//
//   govgraph [--addr=HOST:PORT] [--json] [--timeout=SECONDS] COMMAND [ARGS]
//
// Exit codes: 0 ok; 1 RPC error, or the server is not SERVING (health);
// 2 usage or input error (nothing was sent). This file parses the command
// line and dispatches; client/commands/ holds one file per subcommand.
#include <cmath>
#include <cstddef>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "client/commands/command.h"
#include "client/commands/rpc.h"
#include "client/flags.h"

namespace govgraph::client {
namespace {

struct Command {
  std::string name;
  // Positional arguments and the command's own flags, for usage lines.
  std::string synopsis;
  std::string summary;
  // Number of positional arguments: at least min_args, at most max_args.
  size_t min_args;
  size_t max_args;
  // The per-command flags it accepts (global flags are always accepted).
  std::vector<std::string> flags;
  CommandFn run;
};

constexpr size_t kAny = std::numeric_limits<size_t>::max();

const std::vector<Command>& Commands() {
  static const auto* const kCommands = new std::vector<Command>{
      {"health", "", "Check that the server is SERVING.", 0, 0, {}, RunHealth},
      {"hash-token",
       "",
       "Read a bearer token on stdin; print its hash for the server's "
       "--token_file.",
       0,
       0,
       {},
       RunHashToken},
      {"extract",
       "FILE...|DIR... [--published=YYYY-MM-DD]",
       "Show what the server extracts from report texts (- = stdin; a DIR\n"
       "      means its *.txt files); stores nothing. With --json, one line\n"
       "      per file in shared/eval/FORMAT.md's shape.",
       1,
       kAny,
       {"published"},
       RunExtract},
      {"ingest",
       "FILE...|DIR... [--published=YYYY-MM-DD] [--id_prefix=P]",
       "Extract and store report texts (a DIR means its *.txt files,\n"
       "      recursively) over one IngestReports stream; report id = P +\n"
       "      file name without extension. Prints a summary (reports written,\n"
       "      unchanged: already stored alike, and failed); exit 1 if any\n"
       "      report failed (each listed on stderr as FILE: CODE: message).",
       1,
       kAny,
       {"published", "id_prefix"},
       RunIngest},
      {"ingest-facts",
       "FILE.json|-",
       "Ingest an IngestFactsRequest written as proto3 JSON (- = stdin).",
       1,
       1,
       {},
       RunIngestFacts},
      {"delete-report",
       "REPORT_ID",
       "Retract a report: withdraw everything it said; facts no other\n"
       "      report supports are removed. Prints what was removed.",
       1,
       1,
       {},
       RunDeleteReport},
      {"get",
       "ID",
       "Show one entity, when its reports first and last saw it, and its\n"
       "      evidence.",
       1,
       1,
       {},
       RunGet},
      {"relations",
       "ID [--type=T] [--direction=in|out|both] [--from=YYYY-MM-DD] "
       "[--to=YYYY-MM-DD] [--page_size=N] [--page_token=TOK] [--all]",
       "List an entity's relations (T: a RelationType, e.g. ATTENDED)\n"
       "      with a position's start and end and when reports saw them;\n"
       "      --from, --to: only relations dated in that range (by the\n"
       "      meeting, directive or report on the other side, else the\n"
       "      mandate or the reports that saw them).",
       1,
       1,
       {"type", "direction", "from", "to", "page_size", "page_token", "all"},
       RunRelations},
      {"evidence",
       "ID|--relation=TYPE:SOURCE:TARGET[:ROLE] [--page_size=N] "
       "[--page_token=TOK] [--all]",
       "List the sentences behind an entity or a relation, newest report\n"
       "      first, with the report, its date and the extractor version.",
       0,
       1,
       {"relation", "page_size", "page_token", "all"},
       RunEvidence},
      {"search",
       "TEXT [--kind=K] [--words] [--page_size=N] [--page_token=TOK]",
       "Find entities by name prefix, ignoring case and diacritics;\n"
       "      --words: names holding every word of TEXT, in any order,\n"
       "      best match first.",
       1,
       1,
       {"kind", "words", "page_size", "page_token"},
       RunSearch},
      {"backup",
       "DIR",
       "Back the store up into DIR, an absolute path on the server "
       "(incremental; restore with govgraph-server --restore_from=DIR).",
       1,
       1,
       {},
       RunBackup},
      {"stats",
       "",
       "Show entity, relation and report counts.",
       0,
       0,
       {},
       RunStats},
      {"positions",
       "ID [--as_of=YYYY-MM-DD] [--role=ROLE] [--page_size=N] "
       "[--page_token=TOK] [--all]",
       "List the mandates of a person or in an organisation (ID), latest\n"
       "      start first; --as_of: only those in force that day (BASIS:\n"
       "      evidenced by reports, or presumed to continue); --role: only\n"
       "      that role, ignoring case and diacritics.",
       1,
       1,
       {"as_of", "role", "page_size", "page_token", "all"},
       RunPositions},
      {"coattendees",
       "PERSON_ID [--from=YYYY-MM-DD] [--to=YYYY-MM-DD] [--meetings=N] "
       "[--page_size=N] [--page_token=TOK] [--all]",
       "List the officials who attended meetings with PERSON_ID, most\n"
       "      shared meetings first, each with up to N of them (newest\n"
       "      first; default 5). --from, --to: only meetings dated in that\n"
       "      range (inclusive; undated meetings are then left out).",
       1,
       1,
       {"from", "to", "meetings", "page_size", "page_token", "all"},
       RunCoAttendees},
      {"meetings",
       "ID [--sub_units] [--from=YYYY-MM-DD] [--to=YYYY-MM-DD] "
       "[--page_size=N] [--page_token=TOK] [--all]",
       "List the meetings an organisation ORGANIZED (--sub_units: and the\n"
       "      organisations PART_OF it, at any depth) or a person ATTENDED,\n"
       "      newest first (undated last); --from, --to as for coattendees.",
       1,
       1,
       {"sub_units", "from", "to", "page_size", "page_token", "all"},
       RunMeetings},
      {"directives",
       "ID [--from=YYYY-MM-DD] [--to=YYYY-MM-DD] [--page_size=N] "
       "[--page_token=TOK] [--all]",
       "List the directives a person ISSUED or received (ADDRESSED_TO), an\n"
       "      organisation received, or given at a meeting (ISSUED_AT),\n"
       "      newest first (undated last); --from, --to as for coattendees.",
       1,
       1,
       {"from", "to", "page_size", "page_token", "all"},
       RunDirectives},
      {"path",
       "SOURCE_ID TARGET_ID [--max_depth=N] [--types=T1,T2] [--directed] "
       "[--max_paths=N | --k=N]",
       "Find the shortest paths between two entities: --max_depth: at\n"
       "      most N relations long (default 6, at most 10); --types: only\n"
       "      these RelationTypes; --directed: follow relations from source\n"
       "      to target only; --max_paths: list up to N shortest paths\n"
       "      (default 1, at most 100); --k: instead, the N shortest paths\n"
       "      without a repeated node, some maybe longer (at most 20).\n"
       "      Prints the shortest length (-1: no path) and each path as a\n"
       "      chain NAME (ID) -[TYPE]→ NAME (ID) ←[TYPE]- ..., then one\n"
       "      evidence sentence per relation.",
       2,
       2,
       {"max_depth", "types", "directed", "max_paths", "k"},
       RunPath},
      {"traverse",
       "ID [--max_hops=N] [--types=T1,T2] [--kinds=K1,K2] "
       "[--from=YYYY-MM-DD] [--to=YYYY-MM-DD] [--direction=in|out|both] "
       "[--limit=N]",
       "Stream the nodes within N relations of ID (default 2, at most 4),\n"
       "      fewest hops first, each with the relation it was reached by;\n"
       "      --types: only these RelationTypes; --kinds: only nodes of\n"
       "      these EntityKinds; --from, --to: dated nodes in that range;\n"
       "      --limit: at most N nodes (default 1000).",
       1,
       1,
       {"max_hops", "types", "kinds", "from", "to", "direction", "limit"},
       RunTraverse},
      {"subgraph",
       "ID [--max_hops=N] [--types=T1,T2] [--kinds=K1,K2] [--limit=N] "
       "[--evidence]",
       "Export the subgraph around ID: the nodes within N relations\n"
       "      (default 1, at most 3), centre first, fewest hops first, one\n"
       "      line each, then every relation between two of them, one line\n"
       "      each; --types: only these RelationTypes; --kinds: only nodes\n"
       "      of these EntityKinds; --limit: at most N nodes (default\n"
       "      1000), with \"(truncated: ...)\" on the first relation (or\n"
       "      last node) line if more were in reach; --evidence: each\n"
       "      relation's first evidence sentence.",
       1,
       1,
       {"max_hops", "types", "kinds", "limit", "evidence"},
       RunSubgraph},
      {"export",
       "[ID] [--format=jsonl|graphml|neo4j] [--out=PATH] [--evidence] "
       "[--max_hops=N] [--types=T1,T2] [--kinds=K1,K2] [--limit=N]",
       "Export the whole graph, or with ID the subgraph around it (the\n"
       "      subgraph flags), as it streams in: --format=jsonl (default;\n"
       "      one {\"node\"} or {\"relation\"} proto3 JSON object per line,\n"
       "      re-importable with import --jsonl), graphml (Gephi, yEd) or\n"
       "      neo4j (nodes.csv and relationships.csv for neo4j-admin\n"
       "      import, into the directory --out); --out: the file (default\n"
       "      stdout), written whole or not at all; --evidence: with every\n"
       "      fact's evidence; --timeout is at least an hour.",
       0,
       1,
       {"format", "out", "evidence", "max_hops", "types", "kinds", "limit"},
       RunExport},
      {"merge",
       "SOURCE_ID TARGET_ID --reason=TEXT [--curator=NAME]",
       "Merge SOURCE into TARGET (same kind): its relations, evidence and\n"
       "      names move there, and later reports naming it land there too.",
       2,
       2,
       {"reason", "curator"},
       RunMerge},
      {"split",
       "ID NEW_ID --reports=R1,R2,... [--name=NAME] --reason=TEXT "
       "[--curator=NAME]",
       "Split what the given reports say about ID out into a new entity\n"
       "      NEW_ID (named NAME, else as those reports name it most).",
       2,
       2,
       {"reports", "name", "reason", "curator"},
       RunSplit},
      {"undo",
       "AUDIT_ID --reason=TEXT [--curator=NAME]",
       "Reverse a merge or split by its audit entry id (see audit).",
       1,
       1,
       {"reason", "curator"},
       RunUndo},
      {"audit",
       "[ENTITY_ID] [--page_size=N] [--page_token=TOK] [--all]",
       "List curation entries, newest first: all, or those naming\n"
       "      ENTITY_ID (merged-away ids too).",
       0,
       1,
       {"page_size", "page_token", "all"},
       RunAudit},
      {"import",
       "--nodes=FILE [--edges=FILE] | --jsonl=FILE [--source=ID]",
       "Load a property graph in the benchmark's CSV layout (nodes.csv:\n"
       "      id,kind,name,date; edges.csv: src,dst,type,title,start,end),\n"
       "      export's neo4j CSV files, or export's JSON Lines (--jsonl)\n"
       "      all or nothing: a bad row is reported with its file and line\n"
       "      and nothing is loaded. --source names the import in the\n"
       "      evidence (default \"import\"); --timeout is at least an hour.",
       0,
       0,
       {"nodes", "edges", "jsonl", "source"},
       RunImport},
  };
  return *kCommands;
}

const char kGlobalSynopsis[] =
    "govgraph [--addr=HOST:PORT] [--json] [--timeout=SECONDS] [--tls_ca=PEM "
    "[--tls_cert=PEM --tls_key=PEM]] [--token=TOKEN]";
const char* const kGlobalFlags[] = {"addr",   "json",     "timeout", "token",
                                    "tls_ca", "tls_cert", "tls_key"};

std::string CommandUsage(const Command& command) {
  return absl::StrCat("usage: ", kGlobalSynopsis, " ", command.name,
                      command.synopsis.empty() ? "" : " ", command.synopsis);
}

std::string Usage() {
  std::ostringstream out;
  out << "usage: " << kGlobalSynopsis << " COMMAND [ARGS]\n\nCommands:\n";
  for (const Command& command : Commands()) {
    out << "  " << command.name << (command.synopsis.empty() ? "" : " ")
        << command.synopsis << "\n      " << command.summary << "\n";
  }
  out << "\nGlobal flags:\n"
         "  --addr=HOST:PORT   server address; default $GOVGRAPH_ADDR, else "
         "127.0.0.1:50051\n"
         "  --json             print responses as proto3 JSON, one per line\n"
         "  --timeout=SECONDS  deadline of each RPC (ingest: per report);\n"
         "                     default 10\n"
         "  --tls_ca=PEM       connect with TLS, trusting these CAs;\n"
         "                     default $GOVGRAPH_TLS_CA\n"
         "  --tls_cert=PEM --tls_key=PEM\n"
         "                     client certificate and key (mutual TLS);\n"
         "                     default $GOVGRAPH_TLS_CERT, $GOVGRAPH_TLS_KEY\n"
         "  --token=TOKEN      bearer token; default $GOVGRAPH_TOKEN (prefer\n"
         "                     it: a flag shows in ps)\n"
         "\nReport dates: without --published, extract and ingest look for a\n"
         "SOURCES.tsv in each file's directory: tab-separated, a header line\n"
         "naming the columns file, source and published (YYYY-MM-DD), then\n"
         "one line per file (shared/eval/dev has one). A file without a row\n"
         "is sent without a date.\n"
         "\nCurator: merge, split and undo record --curator, default\n"
         "$GOVGRAPH_CURATOR, else $USER; it and --reason are required.\n"
         "\nExit codes: 0 ok; 1 RPC error or not SERVING; 2 usage or input "
         "error.\n";
  return out.str();
}

// Prints the error and a usage line (the command's, if known); returns
// kExitUsage.
int UsageFailure(absl::string_view message, const Command* command) {
  std::cerr << "error: " << message << "\n";
  if (command != nullptr) {
    std::cerr << CommandUsage(*command) << "\n";
  } else {
    std::cerr << "usage: " << kGlobalSynopsis
              << " COMMAND [ARGS]; see govgraph --help\n";
  }
  return kExitUsage;
}

bool WantsHelp(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const absl::string_view arg = argv[i];
    if (arg == "--") return false;
    if (arg == "--help" || arg == "-help" || arg == "-h") return true;
  }
  return argc >= 2 && absl::string_view(argv[1]) == "help";
}

const Command* FindCommand(absl::string_view name) {
  for (const Command& command : Commands()) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

// Checks the positional argument count and that every flag given is global
// or one of `command`'s.
absl::Status CheckInvocation(const Command& command,
                             const std::vector<std::string>& args,
                             const std::vector<std::string>& flags_given) {
  if (args.size() < command.min_args || args.size() > command.max_args) {
    const std::string expected =
        command.min_args == command.max_args ? absl::StrCat(command.min_args)
        : command.max_args == kAny
            ? absl::StrCat("at least ", command.min_args)
            : absl::StrCat(command.min_args, " to ", command.max_args);
    return absl::InvalidArgumentError(absl::StrCat(
        command.name, " takes ", expected, " argument(s), got ", args.size()));
  }
  for (const std::string& flag : flags_given) {
    if (absl::c_linear_search(kGlobalFlags, flag) ||
        absl::c_linear_search(command.flags, flag)) {
      continue;
    }
    return absl::InvalidArgumentError(
        absl::StrCat("flag --", flag, " does not apply to ", command.name));
  }
  return absl::OkStatus();
}

// Builds the context from the global flags; kInvalidArgument if bad.
absl::StatusOr<CommandContext> MakeContext() {
  const std::string addr = absl::GetFlag(FLAGS_addr);
  const double timeout = absl::GetFlag(FLAGS_timeout);
  if (addr.empty()) return absl::InvalidArgumentError("--addr is empty");
  if (!(timeout > 0) || !std::isfinite(timeout)) {
    return absl::InvalidArgumentError("--timeout must be > 0 seconds");
  }
  ChannelSecurity security;
  security.tls_ca_file = absl::GetFlag(FLAGS_tls_ca);
  security.tls_cert_file = absl::GetFlag(FLAGS_tls_cert);
  security.tls_key_file = absl::GetFlag(FLAGS_tls_key);
  security.token = absl::GetFlag(FLAGS_token);
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
      MakeChannel(addr, security);
  if (!channel.ok()) return channel.status();
  CommandContext context;
  context.channel = *std::move(channel);
  context.json = absl::GetFlag(FLAGS_json);
  context.timeout = absl::Seconds(timeout);
  return context;
}

int Main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << Usage();
    return kExitUsage;
  }
  if (WantsHelp(argc, argv)) {
    std::cout << Usage();
    return kExitOk;
  }
  absl::StatusOr<std::vector<std::string>> flags = CheckFlags(argc, argv);
  if (!flags.ok()) return UsageFailure(flags.status().message(), nullptr);
  const std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  if (positional.size() < 2) return UsageFailure("missing command", nullptr);
  const Command* command = FindCommand(positional[1]);
  if (command == nullptr) {
    return UsageFailure(absl::StrCat("unknown command '", positional[1], "'"),
                        nullptr);
  }
  const std::vector<std::string> args(positional.begin() + 2, positional.end());
  absl::Status valid = CheckInvocation(*command, args, *flags);
  if (!valid.ok()) return UsageFailure(valid.message(), command);
  absl::StatusOr<CommandContext> context = MakeContext();
  if (!context.ok()) return UsageFailure(context.status().message(), command);
  return command->run(*context, args);
}

}  // namespace
}  // namespace govgraph::client

int main(int argc, char** argv) { return govgraph::client::Main(argc, argv); }
