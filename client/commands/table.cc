#include "client/commands/table.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/commands/style.h"
#include "client/export/graph_formats.h"

namespace govgraph::client {
namespace {

constexpr size_t kColumnGap = 2;

TableFormat table_format = TableFormat::kText;

// What a text table shows for `cell`.
absl::string_view Shown(const std::string& cell) {
  return cell.empty() ? absl::string_view("-") : absl::string_view(cell);
}

// True if the 2-byte sequence lead, next encodes U+0300..U+036F.
bool IsCombiningMark(unsigned char lead, unsigned char next) {
  return lead == 0xCC || (lead == 0xCD && next < 0xB0);
}

}  // namespace

void SetTableFormat(TableFormat format) { table_format = format; }

size_t DisplayWidth(absl::string_view text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte & 0xC0) == 0x80) continue;  // Continuation byte.
    const bool combining =
        i + 1 < text.size() &&
        IsCombiningMark(byte, static_cast<unsigned char>(text[i + 1]));
    if (!combining) ++width;
  }
  return width;
}

std::string Shorten(absl::string_view text, size_t max) {
  size_t code_points = 0;
  size_t keep = 0;  // Bytes of the first max - 1 code points.
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (++code_points == max) keep = i;
    if (code_points > max) return absl::StrCat(text.substr(0, keep), "…");
  }
  return std::string(text);
}

Table::Table(std::vector<std::string> header) : has_header_(!header.empty()) {
  if (has_header_) rows_.push_back(std::move(header));
}

void Table::AddRow(std::vector<std::string> cells) {
  rows_.push_back(std::move(cells));
}

std::vector<size_t> Table::ColumnWidths() const {
  std::vector<size_t> widths;
  for (const auto& row : rows_) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t c = 0; c < row.size(); ++c) {
      widths[c] = std::max(widths[c], DisplayWidth(Shown(row[c])));
    }
  }
  return widths;
}

void Table::Print(std::ostream& out) const {
  if (table_format == TableFormat::kCsv) {
    for (const auto& row : rows_) {
      std::vector<std::string> fields;
      for (const std::string& cell : row) fields.push_back(CsvField(cell));
      out << absl::StrJoin(fields, ",") << "\n";
    }
    return;
  }
  const std::vector<size_t> widths = ColumnWidths();
  const bool bold_header = has_header_ && UseColor(out);
  for (size_t r = 0; r < rows_.size(); ++r) {
    const auto& row = rows_[r];
    for (size_t c = 0; c < row.size(); ++c) {
      const absl::string_view cell = Shown(row[c]);
      out << Bold(cell, bold_header && r == 0);
      if (c + 1 == row.size()) break;
      out << std::string(widths[c] - DisplayWidth(cell) + kColumnGap, ' ');
    }
    out << "\n";
  }
}

}  // namespace govgraph::client
