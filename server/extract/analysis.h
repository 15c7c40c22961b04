// The state the extraction passes share while reading one report: the
// document, the compiled lexicon, the report's place, what was found so far
// and where each person is mentioned. Not thread-safe; one per Extract call.
#ifndef GOVGRAPH_SERVER_EXTRACT_ANALYSIS_H_
#define GOVGRAPH_SERVER_EXTRACT_ANALYSIS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/extract/document.h"
#include "server/extract/extraction.h"
#include "server/extract/vocab.h"

namespace govgraph::extract {

// Where a person is named: tokens [begin, end). `full` for the full name;
// false for a later short reference ("ông Chung", "Thủ tướng").
struct PersonMention {
  int person = -1;  // Index into Extraction::persons.
  size_t begin = 0;
  size_t end = 0;
  bool full = true;
};

struct Analysis {
  Analysis(const Document& d, const Vocab& v) : doc(d), vocab(v) {}

  const Document& doc;
  const Vocab& vocab;
  std::string published_date;  // YYYY-MM-DD or empty.
  int place = -1;  // The report's place: index into vocab.place_info.
  Extraction extraction;
  std::vector<PersonMention> mentions;  // Sorted by `begin`.
  std::vector<std::string> org_keys;    // Parallel to organizations.
};

// The person mentioned at token `i` (inside a mention), or -1.
int PersonAt(const Analysis& analysis, size_t i);

// The one person holding `role` (compared folded), preferring the one
// holder whose position is in `org` when `org` is not empty; -1 if no
// person, or more than one, fits.
int PersonWithRole(const Analysis& analysis, absl::string_view role,
                   absl::string_view org);

// The mentions inside sentence `s`, in order.
std::vector<PersonMention> MentionsInSentence(const Analysis& analysis,
                                              size_t s);

// Finds the report's place (city or province) from its org names and
// place mentions, or else from its source URL; -1 if none.
int FindReportPlace(const Document& doc, const Vocab& vocab,
                    absl::string_view source_url);

// Adds (or finds) the organisation `name`; returns its index in
// extraction.organizations. Names with one OrgKey are one organisation;
// the later ones become its aliases.
int AddOrganization(Analysis* analysis, const std::string& name,
                    const TextSpan& evidence);

// The index in extraction.organizations of the organisation with `key`
// (an OrgKey), or -1.
int OrgWithKey(const Analysis& analysis, const std::string& key);

// The key under which organisation names are compared, in a report and
// across reports (OrgKeyTables::Key in org_key.h).
std::string OrgKey(const Vocab& vocab, absl::string_view name);

// Finds the organisations the report names (a known organisation word and
// the name that follows), completed with the report's place.
void FindOrganizations(Analysis* analysis);

// Finds full personal names, their titles (positions and organisations)
// and later short references.
void FindPersons(Analysis* analysis);

// Fills each organisation's parent (PART_OF) from its name (org_parents.txt):
// "Ban Dân vận Thành ủy TPHCM" is part of "Thành ủy TPHCM", "Sở Y tế tỉnh
// Bình Định" of "UBND tỉnh Bình Định". A parent written in the child's name
// is added to extraction.organizations (and given its own parent); an
// implied one ("UBND ...") is only listed when the report names it, else
// `parent` alone names it. A listed parent is named as the report writes
// it. Runs last, after every pass that adds organisations.
void FindParents(Analysis* analysis);

// Finds the meetings the report covers (name, date, organisers, chairs,
// attendees: meetings.cc), then the directives officials give there
// (issuer, verb, text, meeting: directives.cc). Runs after FindPersons.
void FindEvents(Analysis* analysis);

}  // namespace govgraph::extract

#endif  // GOVGRAPH_SERVER_EXTRACT_ANALYSIS_H_
