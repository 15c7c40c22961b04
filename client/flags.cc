#include "client/flags.h"

#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace {

// GOVGRAPH_ADDR, when set and non-empty, replaces the built-in default; an
// explicit --addr still wins.
std::string DefaultAddr() {
  const char* env = std::getenv("GOVGRAPH_ADDR");
  return env != nullptr && *env != '\0' ? env : "127.0.0.1:50051";
}

// The value of environment variable `name`, or "".
std::string FromEnv(const char* name) {
  const char* env = std::getenv(name);
  return env != nullptr ? env : "";
}

}  // namespace

ABSL_FLAG(std::string, addr, DefaultAddr(),
          "Server address, host:port. Default: $GOVGRAPH_ADDR if set, else "
          "127.0.0.1:50051.");
ABSL_FLAG(bool, json, false,
          "Print responses as proto3 JSON, one object per line "
          "(--output=json).");
ABSL_FLAG(std::string, output, "table",
          "table: for people; json: responses as proto3 JSON, one object "
          "per line; csv: tables as CSV with a header row.");
ABSL_FLAG(double, timeout, 10, "Deadline of each RPC, in seconds.");
ABSL_FLAG(std::string, token, FromEnv("GOVGRAPH_TOKEN"),
          "Bearer token sent with every call. Default: $GOVGRAPH_TOKEN "
          "(better than the flag, which other users can see in ps).");
ABSL_FLAG(std::string, tls_ca, FromEnv("GOVGRAPH_TLS_CA"),
          "PEM CA certificates the server's certificate must be signed by: "
          "connect with TLS. Default: $GOVGRAPH_TLS_CA.");
ABSL_FLAG(std::string, tls_cert, FromEnv("GOVGRAPH_TLS_CERT"),
          "PEM client certificate, for servers that require one (with "
          "--tls_key). Default: $GOVGRAPH_TLS_CERT.");
ABSL_FLAG(std::string, tls_key, FromEnv("GOVGRAPH_TLS_KEY"),
          "PEM private key of --tls_cert. Default: $GOVGRAPH_TLS_KEY.");
ABSL_FLAG(std::string, type, "",
          "relations: only this RelationType (e.g. ATTENDED), any case.");
ABSL_FLAG(std::string, direction, "both", "relations: in, out or both.");
ABSL_FLAG(std::string, kind, "",
          "search: only this EntityKind (e.g. PERSON), any case.");
ABSL_FLAG(int32_t, page_size, 0,
          "relations, search, evidence, positions, audit, coattendees, "
          "meetings, directives: results per page; 0 means the server "
          "default.");
ABSL_FLAG(std::string, page_token, "",
          "relations, search, evidence, positions, audit, coattendees, "
          "meetings, directives: next_page_token of the previous page.");
ABSL_FLAG(bool, all, false,
          "relations, evidence, positions, audit, coattendees, meetings, "
          "directives: follow next_page_token to the end.");
ABSL_FLAG(std::string, relation, "",
          "evidence: the relation TYPE:SOURCE:TARGET[:ROLE] instead of an "
          "entity ID.");
ABSL_FLAG(std::string, published, "",
          "extract, ingest: the reports' publication date, YYYY-MM-DD; "
          "default: the \"published\" column of a SOURCES.tsv beside each "
          "file.");
ABSL_FLAG(std::string, id_prefix, "",
          "ingest: prepended to each report id (the file's base name "
          "without extension).");
ABSL_FLAG(std::string, as_of, "",
          "positions: only mandates in force on this date, YYYY-MM-DD.");
ABSL_FLAG(std::string, role, "",
          "positions: only this role (e.g. \"Bí thư\"), compared without case "
          "and diacritics.");
ABSL_FLAG(std::string, reason, "",
          "merge, split, undo: why the change is made; required.");
ABSL_FLAG(std::string, curator, "",
          "merge, split, undo: who makes the change. Default: "
          "$GOVGRAPH_CURATOR if set, else $USER.");
ABSL_FLAG(std::string, reports, "",
          "split: the comma-separated ids of the reports whose evidence moves "
          "to the new entity; required.");
ABSL_FLAG(std::string, name, "",
          "split: the new entity's display name; default: the form its "
          "reports use most.");
ABSL_FLAG(std::string, from, "",
          "relations, coattendees, meetings, directives, traverse: only "
          "what is dated on or after this date, YYYY-MM-DD.");
ABSL_FLAG(std::string, to, "",
          "relations, coattendees, meetings, directives, traverse: only "
          "what is dated on or before this date, YYYY-MM-DD.");
