#include "server/extract/lexicon.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/common/text.h"

namespace govgraph::extract {
namespace {

absl::StatusOr<std::vector<LexiconEntry>> ParseFile(absl::string_view name,
                                                    absl::string_view text) {
  if (!IsValidUtf8(text)) {
    return absl::InvalidArgumentError(
        absl::StrCat("lexicon ", name, " is not valid UTF-8"));
  }
  std::vector<LexiconEntry> entries;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    LexiconEntry entry;
    for (absl::string_view field : absl::StrSplit(line, '|')) {
      entry.push_back(NormalizeNfc(absl::StripAsciiWhitespace(field)));
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace

absl::StatusOr<std::shared_ptr<const Lexicon>> Lexicon::BuiltIn() {
  return FromFiles(BuiltInLexiconFiles());
}

absl::StatusOr<std::shared_ptr<const Lexicon>> Lexicon::FromDirectory(
    const std::string& dir) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) {
    return absl::NotFoundError(
        absl::StrCat("lexicon directory ", dir, " does not exist"));
  }
  std::map<std::string, std::string> files = BuiltInLexiconFiles();
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path());
    std::stringstream contents;
    contents << in.rdbuf();
    files[entry.path().filename().string()] = contents.str();
  }
  return FromFiles(files);
}

absl::StatusOr<std::shared_ptr<const Lexicon>> Lexicon::FromFiles(
    const std::map<std::string, std::string>& files) {
  auto lexicon = std::shared_ptr<Lexicon>(new Lexicon());
  for (const auto& [name, text] : files) {
    absl::StatusOr<std::vector<LexiconEntry>> entries = ParseFile(name, text);
    if (!entries.ok()) return entries.status();
    lexicon->files_[name] = *std::move(entries);
  }
  return std::shared_ptr<const Lexicon>(std::move(lexicon));
}

const std::vector<LexiconEntry>& Lexicon::Entries(
    absl::string_view file) const {
  static const std::vector<LexiconEntry>* const kEmpty =
      new std::vector<LexiconEntry>();
  auto it = files_.find(file);
  return it == files_.end() ? *kEmpty : it->second;
}

}  // namespace govgraph::extract
