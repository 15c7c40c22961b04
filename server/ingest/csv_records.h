// Splits CSV text (RFC 4180: comma separated, fields optionally in double
// quotes, "" for a quote inside them, CRLF or LF line ends) into records,
// fed in chunks that may end anywhere.
#ifndef GOVGRAPH_SERVER_INGEST_CSV_RECORDS_H_
#define GOVGRAPH_SERVER_INGEST_CSV_RECORDS_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace govgraph::ingest {

class CsvRecords {
 public:
  // Receives each record's fields and the line it starts on (from 1).
  // Blank lines are skipped. An error it returns stops the reading.
  using Sink = std::function<absl::Status(std::vector<std::string>& fields,
                                          int64_t line)>;

  // `file` names the file in error messages ("nodes.csv"); a field longer
  // than `max_field_bytes` is kResourceExhausted.
  CsvRecords(std::string file, size_t max_field_bytes)
      : file_(std::move(file)), max_field_bytes_(max_field_bytes) {}

  // Reads `chunk`, passing each completed record to `sink`.
  // kInvalidArgument "FILE line N: ..." for a quote inside an unquoted
  // field or text after a closing quote.
  absl::Status Add(absl::string_view chunk, const Sink& sink);
  // Ends the file: the last record may lack its line end; an open quote is
  // kInvalidArgument.
  absl::Status Finish(const Sink& sink);

  const std::string& file() const { return file_; }

 private:
  enum class State { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted, kAfter };

  absl::Status Error(absl::string_view what) const;
  absl::Status Append(char c);
  void EndField();
  absl::Status EndRecord(const Sink& sink);

  const std::string file_;
  const size_t max_field_bytes_;
  State state_ = State::kFieldStart;
  int64_t line_ = 1;         // Line of the next character.
  int64_t record_line_ = 1;  // Line the current record started on.
  std::string field_;
  std::vector<std::string> fields_;
};

}  // namespace govgraph::ingest

#endif  // GOVGRAPH_SERVER_INGEST_CSV_RECORDS_H_
