#include "client/command_table.h"

#include <string>
#include <vector>

namespace govgraph::client {

const std::vector<Command>& Commands() {
  static const auto* const kCommands = new std::vector<Command>{
      {"health",
       "",
       "Check that the server is SERVING.",
       0,
       0,
       {},
       RunHealth,
       "govgraph health"},
      {"hash-token",
       "",
       "Read a bearer token on stdin; print its hash for the server's "
       "--token_file.",
       0,
       0,
       {},
       RunHashToken,
       "head -c 32 /dev/urandom | base64 | tee reader.token | govgraph "
       "hash-token"},
      {"extract",
       "FILE...|DIR... [--published=YYYY-MM-DD]",
       "Show what the server extracts from report texts (- = stdin; a DIR\n"
       "      means its *.txt files); stores nothing. With --json, one line\n"
       "      per file in shared/eval/FORMAT.md's shape.",
       1,
       kAny,
       {"published"},
       RunExtract,
       "govgraph extract --json report.txt --published=2017-06-01"},
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
       RunIngest,
       "govgraph ingest reports/ --id_prefix=tt-"},
      {"ingest-facts",
       "FILE.json|-",
       "Ingest an IngestFactsRequest written as proto3 JSON (- = stdin).",
       1,
       1,
       {},
       RunIngestFacts,
       "govgraph ingest-facts facts.json"},
      {"delete-report",
       "REPORT_ID",
       "Retract a report: withdraw everything it said; facts no other\n"
       "      report supports are removed. Prints what was removed.",
       1,
       1,
       {},
       RunDeleteReport,
       "govgraph delete-report tt-0001"},
      {"get",
       "ID",
       "Show one entity, when its reports first and last saw it, and its\n"
       "      evidence.",
       1,
       1,
       {},
       RunGet,
       "govgraph get person:nguyen-thien-nhan"},
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
       RunRelations,
       "govgraph relations person:nguyen-thien-nhan --type=HOLDS_POSITION "
       "--all"},
      {"evidence",
       "ID|--relation=TYPE:SOURCE:TARGET[:ROLE] [--page_size=N] "
       "[--page_token=TOK] [--all]",
       "List the sentences behind an entity or a relation, newest report\n"
       "      first, with the report, its date and the extractor version.",
       0,
       1,
       {"relation", "page_size", "page_token", "all"},
       RunEvidence,
       "govgraph evidence person:nguyen-thien-nhan --page_size=20"},
      {"search",
       "TEXT [--kind=K] [--words] [--page_size=N] [--page_token=TOK]",
       "Find entities by name prefix, ignoring case and diacritics;\n"
       "      --words: names holding every word of TEXT, in any order,\n"
       "      best match first.",
       1,
       1,
       {"kind", "words", "page_size", "page_token"},
       RunSearch,
       "govgraph search \"nguyen thien nhan\" --kind=PERSON"},
      {"backup",
       "DIR",
       "Back the store up into DIR, an absolute path on the server "
       "(incremental; restore with govgraph-server --restore_from=DIR).",
       1,
       1,
       {},
       RunBackup,
       "govgraph backup /var/backups/govgraph"},
      {"stats",
       "",
       "Show entity, relation and report counts.",
       0,
       0,
       {},
       RunStats,
       "govgraph stats --output=csv"},
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
       RunPositions,
       "govgraph positions person:nguyen-thien-nhan --as_of=2017-06-01"},
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
       RunCoAttendees,
       "govgraph coattendees person:nguyen-thien-nhan --from=2017-01-01 "
       "--to=2017-12-31"},
      {"meetings",
       "ID [--sub_units] [--from=YYYY-MM-DD] [--to=YYYY-MM-DD] "
       "[--page_size=N] [--page_token=TOK] [--all]",
       "List the meetings an organisation ORGANIZED (--sub_units: and the\n"
       "      organisations PART_OF it, at any depth) or a person ATTENDED,\n"
       "      newest first (undated last); --from, --to as for coattendees.",
       1,
       1,
       {"sub_units", "from", "to", "page_size", "page_token", "all"},
       RunMeetings,
       "govgraph meetings org:thanh-uy-tphcm --sub_units --from=2017-06-01"},
      {"directives",
       "ID [--from=YYYY-MM-DD] [--to=YYYY-MM-DD] [--page_size=N] "
       "[--page_token=TOK] [--all]",
       "List the directives a person ISSUED or received (ADDRESSED_TO), an\n"
       "      organisation received, or given at a meeting (ISSUED_AT),\n"
       "      newest first (undated last); --from, --to as for coattendees.",
       1,
       1,
       {"from", "to", "page_size", "page_token", "all"},
       RunDirectives,
       "govgraph directives person:nguyen-thien-nhan --from=2017-01-01"},
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
       RunPath,
       "govgraph path person:nguyen-thien-nhan person:nguyen-thanh-phong "
       "--k=5"},
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
       RunTraverse,
       "govgraph traverse org:thanh-uy-tphcm --max_hops=2 --kinds=PERSON"},
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
       RunSubgraph,
       "govgraph subgraph person:nguyen-thien-nhan --max_hops=2 --evidence"},
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
       RunExport,
       "govgraph export --format=graphml --out=graph.graphml"},
      {"merge",
       "SOURCE_ID TARGET_ID --reason=TEXT [--curator=NAME]",
       "Merge SOURCE into TARGET (same kind): its relations, evidence and\n"
       "      names move there, and later reports naming it land there too.",
       2,
       2,
       {"reason", "curator"},
       RunMerge,
       "govgraph merge person:nguyen-van-hoa-2 person:nguyen-van-hoa "
       "--reason=\"one official\""},
      {"split",
       "ID NEW_ID --reports=R1,R2,... [--name=NAME] --reason=TEXT "
       "[--curator=NAME]",
       "Split what the given reports say about ID out into a new entity\n"
       "      NEW_ID (named NAME, else as those reports name it most).",
       2,
       2,
       {"reports", "name", "reason", "curator"},
       RunSplit,
       "govgraph split person:nguyen-van-hung person:nguyen-van-hung-qn "
       "--reports=r1,r7 --reason=namesake"},
      {"undo",
       "AUDIT_ID --reason=TEXT [--curator=NAME]",
       "Reverse a merge or split by its audit entry id (see audit).",
       1,
       1,
       {"reason", "curator"},
       RunUndo,
       "govgraph undo 3 --reason=\"wrong merge\""},
      {"audit",
       "[ENTITY_ID] [--page_size=N] [--page_token=TOK] [--all]",
       "List curation entries, newest first: all, or those naming\n"
       "      ENTITY_ID (merged-away ids too).",
       0,
       1,
       {"page_size", "page_token", "all"},
       RunAudit,
       "govgraph audit person:nguyen-van-hoa"},
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
       RunImport,
       "govgraph import --nodes=nodes.csv --edges=edges.csv --source=bench-s1"},
      {"completion",
       "bash|zsh",
       "Print a completion script for bash or zsh (commands, their flags,\n"
       "      enum values); sends nothing.",
       1,
       1,
       {},
       RunCompletion,
       "source <(govgraph completion bash)   # in ~/.bashrc"},
  };
  return *kCommands;
}

const Command* FindCommand(absl::string_view name) {
  for (const Command& command : Commands()) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

const std::vector<std::string>& GlobalFlags() {
  static const auto* const kFlags =
      new std::vector<std::string>{"addr",  "json",   "output",   "timeout",
                                   "token", "tls_ca", "tls_cert", "tls_key"};
  return *kFlags;
}

}  // namespace govgraph::client
