// Extracts officials, positions, organisations, meetings and directives from
// a Vietnamese news report. Pure and deterministic: the same text and
// extractor version always give the same Extraction.
#ifndef GOVGRAPH_SERVER_EXTRACT_EXTRACTOR_H_
#define GOVGRAPH_SERVER_EXTRACT_EXTRACTOR_H_

#include <cstddef>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/extract/extraction.h"
#include "server/extract/lexicon.h"
#include "server/extract/vocab.h"

namespace govgraph::extract {

// Bumped whenever a change can alter what is extracted from some text.
inline constexpr const char* kExtractorVersion = "govgraph-extract/2";

struct ExtractorOptions {
  // Largest report text, in bytes. Default: 1 MiB.
  size_t max_text_bytes = 1 << 20;
};

// Thread-safe: Extract and OrganizationKey may be called concurrently.
class Extractor {
 public:
  explicit Extractor(std::shared_ptr<const Lexicon> lexicon,
                     const ExtractorOptions& options = ExtractorOptions());

  // Returns the facts of `input`. kInvalidArgument if the text is empty
  // (or only white space), not valid UTF-8, over max_text_bytes, or the
  // published date is not YYYY-MM-DD.
  absl::StatusOr<Extraction> Extract(const ReportInput& input) const;

  // The canonical key of organisation `name`: the same for every way of
  // writing one organisation, in any report, and different for different
  // organisations. Folded (lower case, no diacritics or punctuation),
  // abbreviations expanded and each known place written one way with its
  // kind: "UBND TP.HCM", "UBND TPHCM" and "Ủy ban nhân dân Thành phố Hồ Chí
  // Minh" all give "uy ban nhan dan thanh pho ho chi minh"; "Sở Y tế Bình
  // Định" and "Sở Y tế tỉnh Bình Định" give "so y te tinh binh dinh".
  // Changes with kExtractorVersion. Invalid UTF-8 in `name` is dropped; ""
  // for a name without letters or digits.
  std::string OrganizationKey(absl::string_view name) const;

 private:
  std::shared_ptr<const Lexicon> lexicon_;
  std::shared_ptr<const Vocab> vocab_;
  ExtractorOptions options_;
};

}  // namespace govgraph::extract

#endif  // GOVGRAPH_SERVER_EXTRACT_EXTRACTOR_H_
