// libFuzzer target for Extractor::Extract. Each input is extracted as report
// text; an input that starts with a digit is also extracted a second way,
// its first 10 bytes split off as the published date. Under ASan and UBSan
// (tests/fuzz, GOVGRAPH_FUZZ) it checks that extraction never crashes, hangs or
// leaks, and that:
//   - the same input always gives the same result (extracted twice, compared
//     through a serialisation);
//   - a failure is kInvalidArgument, the only code Extract documents;
//   - every string is valid UTF-8, every date empty or YYYY-MM-DD, every
//     span inside the NFC text, and every directive's meeting index valid.
// A violated check prints what and aborts, which libFuzzer reports as a
// crash with the input saved.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "server/common/text.h"
#include "server/extract/extraction.h"
#include "server/extract/extractor.h"
#include "server/extract/lexicon.h"

namespace govgraph::extract {
namespace {

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "extractor_fuzzer: %s\n", what.c_str());
  std::abort();
}

const Extractor& GetExtractor() {
  static const Extractor* const kExtractor = [] {
    absl::StatusOr<std::shared_ptr<const Lexicon>> lexicon = Lexicon::BuiltIn();
    if (!lexicon.ok()) Fail("built-in lexicon: " + lexicon.status().ToString());
    return new Extractor(*std::move(lexicon));
  }();
  return *kExtractor;
}

// Serialisation: every field, each string length-prefixed, so two
// extractions serialise equal exactly when they are equal.
void Put(absl::string_view s, std::string* out) {
  absl::StrAppend(out, s.size(), ":", s, ";");
}

void PutSpan(const TextSpan& span, std::string* out) {
  absl::StrAppend(out, "[", span.start, ",", span.end, "]");
  Put(span.sentence, out);
}

void PutList(const std::vector<std::string>& list, std::string* out) {
  absl::StrAppend(out, list.size(), "{");
  for (const std::string& s : list) Put(s, out);
  out->push_back('}');
}

void PutPersons(const std::vector<ExtractedPerson>& persons, std::string* out) {
  absl::StrAppend(out, "persons", persons.size(), "{");
  for (const ExtractedPerson& p : persons) {
    Put(p.name, out);
    absl::StrAppend(out, p.positions.size(), "(");
    for (const ExtractedPosition& position : p.positions) {
      Put(position.role, out);
      Put(position.org, out);
      PutSpan(position.evidence, out);
    }
    absl::StrAppend(out, ")", p.mentions.size(), "(");
    for (const TextSpan& mention : p.mentions) PutSpan(mention, out);
    out->push_back(')');
  }
  out->push_back('}');
}

std::string Serialize(const Extraction& x) {
  std::string out;
  Put(x.title, &out);
  Put(x.date, &out);
  PutPersons(x.persons, &out);
  absl::StrAppend(&out, "organizations", x.organizations.size(), "{");
  for (const ExtractedOrganization& o : x.organizations) {
    Put(o.name, &out);
    PutList(o.aliases, &out);
    Put(o.parent, &out);
    PutSpan(o.evidence, &out);
  }
  absl::StrAppend(&out, "}meetings", x.meetings.size(), "{");
  for (const ExtractedMeeting& m : x.meetings) {
    Put(m.name, &out);
    Put(m.date, &out);
    PutList(m.organizers, &out);
    PutList(m.chairs, &out);
    PutList(m.attendees, &out);
    PutSpan(m.evidence, &out);
  }
  absl::StrAppend(&out, "}directives", x.directives.size(), "{");
  for (const ExtractedDirective& d : x.directives) {
    Put(d.issuer, &out);
    absl::StrAppend(&out, d.meeting, ";");
    Put(d.verb, &out);
    Put(d.text, &out);
    PutList(d.addressees, &out);
    PutSpan(d.evidence, &out);
  }
  out.push_back('}');
  return out;
}

// Checks the contract of every value in `x`, extracted from `input`.
class Checker {
 public:
  explicit Checker(const ReportInput& input)
      : code_points_(
            static_cast<int64_t>(CodePointCount(NormalizeNfc(input.text)))) {}