ABSL_FLAG(int32_t, meetings, 0,
          "coattendees: shared meetings listed per co-attendee; 0 means the "
          "server default (5).");
ABSL_FLAG(bool, sub_units, false,
          "meetings: also the meetings of the organisations under ID "
          "(PART_OF, at any depth).");
ABSL_FLAG(int32_t, max_depth, 0,
          "path: longest path, in relations; 0 means the server default (6).");
ABSL_FLAG(std::string, types, "",
          "path, traverse, subgraph: follow only relations of these "
          "comma-separated RelationTypes (e.g. ATTENDED,CHAIRED), any case.");
ABSL_FLAG(bool, directed, false,
          "path: follow relations only from their source to their target.");
ABSL_FLAG(int32_t, max_paths, 0,
          "path: list up to this many shortest paths; 0 means one.");
ABSL_FLAG(int32_t, max_hops, 0,
          "traverse, subgraph: how many relations away to go; 0 means the "
          "server default (traverse 2, subgraph 1).");
ABSL_FLAG(std::string, kinds, "",
          "traverse, subgraph: reach only nodes of these comma-separated "
          "EntityKinds (e.g. PERSON,MEETING), any case.");
ABSL_FLAG(int32_t, limit, 0,
          "traverse, subgraph: at most this many nodes, the start included; "
          "0 means the server default (1000).");
ABSL_FLAG(int32_t, k, 0,
          "path: list the k shortest loopless paths, shortest first (at "
          "most 20); 0 means the shortest paths only.");
ABSL_FLAG(bool, evidence, false,
          "subgraph: show each relation's evidence; export: include every "
          "node's and relation's evidence.");
ABSL_FLAG(bool, words, false,
          "search: whole words in any order, ranked, instead of a name "
          "prefix.");
ABSL_FLAG(std::string, nodes, "", "import: the nodes.csv file.");
ABSL_FLAG(std::string, edges, "", "import: the edges.csv file.");
ABSL_FLAG(std::string, source, "",
          "import: the import's id, cited by its facts' evidence; default "
          "\"import\".");
ABSL_FLAG(std::string, jsonl, "",
          "import: a JSON Lines export (govgraph export --format=jsonl) "
          "instead of --nodes and --edges.");
ABSL_FLAG(std::string, format, "jsonl",
          "export: jsonl, graphml or neo4j (neo4j-admin import CSV).");
ABSL_FLAG(std::string, out, "-",
          "export: the file to write (- for stdout); for --format=neo4j the "
          "directory that gets nodes.csv and relationships.csv.");

namespace govgraph::client {
namespace {

// Resolves `name` (without dashes), accepting --noNAME for bool flags.
absl::CommandLineFlag* FindFlag(absl::string_view name, bool has_value) {
  absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
  if (flag != nullptr || has_value || !absl::StartsWith(name, "no")) {
    return flag;
  }
  flag = absl::FindCommandLineFlag(name.substr(2));
  return flag != nullptr && flag->IsOfType<bool>() ? flag : nullptr;
}

// Sets `flag` from `value`; kInvalidArgument if it does not parse.
absl::Status SetFlag(absl::CommandLineFlag* flag, absl::string_view value) {
  std::string error;
  if (flag->ParseFrom(value, &error)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("flag --", flag->Name(), ": ", error));
}

// Checks the flag at argv[*i], advancing *i past a separate value, and
// stores its canonical name in *name.
absl::Status CheckOne(int argc, char** argv, int* i, std::string* name) {
  absl::string_view arg = argv[*i];
  arg.remove_prefix(absl::StartsWith(arg, "--") ? 2 : 1);
  const size_t eq = arg.find('=');
  const bool has_value = eq != absl::string_view::npos;
  absl::CommandLineFlag* flag = FindFlag(arg.substr(0, eq), has_value);
  if (flag == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown flag --", arg.substr(0, eq)));
  }
  name->assign(flag->Name().data(), flag->Name().size());
  if (has_value) return SetFlag(flag, arg.substr(eq + 1));
  if (flag->IsOfType<bool>()) return absl::OkStatus();
  if (*i + 1 >= argc) {
    return absl::InvalidArgumentError(
        absl::StrCat("flag --", *name, " needs a value"));
  }
  return SetFlag(flag, argv[++*i]);
}

}  // namespace

absl::StatusOr<std::vector<std::string>> CheckFlags(int argc, char** argv) {
  std::vector<std::string> names;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg.size() < 2 || arg[0] != '-') continue;
    std::string name;
    absl::Status status = CheckOne(argc, argv, &i, &name);
    if (!status.ok()) return status;
    names.push_back(std::move(name));
  }
  return names;
}

}  // namespace govgraph::client
