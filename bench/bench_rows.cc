#include "bench/bench_rows.h"

#include <openssl/sha.h>

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "client/commands/json_writer.h"
#include "server/common/json.h"

namespace govgraph::bench {
namespace {

bool CellLess(const Cell& a, const Cell& b) {
  if (a.index() != b.index()) return a.index() < b.index();
  return a < b;
}

bool RowLess(const Row& a, const Row& b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      CellLess);
}

}  // namespace

std::string RowsJson(const std::vector<Row>& rows) {
  std::string out = "[";
  for (size_t r = 0; r < rows.size(); ++r) {
    if (r > 0) out += ",";
    out += "[";
    for (size_t c = 0; c < rows[r].size(); ++c) {
      if (c > 0) out += ",";
      const Cell& cell = rows[r][c];
      if (const int64_t* n = std::get_if<int64_t>(&cell)) {
        absl::StrAppend(&out, *n);
      } else {
        out += JsonQuote(std::get<std::string>(cell));
      }
    }
    out += "]";
  }
  return out + "]";
}

void Canonicalize(absl::string_view query_type, std::vector<Row>* rows) {
  if (query_type == "Q1" || query_type == "Q2" || query_type == "Q5") {
    std::sort(rows->begin(), rows->end(), RowLess);
  }
}

std::string Digest(const std::vector<Row>& rows) {
  const std::string json = RowsJson(rows);
  unsigned char hash[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(json.data()), json.size(),
         hash);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<char*>(hash), 8));
}

}  // namespace govgraph::bench
