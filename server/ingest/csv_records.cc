#include "server/ingest/csv_records.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"

namespace govgraph::ingest {

absl::Status CsvRecords::Error(absl::string_view what) const {
  return absl::InvalidArgumentError(
      absl::StrCat(file_, " line ", line_, ": ", what));
}

absl::Status CsvRecords::Append(char c) {
  if (field_.size() >= max_field_bytes_) {
    return absl::ResourceExhaustedError(
        absl::StrCat(file_, " line ", record_line_, ": a field longer than ",
                     max_field_bytes_, " bytes"));
  }
  field_.push_back(c);
  return absl::OkStatus();
}

void CsvRecords::EndField() {
  fields_.push_back(std::move(field_));
  field_.clear();
  state_ = State::kFieldStart;
}

absl::Status CsvRecords::EndRecord(const Sink& sink) {
  absl::Status status;
  const bool blank = fields_.size() == 1 && fields_[0].empty();
  if (!blank) status = sink(fields_, record_line_);
  fields_.clear();
  state_ = State::kFieldStart;
  record_line_ = line_ + 1;
  return status;
}

absl::Status CsvRecords::Add(absl::string_view chunk, const Sink& sink) {
  for (char c : chunk) {
    switch (state_) {
      case State::kFieldStart:
      case State::kUnquoted:
        if (c == ',') {
          EndField();
        } else if (c == '\n') {
          EndField();
          GOVGRAPH_RETURN_IF_ERROR(EndRecord(sink));
        } else if (c == '"') {
          if (state_ == State::kUnquoted) {
            return Error("a quote inside an unquoted field");
          }
          state_ = State::kQuoted;
        } else if (c != '\r') {
          GOVGRAPH_RETURN_IF_ERROR(Append(c));
          state_ = State::kUnquoted;
        }
        break;
      case State::kQuoted:
        if (c == '"') {
          state_ = State::kQuoteInQuoted;
        } else {
          GOVGRAPH_RETURN_IF_ERROR(Append(c));
        }
        break;
      case State::kQuoteInQuoted:
      case State::kAfter:
        if (c == '"' && state_ == State::kQuoteInQuoted) {
          GOVGRAPH_RETURN_IF_ERROR(Append(c));
          state_ = State::kQuoted;
        } else if (c == ',') {
          EndField();
        } else if (c == '\n') {
          EndField();
          GOVGRAPH_RETURN_IF_ERROR(EndRecord(sink));
        } else if (c == '\r') {
          state_ = State::kAfter;
        } else {
          return Error("text after a closing quote");
        }
        break;
    }
    if (c == '\n') ++line_;
  }
  return absl::OkStatus();
}

absl::Status CsvRecords::Finish(const Sink& sink) {
  if (state_ == State::kQuoted) {
    return absl::InvalidArgumentError(absl::StrCat(
        file_, " line ", record_line_, ": a quote that is never closed"));
  }
  if (fields_.empty() && field_.empty() && state_ == State::kFieldStart) {
    return absl::OkStatus();
  }
  EndField();
  return EndRecord(sink);
}

}  // namespace govgraph::ingest
