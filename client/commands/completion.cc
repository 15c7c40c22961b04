// completion bash|zsh: a completion script generated from the command
// table, so that it cannot fall behind the commands and flags. zsh uses the
// same function through bashcompinit.
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/command_table.h"
#include "client/commands/command.h"
#include "client/commands/output.h"
#include "google/protobuf/descriptor.h"
#include "govgraph/v1/knowledge_graph.pb.h"

namespace govgraph::client {
namespace {

// The names of `descriptor`'s values but the UNSPECIFIED one.
std::string EnumNames(const google::protobuf::EnumDescriptor* descriptor) {
  std::vector<std::string> names;
  for (int i = 0; i < descriptor->value_count(); ++i) {
    const std::string& name = descriptor->value(i)->name();
    if (name.find("UNSPECIFIED") == std::string::npos) names.push_back(name);
  }
  return absl::StrJoin(names, " ");
}

// "--a= --b= " for `flags`: every flag completes with its "=".
std::string FlagWords(const std::vector<std::string>& flags) {
  std::string words;
  for (const std::string& flag : flags)
    absl::StrAppend(&words, "--", flag, "= ");
  return words;
}

// The bash function: commands first, then the command's flags and the
// global ones, values of enum flags (after the last comma of a list), and
// file names for positional arguments.
std::string BashScript() {
  std::vector<std::string> names;
  std::string cases;
  for (const Command& command : Commands()) {
    names.push_back(command.name);
    absl::StrAppend(&cases, "    ", command.name, ") flags=\"",
                    FlagWords(command.flags), "\" ;;\n");
  }
  const std::string kinds = EnumNames(v1::EntityKind_descriptor());
  const std::string types = EnumNames(v1::RelationType_descriptor());
  return absl::StrCat(
      "# govgraph completion for bash (and zsh, through bashcompinit).\n"
      "# bash: source <(govgraph completion bash)\n"
      "_govgraph() {\n"
      "  local cur=${COMP_WORDS[COMP_CWORD]} flag= cmd= flags= values= i\n"
      "  # \"--flag=value\" arrives as three words: --flag, =, value.\n"
      "  if [[ $cur == = ]]; then\n"
      "    flag=${COMP_WORDS[COMP_CWORD-1]} cur=\n"
      "  elif [[ ${COMP_WORDS[COMP_CWORD-1]} == = ]]; then\n"
      "    flag=${COMP_WORDS[COMP_CWORD-2]}\n"
      "  fi\n"
      "  if [[ -n $flag ]]; then\n"
      "    case $flag in\n"
      "      --kind|--kinds) values=\"",
      kinds,
      "\" ;;\n"
      "      --type|--types) values=\"",
      types,
      "\" ;;\n"
      "      --direction) values=\"in out both\" ;;\n"
      "      --format) values=\"jsonl graphml neo4j\" ;;\n"
      "      --output) values=\"table json csv\" ;;\n"
      "      *) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
      "    esac\n"
      "    local head=\n"
      "    [[ $cur == *,* ]] && head=${cur%,*},\n"
      "    COMPREPLY=($(compgen -P \"$head\" -W \"$values\" -- "
      "\"${cur##*,}\"))\n"
      "    return\n"
      "  fi\n"
      "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      "    case ${COMP_WORDS[i]} in\n"
      "      -*|=) ;;\n"
      "      *) [[ ${COMP_WORDS[i-1]} == = ]] || { cmd=${COMP_WORDS[i]}; "
      "break; } ;;\n"
      "    esac\n"
      "  done\n"
      "  case $cmd in\n",
      cases,
      "  esac\n"
      "  if [[ $cur == -* ]]; then\n"
      "    COMPREPLY=($(compgen -W \"$flags ",
      FlagWords(GlobalFlags()),
      "--help\" -- \"$cur\"))\n"
      "    [[ ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2> /dev/null\n"
      "  elif [[ -z $cmd ]]; then\n"
      "    COMPREPLY=($(compgen -W \"",
      absl::StrJoin(names, " "),
      "\" -- \"$cur\"))\n"
      "  else\n"
      "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
      "  fi\n"
      "}\n"
      "complete -F _govgraph govgraph\n");
}

}  // namespace

int RunCompletion(const CommandContext&, const std::vector<std::string>& args) {
  if (args[0] == "bash") {
    std::cout << BashScript();
  } else if (args[0] == "zsh") {
    std::cout << "# govgraph completion for zsh: "
                 "source <(govgraph completion zsh)\n"
                 "(( $+functions[compdef] )) || "
                 "{ autoload -U +X compinit && compinit; }\n"
                 "autoload -U +X bashcompinit && bashcompinit\n"
              << BashScript();
  } else {
    return UsageError(absl::StrCat("completion: unknown shell \"", args[0],
                                   "\": bash or zsh"));
  }
  return kExitOk;
}

}  // namespace govgraph::client
