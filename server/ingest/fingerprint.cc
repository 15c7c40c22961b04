#include "server/ingest/fingerprint.h"

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "server/common/digest.h"

namespace govgraph::ingest {
namespace {

// Appends each field as its length (u32 big-endian) and bytes, so that field
// boundaries cannot shift: {"ab", ""} and {"a", "b"} differ.
class FieldWriter {
 public:
  void Add(absl::string_view field) {
    const auto size = static_cast<uint32_t>(field.size());
    for (int shift = 24; shift >= 0; shift -= 8) {
      bytes_.push_back(static_cast<char>((size >> shift) & 0xFF));
    }
    bytes_.append(field.data(), field.size());
  }
  void Add(int64_t value) { Add(absl::StrCat(value)); }

  void AddEvidence(const std::vector<Evidence>& evidence) {
    Add(static_cast<int64_t>(evidence.size()));
    for (const Evidence& e : evidence) {
      Add(e.report_id);
      Add(e.start);
      Add(e.end);
      Add(e.sentence);
    }
  }

  void AddEntity(const Entity& e) {
    Add(e.id);
    Add(static_cast<int64_t>(e.kind));
    Add(e.name);
    Add(static_cast<int64_t>(e.aliases.size()));
    for (const std::string& alias : e.aliases) Add(alias);
    for (const std::string* field :
         {&e.date, &e.location, &e.verb, &e.text, &e.source_url}) {
      Add(*field);
    }
    AddEvidence(e.evidence);
  }

  void AddRelation(const Relation& r) {
    Add(static_cast<int64_t>(r.type));
    for (const std::string* field :
         {&r.source_id, &r.target_id, &r.role, &r.start_date, &r.end_date}) {
      Add(*field);
    }
    AddEvidence(r.evidence);
  }

  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

}  // namespace

std::string ReportFingerprint(const extract::ReportInput& input,
                              absl::string_view extractor_version) {
  FieldWriter writer;
  writer.Add(extractor_version);
  writer.Add(input.text);
  writer.Add(input.published_date);
  writer.Add(input.source_url);
  writer.Add(input.title);
  return absl::StrCat("text:", Sha256Hex(writer.bytes()));
}

std::string FactsFingerprint(const ReportFacts& facts) {
  FieldWriter writer;
  writer.Add(facts.extractor_version);
  writer.AddEntity(facts.report);
  writer.Add(static_cast<int64_t>(facts.entities.size()));
  for (const Entity& entity : facts.entities) writer.AddEntity(entity);
  writer.Add(static_cast<int64_t>(facts.relations.size()));
  for (const Relation& relation : facts.relations) writer.AddRelation(relation);
  return absl::StrCat("facts:", Sha256Hex(writer.bytes()));
}

std::string ContentReportId(absl::string_view text) {
  return absl::StrCat("report:", Sha256Hex(text).substr(0, 32));
}

}  // namespace govgraph::ingest
