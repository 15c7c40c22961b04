// Answers of the shared benchmark's queries as the harness sees them:
// rows of integers and strings, sorted for the unordered query types, and
// digested as the first 16 hex digits of SHA-256 over JSON.stringify(rows)
// (../shared/bench/README.md, lib/common.js).
#ifndef GOVGRAPH_BENCH_BENCH_ROWS_H_
#define GOVGRAPH_BENCH_BENCH_ROWS_H_

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "absl/strings/string_view.h"

namespace govgraph::bench {

using Cell = std::variant<int64_t, std::string>;
using Row = std::vector<Cell>;

// JSON.stringify(rows): no white space, strings escaped as JavaScript does,
// non-ASCII as raw UTF-8.
std::string RowsJson(const std::vector<Row>& rows);

// Sorts rows element-wise (numbers by value, strings bytewise, which is
// UTF-16 code unit order for the benchmark's text) when `query_type` is
// one whose order is not part of its semantics (Q1, Q2, Q5).
void Canonicalize(absl::string_view query_type, std::vector<Row>* rows);

// First 16 hex digits of SHA-256 of RowsJson(rows).
std::string Digest(const std::vector<Row>& rows);

}  // namespace govgraph::bench

#endif  // GOVGRAPH_BENCH_BENCH_ROWS_H_
