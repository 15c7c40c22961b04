#include "server/service/query_curation_convert.h"

#include "absl/time/time.h"
#include "server/service/proto_convert.h"

namespace govgraph::service {
namespace {

storage::CurationInfo Info(const std::string& curator,
                           const std::string& reason) {
  return storage::CurationInfo{curator, reason, 0};
}

v1::MandateBasis BasisToProto(query::MandateBasis basis) {
  switch (basis) {
    case query::MandateBasis::kEvidenced:
      return v1::EVIDENCED;
    case query::MandateBasis::kPresumed:
      return v1::PRESUMED;
    case query::MandateBasis::kUnspecified:
      break;
  }
  return v1::MANDATE_BASIS_UNSPECIFIED;
}

void MandateToProto(const query::Mandate& m, v1::Mandate* out) {
  ToProto(m.person, out->mutable_person());
  ToProto(m.organization, out->mutable_organization());
  out->set_role(m.role);
  out->set_start_date(m.start_date);
  out->set_end_date(m.end_date);
  out->set_first_seen(m.first_seen);
  out->set_last_seen(m.last_seen);
  out->set_basis(BasisToProto(m.basis));
  for (const std::string& id : m.report_ids) out->add_report_ids(id);
}

}  // namespace

query::PositionsRequest FromProto(const v1::ListPositionsRequest& request) {
  query::PositionsRequest out;
  out.entity_id = request.entity_id();
  out.role = request.role();
  out.as_of = request.as_of();
  out.page_size = request.page_size();
  out.page_token = request.page_token();
  return out;
}

query::AuditRequest FromProto(const v1::ListAuditRequest& request) {
  return query::AuditRequest{request.entity_id(), request.page_size(),
                             request.page_token()};
}

query::CoAttendanceRequest FromProto(
    const v1::ListCoAttendeesRequest& request) {
  query::CoAttendanceRequest out;
  out.person_id = request.person_id();
  out.from_date = request.from_date();
  out.to_date = request.to_date();
  out.page_size = request.page_size();
  out.page_token = request.page_token();
  out.meetings_per_attendee = request.meetings_per_attendee();
  return out;
}

query::MeetingsRequest FromProto(const v1::ListMeetingsRequest& request) {
  query::MeetingsRequest out;
  out.entity_id = request.entity_id();
  out.include_sub_units = request.include_sub_units();
  out.from_date = request.from_date();
  out.to_date = request.to_date();
  out.page_size = request.page_size();
  out.page_token = request.page_token();
  return out;
}

query::DirectivesRequest FromProto(const v1::ListDirectivesRequest& request) {
  query::DirectivesRequest out;
  out.entity_id = request.entity_id();
  out.from_date = request.from_date();
  out.to_date = request.to_date();
  out.page_size = request.page_size();
  out.page_token = request.page_token();
  return out;
}

query::PathsRequest FromProto(const v1::FindPathsRequest& request) {
  query::PathsRequest out;
  out.source_id = request.source_id();
  out.target_id = request.target_id();
  out.max_depth = request.max_depth();
  out.directed = request.directed();
  out.max_paths = request.max_paths();
  out.k_shortest = request.k_shortest();
  for (int type : request.types()) {
    out.types.push_back(ToCoreType(type));
  }
  return out;
}

query::TraverseRequest FromProto(const v1::TraverseRequest& request) {
  query::TraverseRequest out;
  out.start_id = request.start_id();
  out.max_hops = request.max_hops();
  for (int type : request.types()) out.types.push_back(ToCoreType(type));
  for (int kind : request.kinds()) out.kinds.push_back(ToCoreKind(kind));
  out.from_date = request.from_date();
  out.to_date = request.to_date();
  out.direction = DirectionFromProto(request.direction());
  out.limit = request.limit();
  return out;
}

query::SubgraphRequest FromProto(const v1::ExportSubgraphRequest& request) {
  query::SubgraphRequest out;
  out.center_id = request.center_id();
  out.max_hops = request.max_hops();
  for (int type : request.types()) out.types.push_back(ToCoreType(type));
  for (int kind : request.kinds()) out.kinds.push_back(ToCoreKind(kind));
  out.node_limit = request.node_limit();
  out.with_evidence = request.with_evidence();
  return out;
}

storage::MergeRequest FromProto(const v1::MergeEntitiesRequest& request) {
  return storage::MergeRequest{request.source_id(), request.target_id(),
                               Info(request.curator(), request.reason())};
}

storage::SplitRequest FromProto(const v1::SplitEntityRequest& request) {
  return storage::SplitRequest{
      request.entity_id(), request.new_id(), request.new_name(),
      std::vector<std::string>(request.report_ids().begin(),
                               request.report_ids().end()),
      Info(request.curator(), request.reason())};
}

storage::UndoRequest FromProto(const v1::UndoCurationRequest& request) {
  const int64_t id = request.audit_id();
  return storage::UndoRequest{id < 0 ? 0 : static_cast<uint64_t>(id),
                              Info(request.curator(), request.reason())};
}

void ToProto(const query::PositionsPage& page, v1::ListPositionsResponse* out) {
  for (const query::Mandate& m : page.mandates) {
    MandateToProto(m, out->add_mandates());
  }
  out->set_next_page_token(page.next_page_token);
}

void ToProto(const query::AuditPage& page, v1::ListAuditResponse* out) {
  for (const storage::AuditEntry& e : page.entries) {
    ToProto(e, out->add_entries());
  }
  out->set_next_page_token(page.next_page_token);
}

void ToProto(const query::CoAttendancePage& page,
             v1::ListCoAttendeesResponse* out) {
  for (const query::CoAttendee& attendee : page.attendees) {
    v1::CoAttendee* proto = out->add_attendees();
    ToProto(attendee.person, proto->mutable_person());
    proto->set_shared_meetings(attendee.shared_meetings);
    for (const Entity& meeting : attendee.meetings) {
      ToProto(meeting, proto->add_meetings());
    }
  }
  out->set_next_page_token(page.next_page_token);
}

void ToProto(const query::MeetingsPage& page, v1::ListMeetingsResponse* out) {
  for (const Entity& meeting : page.meetings) {
    ToProto(meeting, out->add_meetings());
  }
  out->set_next_page_token(page.next_page_token);
}

void ToProto(const query::DirectivesPage& page,
             v1::ListDirectivesResponse* out) {
  for (const Entity& directive : page.directives) {
    ToProto(directive, out->add_directives());
  }
  out->set_next_page_token(page.next_page_token);
}

void ToProto(const query::PathsResult& result, v1::FindPathsResponse* out) {
  out->set_length(result.length);
  for (const query::Path& path : result.paths) {
    v1::Path* proto = out->add_paths();
    for (const Entity& node : path.nodes) ToProto(node, proto->add_nodes());
    for (const Relation& relation : path.relations) {
      RelationToProto(relation, proto->add_relations());
    }
  }
}

void ToProto(const query::TraverseStep& step, v1::TraverseResponse* out) {
  ToProto(step.node, out->mutable_node());
  out->set_hops(step.hops);
  if (step.via.type != RelationType::kUnspecified) {
    RelationToProto(step.via, out->mutable_via());
  }
  out->set_parent_id(step.parent_id);
  out->set_limit_reached(step.limit_reached);
}

void ToProto(const query::SubgraphItem& item, v1::ExportSubgraphResponse* out) {
  if (item.node.has_value()) ToProto(*item.node, out->mutable_node());
  if (item.relation.has_value()) {
    RelationToProto(*item.relation, out->mutable_relation());
  }
  out->set_truncated(item.truncated);
}

void ToProto(const storage::AuditEntry& entry, v1::AuditEntry* out) {
  out->set_id(static_cast<int64_t>(entry.id));
  out->set_operation(static_cast<v1::CurationOperation>(entry.operation));
  out->set_curator(entry.curator);
  out->set_reason(entry.reason);
  out->set_time(absl::FormatTime("%Y-%m-%dT%H:%M:%E*SZ",
                                 absl::FromUnixMicros(entry.time_micros),
                                 absl::UTCTimeZone()));
  out->set_entity_id(entry.entity_id);
  out->set_other_id(entry.other_id);
  out->set_other_name(entry.other_name);
  for (const std::string& id : entry.report_ids) out->add_report_ids(id);
  out->set_undoes(static_cast<int64_t>(entry.undoes));
  out->set_undone_by(static_cast<int64_t>(entry.undone_by));
}

void ToProto(const storage::CurationResult& result,
             v1::MergeEntitiesResponse* out) {
  ToProto(result.entity, out->mutable_entity());
  ToProto(result.audit, out->mutable_audit());
  out->set_relations_moved(result.relations_moved);
}

void ToProto(const storage::CurationResult& result,
             v1::SplitEntityResponse* out) {
  ToProto(result.entity, out->mutable_entity());
  ToProto(result.other, out->mutable_new_entity());
  ToProto(result.audit, out->mutable_audit());
  out->set_relations_moved(result.relations_moved);
}

}  // namespace govgraph::service
