// Helpers shared by the extractor tests: one extractor over the built-in
// lexicon, and lookups into what it extracted.
#ifndef GOVGRAPH_TESTS_EXTRACT_EXTRACT_TESTING_H_
#define GOVGRAPH_TESTS_EXTRACT_EXTRACT_TESTING_H_

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "server/extract/extractor.h"

namespace govgraph::extract::testing {

// The extractor with the built-in lexicon; built once, never freed.
inline const Extractor& BuiltInExtractor() {
  static const Extractor* const kExtractor = [] {
    absl::StatusOr<std::shared_ptr<const Lexicon>> lexicon = Lexicon::BuiltIn();
    EXPECT_TRUE(lexicon.ok()) << lexicon.status();
    return new Extractor(*lexicon);
  }();
  return *kExtractor;
}

// The extraction of a report whose body is `body` (a title line is put
// before it), published on `published`.
inline Extraction ExtractBody(const std::string& body,
                              const std::string& published = "2019-03-06") {
  ReportInput input;
  input.text = "Tin tức\n\n" + body + "\n";
  input.published_date = published;
  absl::StatusOr<Extraction> out = BuiltInExtractor().Extract(input);
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? *out : Extraction();
}

// The person or organisation named exactly `name`; null if none.
inline const ExtractedPerson* FindPerson(const Extraction& x,
                                         const std::string& name) {
  for (const ExtractedPerson& p : x.persons) {
    if (p.name == name) return &p;
  }
  return nullptr;
}
inline const ExtractedOrganization* FindOrganization(const Extraction& x,
                                                     const std::string& name) {
  for (const ExtractedOrganization& o : x.organizations) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

}  // namespace govgraph::extract::testing

#endif  // GOVGRAPH_TESTS_EXTRACT_EXTRACT_TESTING_H_
