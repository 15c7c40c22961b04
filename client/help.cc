#include "client/help.h"

#include <sstream>
#include <string>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/str_cat.h"

namespace govgraph::client {

const char* const kGlobalSynopsis =
    "govgraph [--addr=HOST:PORT] [--output=table|json|csv] "
    "[--timeout=SECONDS] [--tls_ca=PEM [--tls_cert=PEM --tls_key=PEM]] "
    "[--token=TOKEN]";

std::string CommandUsage(const Command& command) {
  return absl::StrCat("usage: ", kGlobalSynopsis, " ", command.name,
                      command.synopsis.empty() ? "" : " ", command.synopsis);
}

std::string Usage() {
  std::ostringstream out;
  out << "usage: " << kGlobalSynopsis << " COMMAND [ARGS]\n"
      << "(govgraph COMMAND --help: the command's flags and an example)\n\n"
      << "Commands:\n";
  for (const Command& command : Commands()) {
    out << "  " << command.name << (command.synopsis.empty() ? "" : " ")
        << command.synopsis << "\n      " << command.summary << "\n";
  }
  out << "\nGlobal flags:\n"
         "  --addr=HOST:PORT   server address; default $GOVGRAPH_ADDR, else "
         "127.0.0.1:50051\n"
         "  --output=FORMAT    table (default), json (responses as proto3\n"
         "                     JSON, one per line; also --json) or csv\n"
         "                     (tables as CSV with a header row)\n"
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

std::string CommandHelp(const Command& command) {
  std::ostringstream out;
  out << CommandUsage(command) << "\n\n      " << command.summary << "\n";
  if (!command.flags.empty()) out << "\nFlags:\n";
  for (const std::string& name : command.flags) {
    const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    if (flag == nullptr) continue;
    out << "  --" << name << "  " << flag->Help();
    const std::string default_value = flag->DefaultValue();
    if (!default_value.empty()) out << " (default " << default_value << ")";
    out << "\n";
  }
  out << "\nExample:\n  " << command.example
      << "\n\nGlobal flags (--addr, --output, --timeout, TLS, --token): "
         "govgraph --help\n";
  return out.str();
}

}  // namespace govgraph::client
