#include "server/ingest/extraction_to_facts.h"

#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "server/common/text.h"

namespace govgraph::ingest {
namespace {

using extract::Extraction;
using extract::TextSpan;

// Longest evidence sentence and directive text kept, in bytes.
constexpr size_t kMaxTextBytes = 4 << 10;
constexpr size_t kMaxSpansPerFact = 256;
// A directive's display name is its text cut to this many bytes; a
// report's, its title cut to kMaxTitleBytes.
constexpr size_t kMaxDirectiveNameBytes = 160;
constexpr size_t kMaxTitleBytes = 1 << 10;
constexpr char kEllipsis[] = "\xE2\x80\xA6";  // U+2026.
// Marks a former role: "nguyên Bộ trưởng".
constexpr char kFormer[] = "nguy\xC3\xAAn ";

uint32_t Fnv1a(absl::string_view s) {
  uint32_t hash = 2166136261u;
  for (char c : s) {
    hash ^= static_cast<uint8_t>(c);
    hash *= 16777619u;
  }
  return hash;
}

std::string Hex8(uint32_t value) { return absl::StrFormat("%08x", value); }

// The longest prefix of valid UTF-8 `s` of at most `max` bytes that ends on
// a code point boundary.
absl::string_view CutUtf8(absl::string_view s, size_t max) {
  if (s.size() <= max) return s;
  size_t size = max;
  while (size > 0 && (static_cast<uint8_t>(s[size]) & 0xC0) == 0x80) --size;
  return s.substr(0, size);
}

// `s` cut to `max` bytes, then '-' and the hash of all of `s`, if longer.
std::string CutWithHash(absl::string_view s, size_t max) {
  if (s.size() <= max) return std::string(s);
  std::string out(CutUtf8(s, max - 9));
  while (!out.empty() && out.back() == '-') out.pop_back();
  return absl::StrCat(out, "-", Hex8(Fnv1a(s)));
}

// `s` with control characters as spaces, runs of white space as one space,
// trimmed: usable as a name.
std::string CleanName(absl::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    const auto u = static_cast<uint8_t>(c);
    if (u < 0x20 || u == 0x7F || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// Valid UTF-8 `s` with NUL bytes as spaces, cut to kMaxTextBytes: usable
// as free text.
std::string CleanText(absl::string_view s) {
  std::string out(CutUtf8(s, kMaxTextBytes));
  for (char& c : out) {
    if (c == '\0') c = ' ';
  }
  return out;
}

std::string DateOrEmpty(absl::string_view date) {
  return IsIsoDate(date) ? std::string(date) : std::string();
}

// Adds `span` to `evidence` unless it is unknown, malformed, already there
// or over the per-fact cap.
void AddSpan(const TextSpan& span, absl::string_view report_id,
             std::vector<Evidence>* evidence) {
  if (span.start == 0 && span.end == 0 && span.sentence.empty()) return;
  if (span.start < 0 || span.end < span.start) return;
  if (evidence->size() >= kMaxSpansPerFact) return;
  for (const Evidence& e : *evidence) {
    if (e.start == span.start && e.end == span.end) return;
  }
  evidence->push_back(Evidence{std::string(report_id), span.start, span.end,
                               CleanText(span.sentence)});
}

// Collects entities and relations, merging repeats. Not thread-safe.
class FactsBuilder {
 public:
  FactsBuilder(absl::string_view report_id, const FactsOptions& options)
      : report_id_(report_id), options_(options) {}

  // Adds `entity` (named, with an id), or merges it into the entity with
  // its id: aliases and evidence are added. Returns the id.
  std::string AddEntity(Entity entity);
  // Adds `span` to the evidence of entity `id`, if it has been added.
  void AddEvidence(const std::string& id, const TextSpan& span);

  // Returns the id of the person or organisation named `name`, adding it
  // if new; "" if the name is empty.
  std::string Person(absl::string_view name);
  std::string Organization(absl::string_view name,
                           const std::vector<std::string>& aliases = {},
                           const TextSpan* span = nullptr);

  // Adds the relation, or `span` to the same relation added before. Does
  // nothing if an endpoint is "" or source equals target.
  // Returns the relation, or null if it was not added.
  Relation* Relate(RelationType type, const std::string& source,
                   const std::string& target, const TextSpan* span,
                   const std::string& role = "");

  const std::string& report_id() const { return report_id_; }

  // Adds MENTIONED_IN from every entity to the report; returns the facts.
  ReportFacts Finish(Entity report) &&;

 private:
  using RelationKey =
      std::tuple<RelationType, std::string, std::string, std::string>;

  const std::string report_id_;
  const FactsOptions& options_;
  std::vector<Entity> entities_;
  absl::flat_hash_map<std::string, size_t> entity_index_;
  std::vector<Relation> relations_;
  std::map<RelationKey, size_t> relation_index_;
};

void AddAlias(absl::string_view alias, Entity* entity) {
  std::string clean = CleanName(alias);
  if (clean.empty() || clean == entity->name) return;
  for (const std::string& a : entity->aliases) {
    if (a == clean) return;
  }
  entity->aliases.push_back(std::move(clean));
}

std::string FactsBuilder::AddEntity(Entity entity) {
  const auto [it, inserted] =
      entity_index_.emplace(entity.id, entities_.size());
  if (inserted) {
    entities_.push_back(std::move(entity));
    return entities_.back().id;
  }
  Entity& known = entities_[it->second];
  AddAlias(entity.name, &known);
  for (const std::string& alias : entity.aliases) AddAlias(alias, &known);
  for (const Evidence& e : entity.evidence) {
    AddSpan(TextSpan{e.start, e.end, e.sentence}, report_id_, &known.evidence);
  }
  return known.id;
}

void FactsBuilder::AddEvidence(const std::string& id, const TextSpan& span) {
  const auto it = entity_index_.find(id);
  if (it != entity_index_.end()) {
    AddSpan(span, report_id_, &entities_[it->second].evidence);
  }
}

std::string FactsBuilder::Person(absl::string_view name) {
  Entity person;
  person.name = CleanName(name);
  if (person.name.empty()) return "";
  person.id = PersonId(person.name);
  person.kind = EntityKind::kPerson;
  return AddEntity(std::move(person));
}

std::string FactsBuilder::Organization(absl::string_view name,
                                       const std::vector<std::string>& aliases,
                                       const TextSpan* span) {
  Entity org;
  org.name = CleanName(name);
  if (org.name.empty()) return "";
  org.id = OrganizationId(options_.organization_key
                              ? options_.organization_key(org.name)
                              : org.name);
  org.kind = EntityKind::kOrganization;
  for (const std::string& alias : aliases) AddAlias(alias, &org);
  if (span != nullptr) AddSpan(*span, report_id_, &org.evidence);
  return AddEntity(std::move(org));
}

Relation* FactsBuilder::Relate(RelationType type, const std::string& source,
                               const std::string& target, const TextSpan* span,
                               const std::string& role) {
  if (source.empty() || target.empty() || source == target) return nullptr;
  const auto [it, inserted] = relation_index_.emplace(
      RelationKey{type, source, target, role}, relations_.size());
  if (inserted) {
    Relation relation;
    relation.type = type;
    relation.source_id = source;
    relation.target_id = target;
    relation.role = role;
    relations_.push_back(std::move(relation));
  }
  if (span != nullptr) {
    AddSpan(*span, report_id_, &relations_[it->second].evidence);
  }
  return &relations_[it->second];
}

ReportFacts FactsBuilder::Finish(Entity report) && {
  for (const Entity& entity : entities_) {
    Relate(RelationType::kMentionedIn, entity.id, report_id_, nullptr);
  }
  ReportFacts facts;
  facts.report = std::move(report);
  facts.entities = std::move(entities_);
  facts.relations = std::move(relations_);
  return facts;
}

// The date of the event a position statement reports: that of the dated
// meeting told in the same sentence, else the report's.
std::string EventDate(const Extraction& x, const extract::ExtractedPosition& p,
                      const std::string& report_date) {
  for (const extract::ExtractedMeeting& m : x.meetings) {
    const std::string date = DateOrEmpty(m.date);
    if (!date.empty() && m.evidence.sentence == p.evidence.sentence) {
      return date;
    }
  }
  return report_date;
}

// Persons (with their mentions) and their positions, as mandates.
void AddPersons(const Extraction& x, const std::string& report_date,
                FactsBuilder* b) {
  for (const extract::ExtractedPerson& p : x.persons) {
    const std::string id = b->Person(p.name);
    if (id.empty()) continue;
    for (const TextSpan& span : p.mentions) b->AddEvidence(id, span);
    for (const extract::ExtractedPosition& pos : p.positions) {
      std::string role = CleanName(pos.role);
      auto change = pos.change;
      if (absl::StartsWithIgnoreCase(role, kFormer)) {
        role = CleanName(absl::string_view(role).substr(strlen(kFormer)));
        change = extract::MandateChange::kEnded;
      }
      if (role.empty()) continue;
      Relation* mandate =
          b->Relate(RelationType::kHoldsPosition, id, b->Organization(pos.org),
                    &pos.evidence, role);
      if (mandate == nullptr) continue;
      if (change == extract::MandateChange::kStarted) {
        mandate->start_date = EventDate(x, pos, report_date);
      } else if (change == extract::MandateChange::kEnded) {
        mandate->end_date = EventDate(x, pos, report_date);
      }
    }
  }
}

// Organisations and what they are part of.
void AddOrganizations(const Extraction& x, FactsBuilder* b) {
  for (const extract::ExtractedOrganization& o : x.organizations) {
    const std::string id = b->Organization(o.name);  // Added before.
    if (id.empty() || o.parent.empty()) continue;
    b->Relate(RelationType::kPartOf, id, b->Organization(o.parent),
              &o.evidence);
  }
}

// Meetings, who organised, chaired and attended them. Chairs attend too.
void AddMeetings(const Extraction& x, FactsBuilder* b) {
  for (size_t i = 0; i < x.meetings.size(); ++i) {
    const extract::ExtractedMeeting& m = x.meetings[i];
    Entity meeting;
    meeting.id = MeetingId(b->report_id(), i);
    meeting.kind = EntityKind::kMeeting;
    meeting.name = CleanName(m.name);
    if (meeting.name.empty()) meeting.name = meeting.id;
    meeting.date = DateOrEmpty(m.date);
    AddSpan(m.evidence, b->report_id(), &meeting.evidence);
    const std::string id = b->AddEntity(std::move(meeting));
    const TextSpan* span = &m.evidence;
    for (const std::string& org : m.organizers) {
      b->Relate(RelationType::kOrganized, b->Organization(org), id, span);
    }
    for (const std::string& chair : m.chairs) {
      b->Relate(RelationType::kChaired, b->Person(chair), id, span);
      b->Relate(RelationType::kAttended, b->Person(chair), id, span);
    }
    for (const std::string& attendee : m.attendees) {
      b->Relate(RelationType::kAttended, b->Person(attendee), id, span);
    }
  }
}

// CleanName(text), cut to `max` bytes plus an ellipsis if longer.
std::string ShortName(absl::string_view text, size_t max) {
  std::string name = CleanName(text);
  if (name.size() > max) name = absl::StrCat(CutUtf8(name, max), kEllipsis);
  return name;
}

// The directive's display name: its text on one line, shortened.
std::string DirectiveName(const extract::ExtractedDirective& d) {
  std::string name = ShortName(d.text, kMaxDirectiveNameBytes);
  return name.empty() ? CleanName(d.verb) : name;
}

// Directives: who issued them, at which meeting, to whom.
void AddDirectives(const Extraction& x, FactsBuilder* b) {
  for (size_t i = 0; i < x.directives.size(); ++i) {
    const extract::ExtractedDirective& d = x.directives[i];
    const bool at_meeting =
        d.meeting >= 0 && static_cast<size_t>(d.meeting) < x.meetings.size();
    Entity directive;
    directive.id = DirectiveId(b->report_id(), i);
    directive.kind = EntityKind::kDirective;
    directive.name = DirectiveName(d);
    if (directive.name.empty()) directive.name = directive.id;
    directive.verb = CleanText(d.verb);
    directive.text = CleanText(d.text);
    if (at_meeting) directive.date = DateOrEmpty(x.meetings[d.meeting].date);
    AddSpan(d.evidence, b->report_id(), &directive.evidence);
    const std::string id = b->AddEntity(std::move(directive));
    const TextSpan* span = &d.evidence;
    b->Relate(RelationType::kIssued, b->Person(d.issuer), id, span);
    if (at_meeting) {
      b->Relate(RelationType::kIssuedAt, id,
                MeetingId(b->report_id(), d.meeting), span);
    }
    for (const std::string& org : d.addressees) {
      b->Relate(RelationType::kAddressedTo, id, b->Organization(org), span);
    }
  }
}

Entity ReportEntity(absl::string_view report_id,
                    const extract::ReportInput& input, const Extraction& x) {
  Entity report;
  report.id = std::string(report_id);
  report.kind = EntityKind::kReport;
  report.name = ShortName(x.title, kMaxTitleBytes);
  if (report.name.empty()) report.name = ShortName(input.title, kMaxTitleBytes);
  if (report.name.empty()) report.name = report.id;
  report.date = DateOrEmpty(x.date);
  if (report.date.empty()) report.date = DateOrEmpty(input.published_date);
  report.source_url = input.source_url;
  return report;
}

}  // namespace

std::string Slug(absl::string_view name) {
  const std::string folded = FoldName(name);
  std::string slug;
  slug.reserve(folded.size());
  for (char c : folded) {
    if (c == ' ' || c == '-') {
      if (!slug.empty() && slug.back() != '-') slug.push_back('-');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      slug.push_back(c);
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  if (slug.empty()) return absl::StrCat("x", Hex8(Fnv1a(folded)));
  if (slug.size() <= kMaxSlugBytes) return slug;
  slug.resize(kMaxSlugBytes - 9);
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return absl::StrCat(slug, "-", Hex8(Fnv1a(folded)));
}

std::string PersonId(absl::string_view name) {
  return absl::StrCat("person:", Slug(name));
}

std::string OrganizationId(absl::string_view name) {
  return absl::StrCat("org:", Slug(name));
}

std::string MeetingId(absl::string_view report_id, size_t index) {
  return absl::StrCat("meeting:", CutWithHash(report_id, kMaxSlugBytes), ":",
                      index);
}

std::string DirectiveId(absl::string_view report_id, size_t index) {
  return absl::StrCat("directive:", CutWithHash(report_id, kMaxSlugBytes), ":",
                      index);
}

ReportFacts FactsFromExtraction(absl::string_view report_id,
                                const extract::ReportInput& input,
                                const Extraction& x,
                                const FactsOptions& options) {
  FactsBuilder builder(report_id, options);
  // The listed persons and organisations first, so that their names win
  // over the forms positions, meetings and directives use.
  for (const extract::ExtractedPerson& p : x.persons) builder.Person(p.name);
  for (const extract::ExtractedOrganization& o : x.organizations) {
    builder.Organization(o.name, o.aliases, &o.evidence);
  }
  Entity report = ReportEntity(report_id, input, x);
  AddPersons(x, report.date, &builder);
  AddOrganizations(x, &builder);
  AddMeetings(x, &builder);
  AddDirectives(x, &builder);
  return std::move(builder).Finish(std::move(report));
}

}  // namespace govgraph::ingest
