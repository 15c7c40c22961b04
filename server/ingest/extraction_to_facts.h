// Turns what the extractor read in one report (extract::Extraction) into the
// report's facts (ReportFacts): entity ids, entities, typed relations and
// evidence. Pure and deterministic, so the facts, not the text, are what a
// write (or, later, a replicated log) carries.
#ifndef GOVGRAPH_SERVER_INGEST_EXTRACTION_TO_FACTS_H_
#define GOVGRAPH_SERVER_INGEST_EXTRACTION_TO_FACTS_H_

#include <cstddef>
#include <functional>
#include <string>

#include "absl/strings/string_view.h"
#include "server/common/types.h"
#include "server/extract/extraction.h"

namespace govgraph::ingest {

// Longest slug, in bytes.
inline constexpr size_t kMaxSlugBytes = 200;

// The id part of a name: FoldName(name) with white space as '-', every
// byte other than [a-z0-9-] dropped, runs of '-' collapsed and trimmed.
// "Nguyễn Phước Lộc" -> "nguyen-phuoc-loc"; "Bộ KH&ĐT" -> "bo-khdt". A slug
// longer than kMaxSlugBytes is cut to kMaxSlugBytes - 9 bytes and gets "-"
// plus the 8 hex digits of the FNV-1a hash of the whole folded name; a name
// with nothing left gets "x" plus that hash. Names that fold alike share a
// slug ("Hùng" and "Hưng" both give "hung").
std::string Slug(absl::string_view name);

// "person:" + Slug(name).
std::string PersonId(absl::string_view name);
// "org:" + Slug(name).
std::string OrganizationId(absl::string_view name);
// "meeting:" + report id + ":" + index. A report id over kMaxSlugBytes is
// cut and hashed as in Slug, so the id stays within the id limit.
std::string MeetingId(absl::string_view report_id, size_t index);
// "directive:" + report id + ":" + index (report id as in MeetingId).
std::string DirectiveId(absl::string_view report_id, size_t index);

struct FactsOptions {
  // The canonical key of an organisation name (Extractor::OrganizationKey):
  // names with one key are one organisation, id "org:" + Slug(key), however
  // the report wrote it. Null: the name is its own key.
  std::function<std::string(absl::string_view)> organization_key;
};

// Returns the facts of report `report_id` whose text `input` gave `x`:
//  - the report node: id `report_id`, name the title (x.title, else
//    input.title, else the id; cut to 1 KiB), date x.date (else
//    input.published_date), source_url from `input`;
//  - a PERSON per person, an ORGANIZATION per organisation (with aliases),
//    a MEETING per meeting (name, date) and a DIRECTIVE per directive
//    (verb, text, the date of its meeting; named by its text, shortened);
//    persons and organisations that positions, parents, meetings and directives
//    name without listing are added. Entities whose ids coincide are merged
//    (the first name wins, the others become aliases);
//  - HOLDS_POSITION (positions with a role and an organisation; a former
//    role, "nguyên Bộ trưởng", is the role "Bộ trưởng" ended), with the
//    mandate's start (MandateChange::kStarted) or end (kEnded) dated by
//    the meeting of the same sentence, else the report's date; PART_OF,
//    ORGANIZED, CHAIRED, ATTENDED, ISSUED, ISSUED_AT, ADDRESSED_TO, and
//    MENTIONED_IN from every entity to the report; each relation once, with
//    the evidence of every statement of it.
// Evidence comes from the extraction's spans, with `report_id`; unknown
// spans (0, 0, no sentence) are dropped and a fact keeps at most 256.
// Sentences and directive texts are cut to 4 KiB, NUL bytes in them become
// spaces, control characters in names become spaces, and dates that are not
// real YYYY-MM-DD dates are dropped. Chairs of a meeting also attend it. The
// result passes ValidateExtractedFacts when `report_id` is a valid id and the
// strings fit the default IngestLimits.
ReportFacts FactsFromExtraction(absl::string_view report_id,
                                const extract::ReportInput& input,
                                const extract::Extraction& x,
                                const FactsOptions& options = FactsOptions());

}  // namespace govgraph::ingest

#endif  // GOVGRAPH_SERVER_INGEST_EXTRACTION_TO_FACTS_H_
