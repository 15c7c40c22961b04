// Content fingerprints of reports: what makes re-ingesting the same report
// a no-op (ReportFacts::fingerprint) and names a report sent without an id.
// SHA-256 based, so equal fingerprints mean equal content for any practical
// purpose. Stable across processes, builds and platforms: they are stored.
#ifndef GOVGRAPH_SERVER_INGEST_FINGERPRINT_H_
#define GOVGRAPH_SERVER_INGEST_FINGERPRINT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "server/common/types.h"
#include "server/extract/extraction.h"

namespace govgraph::ingest {

// Of a report's text and metadata as IngestReport receives them, with the
// version of the extractor that will read it: a new extractor version
// re-extracts the same text. "text:" and 64 hex digits.
std::string ReportFingerprint(const extract::ReportInput& input,
                              absl::string_view extractor_version);

// Of every field of `facts` (but `fingerprint` itself), in order: the same
// facts sent twice by IngestFacts are one write. "facts:" and 64 hex digits.
std::string FactsFingerprint(const ReportFacts& facts);

// The id of a report sent without one: "report:" and the first 32 hex
// digits of the SHA-256 of `text`.
std::string ContentReportId(absl::string_view text);

}  // namespace govgraph::ingest

#endif  // GOVGRAPH_SERVER_INGEST_FINGERPRINT_H_
