#include "server/extract/extractor.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "server/common/text.h"
#include "server/extract/analysis.h"
#include "server/extract/document.h"
#include "server/extract/vocab.h"

namespace govgraph::extract {
namespace {

absl::Status ValidateInput(const ReportInput& input, size_t max_bytes) {
  if (input.text.size() > max_bytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("report text is ", input.text.size(),
                     " bytes; the limit is ", max_bytes));
  }
  if (!IsValidUtf8(input.text)) {
    return absl::InvalidArgumentError("report text is not valid UTF-8");
  }
  if (absl::StripAsciiWhitespace(input.text).empty()) {
    return absl::InvalidArgumentError("report text is empty");
  }
  absl::CivilDay day;
  if (!input.published_date.empty() &&
      (input.published_date.size() != 10 ||
       !absl::ParseCivilTime(input.published_date, &day))) {
    return absl::InvalidArgumentError(absl::StrCat(
        "published date \"", input.published_date, "\" is not YYYY-MM-DD"));
  }
  if (!IsValidUtf8(input.title) || !IsValidUtf8(input.source_url)) {
    return absl::InvalidArgumentError("title or source URL is not valid UTF-8");
  }
  return absl::OkStatus();
}

}  // namespace

Extractor::Extractor(std::shared_ptr<const Lexicon> lexicon,
                     const ExtractorOptions& options)
    : lexicon_(std::move(lexicon)),
      vocab_(std::make_shared<const Vocab>(*lexicon_)),
      options_(options) {}

absl::StatusOr<Extraction> Extractor::Extract(const ReportInput& input) const {
  absl::Status valid = ValidateInput(input, options_.max_text_bytes);
  if (!valid.ok()) return valid;
  Document document(NormalizeValidUtf8ToNfc(input.text));
  vocab_->Annotate(&document);
  Analysis analysis(document, *vocab_);
  analysis.published_date = input.published_date;
  analysis.place = FindReportPlace(document, *vocab_, input.source_url);
  FindPersons(&analysis);
  FindOrganizations(&analysis);
  FindEvents(&analysis);
  FindParents(&analysis);
  Extraction& extraction = analysis.extraction;
  extraction.date = input.published_date;
  extraction.title = input.title;
  if (extraction.title.empty()) {
    const std::string& text = document.text();
    extraction.title = std::string(absl::StripAsciiWhitespace(
        absl::string_view(text).substr(0, text.find('\n'))));
  }
  return std::move(extraction);
}

std::string Extractor::OrganizationKey(absl::string_view name) const {
  return OrgKey(*vocab_, NormalizeNfc(name));
}

}  // namespace govgraph::extract
