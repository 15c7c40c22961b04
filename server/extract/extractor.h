// Extracts officials, positions, organisations, meetings and directives from
// a Vietnamese news report. Pure and deterministic: the same text and
// extractor version always give the same Extraction.
#ifndef GOVGRAPH_SERVER_EXTRACT_EXTRACTOR_H_
#define GOVGRAPH_SERVER_EXTRACT_EXTRACTOR_H_

#include <cstddef>
#include <memory>

#include "absl/status/statusor.h"
#include "server/extract/extraction.h"
#include "server/extract/lexicon.h"
#include "server/extract/vocab.h"

namespace govgraph::extract {

// Bumped whenever a change can alter what is extracted from some text.
inline constexpr const char* kExtractorVersion = "govgraph-extract/1";

struct ExtractorOptions {
  // Largest report text, in bytes. Default: 1 MiB.
  size_t max_text_bytes = 1 << 20;
};

// Thread-safe: Extract may be called concurrently.
class Extractor {
 public:
  explicit Extractor(std::shared_ptr<const Lexicon> lexicon,
                     const ExtractorOptions& options = ExtractorOptions());

  // Returns the facts of `input`. kInvalidArgument if the text is empty
  // (or only white space), not valid UTF-8, over max_text_bytes, or the
  // published date is not YYYY-MM-DD.
  absl::StatusOr<Extraction> Extract(const ReportInput& input) const;

 private:
  std::shared_ptr<const Lexicon> lexicon_;
  std::shared_ptr<const Vocab> vocab_;
  ExtractorOptions options_;
};

}  // namespace govgraph::extract

#endif  // GOVGRAPH_SERVER_EXTRACT_EXTRACTOR_H_