  void Check(const Extraction& x) const {
    Utf8(x.title, "title");
    Date(x.date, "publication date");
    for (const ExtractedPerson& p : x.persons) {
      Utf8(p.name, "person name");
      for (const ExtractedPosition& position : p.positions) {
        Utf8(position.role, "role");
        Utf8(position.org, "position org");
        Span(position.evidence, "position");
      }
      for (const TextSpan& mention : p.mentions) Span(mention, "mention");
    }
    for (const ExtractedOrganization& o : x.organizations) {
      Utf8(o.name, "organization name");
      Utf8(o.parent, "organization parent");
      for (const std::string& alias : o.aliases) Utf8(alias, "alias");
      Span(o.evidence, "organization");
    }
    for (const ExtractedMeeting& m : x.meetings) CheckMeeting(m);
    for (const ExtractedDirective& d : x.directives) {
      if (d.meeting < -1 || d.meeting >= static_cast<int>(x.meetings.size())) {
        Fail(absl::StrCat("directive meeting index ", d.meeting, " of ",
                          x.meetings.size(), " meetings"));
      }
      Utf8(d.issuer, "directive issuer");
      Utf8(d.verb, "directive verb");
      Utf8(d.text, "directive text");
      for (const std::string& a : d.addressees) Utf8(a, "addressee");
      Span(d.evidence, "directive");
    }
  }

 private:
  void CheckMeeting(const ExtractedMeeting& m) const {
    Utf8(m.name, "meeting name");
    Date(m.date, "meeting date");
    for (const std::string& o : m.organizers) Utf8(o, "organizer");
    for (const std::string& c : m.chairs) Utf8(c, "chair");
    for (const std::string& a : m.attendees) Utf8(a, "attendee");
    Span(m.evidence, "meeting");
  }

  static void Utf8(const std::string& s, const char* what) {
    if (!IsValidUtf8(s)) Fail(absl::StrCat(what, " is not valid UTF-8"));
  }

  static void Date(const std::string& date, const char* what) {
    absl::CivilDay day;
    if (!date.empty() &&
        (date.size() != 10 || !absl::ParseCivilTime(date, &day))) {
      Fail(absl::StrCat(what, " \"", absl::CHexEscape(date),
                        "\" is not YYYY-MM-DD"));
    }
  }

  void Span(const TextSpan& span, const char* what) const {
    if (span.start < 0 || span.start > span.end || span.end > code_points_) {
      Fail(absl::StrCat(what, " span [", span.start, ", ", span.end,
                        ") outside the text's ", code_points_, " code points"));
    }
    Utf8(span.sentence, "evidence sentence");
  }

  const int64_t code_points_;
};

// Extracts `input` twice and checks that both results agree and keep the
// contract.
void ExtractAndCheck(const ReportInput& input) {
  const Extractor& extractor = GetExtractor();
  absl::StatusOr<Extraction> first = extractor.Extract(input);
  absl::StatusOr<Extraction> second = extractor.Extract(input);
  if (first.status() != second.status()) {
    Fail(
        absl::StrCat("status differs between runs: ", first.status().ToString(),
                     " vs ", second.status().ToString()));
  }
  if (!first.ok()) {
    if (!absl::IsInvalidArgument(first.status())) {
      Fail("undocumented error: " + first.status().ToString());
    }
    return;
  }
  if (Serialize(*first) != Serialize(*second)) {
    Fail(absl::StrCat("extraction differs between runs:\n",
                      absl::CHexEscape(Serialize(*first)), "\n",
                      absl::CHexEscape(Serialize(*second))));
  }
  Checker(input).Check(*first);
}

}  // namespace
}  // namespace govgraph::extract

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using govgraph::extract::ReportInput;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  ReportInput input;
  input.text = bytes;
  govgraph::extract::ExtractAndCheck(input);
  if (size > 10 && absl::ascii_isdigit(bytes[0])) {
    ReportInput dated;
    dated.published_date = bytes.substr(0, 10);
    dated.text = bytes.substr(10);
    govgraph::extract::ExtractAndCheck(dated);
  }
  return 0;
}
