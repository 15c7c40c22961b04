// Plain-text tables for the CLI's human-readable output, aligned by the
// display width of UTF-8 text (Vietnamese names included).
#ifndef GOVGRAPH_CLIENT_COMMANDS_TABLE_H_
#define GOVGRAPH_CLIENT_COMMANDS_TABLE_H_

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace govgraph::client {

// Returns the number of terminal columns `text` (UTF-8) takes, counted as
// code points minus combining diacritical marks (U+0300..U+036F), so that
// "Lộc" is 3 wide whether it is precomposed (NFC) or not (NFD). Wide (CJK)
// characters count as 1.
size_t DisplayWidth(absl::string_view text);

// Returns `text` (UTF-8) cut to at most `max` code points, the last being
// "…" when anything was cut.
std::string Shorten(absl::string_view text, size_t max);

// How every Table prints (the CLI's --output): kText, aligned columns for
// people (the header bold on a terminal), or kCsv, RFC 4180 CSV.
enum class TableFormat { kText, kCsv };
void SetTableFormat(TableFormat format);

// Rows of cells printed as left-aligned columns separated by two spaces
// (empty cells as "-"), or as CSV. Not thread-safe.
//
//   Table table({"ID", "KIND", "NAME"});
//   table.AddRow({"p1", "PERSON", "Nguyễn Phước Lộc"});
//   table.Print(std::cout);
class Table {
 public:
  // `header` is the first row; pass {} for a table without one (e.g.
  // key/value lines).
  explicit Table(std::vector<std::string> header);

  // Rows may have fewer cells than others; missing cells are blank.
  void AddRow(std::vector<std::string> cells);

  // Writes every row; the last cell of a row is not padded.
  void Print(std::ostream& out) const;

  // Rows added so far, excluding the header.
  size_t size() const { return rows_.size() - (has_header_ ? 1 : 0); }

 private:
  std::vector<size_t> ColumnWidths() const;

  bool has_header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace govgraph::client

#endif  // GOVGRAPH_CLIENT_COMMANDS_TABLE_H_
