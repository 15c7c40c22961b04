#include "client/commands/extraction_output.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/commands/json_writer.h"

namespace govgraph::client {
namespace {

void WritePersons(const v1::Extraction& x, JsonWriter* json) {
  json->Key("persons");
  json->BeginArray();
  for (const v1::ExtractedPerson& person : x.persons()) {
    json->BeginObject();
    json->Field("name", person.name());
    json->Key("positions");
    json->BeginArray();
    for (const v1::ExtractedPosition& position : person.positions()) {
      json->BeginObject();
      json->Field("role", position.role());
      if (!position.org().empty()) json->Field("org", position.org());
      json->EndObject();
    }
    json->EndArray();
    json->EndObject();
  }
  json->EndArray();
}

void WriteOrganizations(const v1::Extraction& x, JsonWriter* json) {
  json->Key("organizations");
  json->BeginArray();
  for (const v1::ExtractedOrganization& org : x.organizations()) {
    json->BeginObject();
    json->Field("name", org.name());
    json->StringArray("alts", org.aliases());
    json->EndObject();
  }
  json->EndArray();
}

void WriteMeetings(const v1::Extraction& x, JsonWriter* json) {
  json->Key("meetings");
  json->BeginArray();
  for (const v1::ExtractedMeeting& meeting : x.meetings()) {
    json->BeginObject();
    json->Field("name", meeting.name());
    if (!meeting.date().empty()) json->Field("date", meeting.date());
    json->StringArray("organizers", meeting.organizers());
    json->StringArray("chairs", meeting.chairs());
    json->StringArray("attendees", meeting.attendees());
    json->EndObject();
  }
  json->EndArray();
}

void WriteDirectives(const v1::Extraction& x, JsonWriter* json) {
  json->Key("directives");
  json->BeginArray();
  for (const v1::ExtractedDirective& directive : x.directives()) {
    json->BeginObject();
    json->Field("issuer", directive.issuer());
    if (directive.meeting() >= 0) {
      json->Key("meeting");
      json->Int(directive.meeting());
    }
    json->Field("verb", directive.verb());
    json->Field("text", directive.text());
    json->EndObject();
  }
  json->EndArray();
}

// " [started]", " [ended]", or "" when the text says nothing of the
// mandate's course.
std::string ChangeSuffix(v1::MandateChange change) {
  switch (change) {
    case v1::MANDATE_STARTED:
      return " [started]";
    case v1::MANDATE_ENDED:
      return " [ended]";
    case v1::MANDATE_CHANGE_UNSPECIFIED:
      return "";
    default:
      return absl::StrCat(" [change ", static_cast<int>(change), "]");
  }
}

// "Phó Bí thư (Thành ủy TPHCM)", or the role alone; then the change, if
// any: "Bí thư (Thành ủy Hội An) [started]".
std::string DescribePosition(const v1::ExtractedPosition& position) {
  const std::string change = ChangeSuffix(position.change());
  if (position.org().empty()) return absl::StrCat(position.role(), change);
  return absl::StrCat(position.role(), " (", position.org(), ")", change);
}

void PrintPersonsAndOrganizations(const v1::Extraction& x, std::ostream& out) {
  out << "  persons: " << x.persons_size() << "\n";
  for (const v1::ExtractedPerson& person : x.persons()) {
    std::vector<std::string> positions;
    for (const v1::ExtractedPosition& p : person.positions()) {
      positions.push_back(DescribePosition(p));
    }
    out << "    " << person.name()
        << (positions.empty() ? "" : ": " + absl::StrJoin(positions, "; "))
        << "\n";
  }
  out << "  organizations: " << x.organizations_size() << "\n";
  for (const v1::ExtractedOrganization& org : x.organizations()) {
    out << "    " << org.name();
    if (!org.aliases().empty()) {
      out << " (also: " << absl::StrJoin(org.aliases(), ", ") << ")";
    }
    if (!org.parent().empty()) out << ", part of " << org.parent();
    out << "\n";
  }
}

void PrintMeetingsAndDirectives(const v1::Extraction& x, std::ostream& out) {
  out << "  meetings: " << x.meetings_size() << "\n";
  for (int i = 0; i < x.meetings_size(); ++i) {
    const v1::ExtractedMeeting& m = x.meetings(i);
    out << "    [" << i << "] " << m.name()
        << (m.date().empty() ? "" : " [" + m.date() + "]") << "\n"
        << "        organizers: " << absl::StrJoin(m.organizers(), ", ")
        << "\n        chairs: " << absl::StrJoin(m.chairs(), ", ")
        << "\n        attendees: " << absl::StrJoin(m.attendees(), ", ")
        << "\n";
  }
  out << "  directives: " << x.directives_size() << "\n";
  for (const v1::ExtractedDirective& d : x.directives()) {
    out << "    " << d.issuer() << " " << d.verb();
    if (d.meeting() >= 0) out << " (at meeting " << d.meeting() << ")";
    out << ": " << d.text() << "\n";
  }
}

}  // namespace

std::string ExtractionJson(absl::string_view doc,
                           const v1::Extraction& extraction) {
  JsonWriter json;
  json.BeginObject();
  json.Field("doc", doc);
  json.Key("report");
  json.BeginObject();
  json.Field("title", extraction.title());
  if (!extraction.date().empty()) json.Field("date", extraction.date());
  json.EndObject();
  WritePersons(extraction, &json);
  WriteOrganizations(extraction, &json);
  WriteMeetings(extraction, &json);
  WriteDirectives(extraction, &json);
  json.EndObject();
  return json.str();
}

void PrintExtractionSummary(absl::string_view doc,
                            const v1::Extraction& extraction,
                            std::ostream& out) {
  out << doc << ": " << extraction.title();
  if (!extraction.date().empty()) out << " [" << extraction.date() << "]";
  out << "\n";
  PrintPersonsAndOrganizations(extraction, out);
  PrintMeetingsAndDirectives(extraction, out);
}

}  // namespace govgraph::client
