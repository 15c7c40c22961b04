// The extractor's word lists: titles and roles, organisation patterns,
// family names, places, abbreviations, meeting words and directive verbs.
// They are data files in server/extract/lexicons/ (format and meaning in
// that folder's README.md), compiled into the binary and replaceable at run
// time from a directory, so users can extend them without rebuilding.
#ifndef GOVGRAPH_SERVER_EXTRACT_LEXICON_H_
#define GOVGRAPH_SERVER_EXTRACT_LEXICON_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace govgraph::extract {

// One line of a lexicon file: its fields, split on '|' and trimmed.
using LexiconEntry = std::vector<std::string>;

// Immutable after construction; thread-safe.
class Lexicon {
 public:
  // The lexicon files built into the binary.
  static absl::StatusOr<std::shared_ptr<const Lexicon>> BuiltIn();

  // The built-in files, each replaced by the file of the same name in `dir`
  // where one exists. kNotFound if `dir` is not a directory;
  // kInvalidArgument (naming file and line) for a malformed file.
  static absl::StatusOr<std::shared_ptr<const Lexicon>> FromDirectory(
      const std::string& dir);

  // Parses `files` (file name -> contents). Lines are NFC-normalised;
  // blank lines and lines starting with '#' are skipped. kInvalidArgument
  // for invalid UTF-8.
  static absl::StatusOr<std::shared_ptr<const Lexicon>> FromFiles(
      const std::map<std::string, std::string>& files);

  // The entries of `file` (e.g. "roles.txt"), in file order; empty if
  // there is no such file.
  const std::vector<LexiconEntry>& Entries(absl::string_view file) const;

 private:
  std::map<std::string, std::vector<LexiconEntry>, std::less<>> files_;
};

// The built-in lexicon files (name -> contents); generated at build time
// from server/extract/lexicons/.
const std::map<std::string, std::string>& BuiltInLexiconFiles();

}  // namespace govgraph::extract

#endif  // GOVGRAPH_SERVER_EXTRACT_LEXICON_H_
