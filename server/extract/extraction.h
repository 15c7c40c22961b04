// What the extractor finds in one report, as plain values: officials with
// their positions, organisations, meetings and directives, each with the
// evidence it was read from. The shape follows shared/eval/FORMAT.md.
#ifndef GOVGRAPH_SERVER_EXTRACT_EXTRACTION_H_
#define GOVGRAPH_SERVER_EXTRACT_EXTRACTION_H_

#include <cstdint>
#include <string>
#include <vector>

namespace govgraph::extract {

// A span of the (NFC-normalised) report text: code point offsets, half-open,
// and the sentence that contains it.
struct TextSpan {
  int32_t start = 0;
  int32_t end = 0;
  std::string sentence;
};

// What the text says about the course of a mandate.
enum class MandateChange {
  kNone,     // Held; nothing said about its start or end.
  kStarted,  // "được bầu", "bổ nhiệm", "tân", "nhậm chức" ...
  kEnded,    // "nguyên", "thôi giữ chức", "miễn nhiệm" ...
};

struct ExtractedPosition {
  std::string role;  // "Phó Bí thư", "nguyên Bộ trưởng".
  std::string org;   // "Thành ủy TPHCM"; empty when the text gives none.
  TextSpan evidence;
  MandateChange change = MandateChange::kNone;
};

struct ExtractedPerson {
  std::string name;  // Full name with diacritics, as written.
  std::vector<ExtractedPosition> positions;
  std::vector<TextSpan> mentions;  // Every place the person is named.
};

struct ExtractedOrganization {
  std::string name;                  // Canonical, place completed.
  std::vector<std::string> aliases;  // Other surface forms in this report.
  std::string parent;                // PART_OF target's name; may be empty.
  TextSpan evidence;
};

struct ExtractedMeeting {
  std::string name;
  std::string date;  // YYYY-MM-DD; empty when the text gives no day.
  std::vector<std::string> organizers;  // Organisation names.
  std::vector<std::string> chairs;      // Person names.
  std::vector<std::string> attendees;   // Person names; chairs included.
  TextSpan evidence;
};

struct ExtractedDirective {
  std::string issuer;  // Person name.
  int meeting = -1;    // Index into Extraction::meetings; -1 for none.
  std::string verb;    // As written: "yêu cầu", "đề nghị" ...
  std::string text;    // What was asked, as written.
  std::vector<std::string> addressees;  // Organisation names.
  TextSpan evidence;
};

struct Extraction {
  std::string title;
  std::string date;  // Publication date, YYYY-MM-DD, if known.
  std::vector<ExtractedPerson> persons;
  std::vector<ExtractedOrganization> organizations;
  std::vector<ExtractedMeeting> meetings;
  std::vector<ExtractedDirective> directives;
};

// The input of one extraction.
struct ReportInput {
  std::string text;            // UTF-8; the first line is the title when
                               // `title` is empty.
  std::string published_date;  // YYYY-MM-DD or empty.
  std::string source_url;
  std::string title;
};

}  // namespace govgraph::extract

#endif  // GOVGRAPH_SERVER_EXTRACT_EXTRACTION_H_
