// How `govgraph extract` prints an extraction: one JSON line in the shape of
// shared/eval/FORMAT.md (what score.py reads), or a readable summary.
#ifndef GOVGRAPH_CLIENT_COMMANDS_EXTRACTION_OUTPUT_H_
#define GOVGRAPH_CLIENT_COMMANDS_EXTRACTION_OUTPUT_H_

#include <ostream>
#include <string>

#include "absl/strings/string_view.h"
#include "govgraph/v1/knowledge_graph.pb.h"

namespace govgraph::client {

// One line of JSON, without the newline:
//   {"doc": DOC, "report": {"title", "date"}, "persons": [{"name",
//    "positions": [{"role", "org"}]}], "organizations": [{"name", "alts"}],
//   "meetings": [{"name", "date", "organizers", "chairs", "attendees"}],
//   "directives": [{"issuer", "meeting", "verb", "text"}]}
// "org" and "date" are left out when empty, "meeting" when negative.
std::string ExtractionJson(absl::string_view doc,
                           const v1::Extraction& extraction);

// A few indented lines per facet, headed by "DOC: TITLE [DATE]".
void PrintExtractionSummary(absl::string_view doc,
                            const v1::Extraction& extraction,
                            std::ostream& out);

}  // namespace govgraph::client

#endif  // GOVGRAPH_CLIENT_COMMANDS_EXTRACTION_OUTPUT_H_
