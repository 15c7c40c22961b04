#!/usr/bin/python3
"""Proves a client generated from govgraph's protos in another language can
call every RPC of the real govgraph-server.

Generates Python stubs with protoc into a temporary directory (the API plus
grpc.health.v1 and grpc.reflection.v1alpha), starts the server on a free
loopback port, calls IngestFacts, GetEntity, ListRelations (paged),
ListEvidence, SearchEntities, GetStats, Extract, IngestReport, IngestReports (a
bidirectional stream), ListPositions, ListCoAttendees, ListMeetings,
ListDirectives, FindPaths (shortest and k shortest), Traverse and
ExportSubgraph (server streams), SplitEntity,
MergeEntities, UndoCuration, ListAudit, DeleteReport, ImportGraph (a client
stream), ExportGraph, CreateBackup, Health/Check and ServerReflectionInfo,
and checks the NOT_FOUND, INVALID_ARGUMENT, FAILED_PRECONDITION and
ALREADY_EXISTS errors. Exits 0 on success, 1 on a failed check, 2 if the test
could not be set up. Run with Debian's /usr/bin/python3, which sees
python3-grpcio and python3-protobuf.
"""

import argparse
import importlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
REPORT_ID = "r-2023-07-12-dan-van-tphcm"
LOC = "p-nguyen-phuoc-loc"
BAN_DAN_VAN = "o-ban-dan-van-tu-tphcm"
MEETING = "m-so-ket-dan-van-2023-07-12"
MINH = "p-le-van-minh"
RPC_TIMEOUT = 10  # Seconds.

# grpc/health and grpc/reflection protos are compiled from copies under
# these directories: generated as grpc.health..., their modules would be
# shadowed by the installed grpc package.
EXTRA_PROTOS = {
    "grpc/health/v1/health.proto": "grpc_health_v1/health.proto",
    "grpc/reflection/v1alpha/reflection.proto":
        "grpc_reflection_v1alpha/reflection.proto",
}


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)
    print("ok:", message)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", required=True,
                        help="path of the govgraph-server binary")
    parser.add_argument("--proto_dir", required=True,
                        help="the repository's proto/ directory")
    parser.add_argument("--grpc_proto_dir", default="/usr/share/grpc-proto")
    parser.add_argument(
        "--facts",
        default=os.path.join(HERE, "..", "testdata", "facts",
                             "danvan_report.json"),
        help="an IngestFactsRequest as proto3 JSON")
    parser.add_argument("--protoc", default=shutil.which("protoc") or
                        "/usr/bin/protoc")
    parser.add_argument("--grpc_python_plugin",
                        default="/usr/bin/grpc_python_plugin")
    return parser.parse_args()


def generate_stubs(args, out_dir):
    """Runs protoc; returns the modules needed, keyed by short name."""
    extra_dir = os.path.join(out_dir, "extra_protos")
    for source, copy in EXTRA_PROTOS.items():
        os.makedirs(os.path.dirname(os.path.join(extra_dir, copy)),
                    exist_ok=True)
        shutil.copy(os.path.join(args.grpc_proto_dir, source),
                    os.path.join(extra_dir, copy))
    subprocess.run(
        [args.protoc, "--python_out=" + out_dir, "--grpc_python_out=" + out_dir,
         "--plugin=protoc-gen-grpc_python=" + args.grpc_python_plugin,
         "-I", args.proto_dir, "-I", extra_dir,
         "govgraph/v1/knowledge_graph.proto"] + list(EXTRA_PROTOS.values()),
        check=True)
    sys.path.insert(0, out_dir)
    names = {
        "api": "govgraph.v1.knowledge_graph_pb2",
        "api_grpc": "govgraph.v1.knowledge_graph_pb2_grpc",
        "health": "grpc_health_v1.health_pb2",
        "health_grpc": "grpc_health_v1.health_pb2_grpc",
        "reflection": "grpc_reflection_v1alpha.reflection_pb2",
        "reflection_grpc": "grpc_reflection_v1alpha.reflection_pb2_grpc",
    }
    return {key: importlib.import_module(name) for key, name in names.items()}


def start_server(args, work_dir):
    """Starts the server; returns (process, address, stderr path)."""
    port_file = os.path.join(work_dir, "port")
    stderr_path = os.path.join(work_dir, "server.stderr")
    with open(stderr_path, "wb") as stderr:
        process = subprocess.Popen(
            [args.server, "--listen=127.0.0.1:0",
             "--data_dir=" + os.path.join(work_dir, "data"),
             "--port_file=" + port_file],
            stdout=subprocess.DEVNULL, stderr=stderr)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if os.path.exists(port_file):
            with open(port_file) as f:
                text = f.read()
            if text.endswith("\n") and text.strip().isdigit():
                return process, "127.0.0.1:" + text.strip(), stderr_path
        if process.poll() is not None:
            break
        time.sleep(0.02)
    return process, None, stderr_path


def expect_rpc_error(grpc, call, code, what):
    try:
        call()
    except grpc.RpcError as error:
        check(error.code() == code,
              "%s fails with %s (got %s: %s)" %
              (what, code.name, error.code().name, error.details()))
        return
    raise CheckFailed("%s should fail with %s but succeeded" % (what, code.name))


def check_ingest(m, stub, facts_json):
    from google.protobuf import json_format
    request = json_format.Parse(facts_json, m["api"].IngestFactsRequest())
    response = stub.IngestFacts(request, timeout=RPC_TIMEOUT)
    check(response.report_id == REPORT_ID, "IngestFacts returns the report id")
    check(not response.replaced, "first IngestFacts replaces nothing")
    check(response.relations_written == 10, "IngestFacts writes 10 relations")
    again = stub.IngestFacts(request, timeout=RPC_TIMEOUT)
    check(again.unchanged and again.entities_written == 0
          and again.relations_written == 0,
          "re-sending the same facts is unchanged and writes nothing")
    request.report.title = request.report.title + " (sửa)"
    changed = stub.IngestFacts(request, timeout=RPC_TIMEOUT)
    check(changed.replaced and not changed.unchanged,
          "re-sending changed facts replaces the report")


def check_get(m, stub):
    entity = stub.GetEntity(m["api"].GetEntityRequest(id=LOC),
                            timeout=RPC_TIMEOUT)
    check(entity.id == LOC and entity.kind == m["api"].PERSON,
          "GetEntity returns the person")
    check(entity.display_name == "Nguyễn Phước Lộc",
          "GetEntity keeps Vietnamese diacritics")
    check(entity.WhichOneof("details") == "person",
          "GetEntity fills the person details")


def check_list_relations(m, stub):
    api = m["api"]
    request = api.ListRelationsRequest(entity_id=MEETING,
                                       direction=api.INCOMING, page_size=1)
    first = stub.ListRelations(request, timeout=RPC_TIMEOUT)
    check(len(first.relations) == 1 and first.next_page_token,
          "ListRelations page_size 1 returns one relation and a token")
    seen = [first.relations[0]]
    request.page_token = first.next_page_token
    for _ in range(10):
        page = stub.ListRelations(request, timeout=RPC_TIMEOUT)
        seen.extend(page.relations)
        if not page.next_page_token:
            break
        request.page_token = page.next_page_token
    check(len(seen) == 4, "paging yields the 4 incoming relations (got %d)"
          % len(seen))
    keys = {(v.relation.type, v.relation.source_id) for v in seen}
    check(len(keys) == 4, "pages do not repeat relations")
    check(all(v.direction == api.INCOMING for v in seen),
          "every relation is INCOMING")


def check_list_evidence(grpc, m, stub):
    api = m["api"]
    page = stub.ListEvidence(api.ListEvidenceRequest(entity_id=LOC),
                             timeout=RPC_TIMEOUT)
    check(len(page.items) == 1 and not page.next_page_token,
          "ListEvidence returns the person's one span")
    item = page.items[0]
    check(item.evidence.sentence and item.published_date == "2023-07-12"
          and item.source_url.startswith("https://"),
          "ListEvidence joins the report's date and source URL")
    key = api.RelationKey(type=api.CHAIRED, source_id=LOC, target_id=MEETING)
    page = stub.ListEvidence(api.ListEvidenceRequest(relation=key),
                             timeout=RPC_TIMEOUT)
    check(len(page.items) == 1, "ListEvidence of a relation")
    expect_rpc_error(
        grpc, lambda: stub.ListEvidence(api.ListEvidenceRequest(),
                                        timeout=RPC_TIMEOUT),
        grpc.StatusCode.INVALID_ARGUMENT, "ListEvidence without a fact")


def check_search_and_stats(m, stub):
    api = m["api"]
    found = stub.SearchEntities(
        api.SearchEntitiesRequest(query="nguyen phuoc loc"),
        timeout=RPC_TIMEOUT)
    check([e.id for e in found.entities] == [LOC],
          "SearchEntities folds case and diacritics")
    stats = stub.GetStats(api.GetStatsRequest(), timeout=RPC_TIMEOUT)
    check(stats.relations == 10 and stats.reports == 1,
          "GetStats counts 10 relations and 1 report (got %d, %d)"
          % (stats.relations, stats.reports))
    check(stats.entities_by_kind.get("PERSON") == 2,
          "GetStats counts 2 persons")


def check_errors(grpc, m, stub):
    api = m["api"]
    expect_rpc_error(
        grpc, lambda: stub.GetEntity(api.GetEntityRequest(id="no-such-id"),
                                     timeout=RPC_TIMEOUT),
        grpc.StatusCode.NOT_FOUND, "GetEntity of an unknown id")
    expect_rpc_error(
        grpc, lambda: stub.IngestFacts(api.IngestFactsRequest(),
                                       timeout=RPC_TIMEOUT),
        grpc.StatusCode.INVALID_ARGUMENT, "an empty IngestFacts")


def check_reports(grpc, m, stub):
    api = m["api"]
    report = api.ReportText(
        text="Hội nghị tổng kết\nÔng Trần Văn Nam chủ trì hội nghị.",
        published_date="2024-03-15")
    extracted = stub.Extract(api.ExtractRequest(report=report),
                             timeout=RPC_TIMEOUT)
    check(extracted.extraction.title == "Hội nghị tổng kết",
          "Extract takes the first line as the title")
    expect_rpc_error(
        grpc, lambda: stub.Extract(
            api.ExtractRequest(report=api.ReportText(text=" \n")),
            timeout=RPC_TIMEOUT),
        grpc.StatusCode.INVALID_ARGUMENT, "Extract of white space")
    single = stub.IngestReport(
        api.IngestReportRequest(report_id="py-0", report=report),
        timeout=RPC_TIMEOUT)
    check(single.result.report_id == "py-0", "IngestReport writes the report")
    check_content_hash_id(m, stub)
    requests = [
        api.IngestReportRequest(report_id="py-1", report=report),
        api.IngestReportRequest(report_id="py-2",
                                report=api.ReportText(text="")),
        api.IngestReportRequest(report_id="py-3", report=report),
    ]
    acks = list(stub.IngestReports(iter(requests), timeout=RPC_TIMEOUT))
    check([a.report_id for a in acks] == ["py-1", "py-2", "py-3"],
          "IngestReports acknowledges each report, in order")
    invalid = grpc.StatusCode.INVALID_ARGUMENT.value[0]
    check([a.code for a in acks] == [0, invalid, 0],
          "IngestReports fails only the empty report (got %s)"
          % [a.code for a in acks])


def check_content_hash_id(m, stub):
    api = m["api"]
    report = api.ReportText(text="Tin ngắn\nÔng Trần Văn Nam phát biểu.")
    first = stub.IngestReport(api.IngestReportRequest(report=report),
                              timeout=RPC_TIMEOUT)
    rid = first.report_id
    check(rid.startswith("report:") and len(rid) == len("report:") + 32
          and all(c in "0123456789abcdef" for c in rid[len("report:"):]),
          "IngestReport without an id names it by content hash (got %r)" % rid)
    again = stub.IngestReport(api.IngestReportRequest(report=report),
                              timeout=RPC_TIMEOUT)
    check(again.report_id == rid and again.result.unchanged,
          "the same text again is the same report, unchanged")
    stub.DeleteReport(api.DeleteReportRequest(report_id=rid),
                      timeout=RPC_TIMEOUT)


def check_positions(grpc, m, stub):
    api = m["api"]
    page = stub.ListPositions(api.ListPositionsRequest(entity_id=LOC),
                              timeout=RPC_TIMEOUT)
    check([(p.role, p.organization.id) for p in page.mandates]
          == [("Trưởng ban", BAN_DAN_VAN)],
          "ListPositions lists the person's one mandate")
    check(page.mandates[0].first_seen == "2023-07-12"
          and page.mandates[0].person.id == LOC,
          "a mandate carries its person and first-seen date")
    in_org = stub.ListPositions(
        api.ListPositionsRequest(entity_id=BAN_DAN_VAN, role="PHO TRUONG BAN",
                                 as_of="2023-07-12"),
        timeout=RPC_TIMEOUT)
    check([p.person.id for p in in_org.mandates] == ["p-le-van-minh"]
          and in_org.mandates[0].basis == api.EVIDENCED,
          "ListPositions of an organisation filters by role and date")
    expect_rpc_error(
        grpc, lambda: stub.ListPositions(
            api.ListPositionsRequest(entity_id=LOC, as_of="2023-13-45"),
            timeout=RPC_TIMEOUT),
        grpc.StatusCode.INVALID_ARGUMENT, "ListPositions with a bad date")
    expect_rpc_error(
        grpc, lambda: stub.ListPositions(
            api.ListPositionsRequest(entity_id="no-such-id"),
            timeout=RPC_TIMEOUT),
        grpc.StatusCode.NOT_FOUND, "ListPositions of an unknown id")


def check_meetings_and_paths(grpc, m, stub):
    api = m["api"]
    co = stub.ListCoAttendees(
        api.ListCoAttendeesRequest(person_id=LOC, from_date="2023-07-12",
                                   to_date="2023-07-12"),
        timeout=RPC_TIMEOUT)
    check([(a.person.id, a.shared_meetings, [e.id for e in a.meetings])
           for a in co.attendees] == [(MINH, 1, [MEETING])],
          "ListCoAttendees lists the one co-attendee and the shared meeting")
    meetings = stub.ListMeetings(
        api.ListMeetingsRequest(entity_id=BAN_DAN_VAN, include_sub_units=True,
                                from_date="2023-01-01"),
        timeout=RPC_TIMEOUT)
    check([e.id for e in meetings.meetings] == [MEETING]
          and meetings.meetings[0].meeting.date == "2023-07-12",
          "ListMeetings lists the meeting the organisation organised")
    found = stub.FindPaths(
        api.FindPathsRequest(source_id=LOC, target_id=MINH,
                             types=[api.ATTENDED]),
        timeout=RPC_TIMEOUT)
    check(found.length == 2 and len(found.paths) == 1
          and [n.id for n in found.paths[0].nodes] == [LOC, MEETING, MINH]
          and all(r.type == api.ATTENDED and r.evidence
                  for r in found.paths[0].relations),
          "FindPaths joins two attendees through the meeting, with evidence")
    directives = stub.ListDirectives(
        api.ListDirectivesRequest(entity_id=MEETING), timeout=RPC_TIMEOUT)
    check(list(directives.directives) == [],
          "ListDirectives of a meeting where none was given is empty")
    steps = list(stub.Traverse(
        api.TraverseRequest(start_id=LOC, max_hops=1, types=[api.ATTENDED]),
        timeout=RPC_TIMEOUT))
    check([(s.node.id, s.hops) for s in steps] == [(LOC, 0), (MEETING, 1)]
          and steps[1].via.type == api.ATTENDED,
          "Traverse streams the start, then the meeting it attended")
    invalid, not_found = (grpc.StatusCode.INVALID_ARGUMENT,
                          grpc.StatusCode.NOT_FOUND)
    for method, request, code, what in [
            (stub.ListCoAttendees,
             api.ListCoAttendeesRequest(person_id=LOC, from_date="2023-02-30"),
             invalid, "ListCoAttendees with a bad date"),
            (stub.ListMeetings, api.ListMeetingsRequest(entity_id="no-such-id"),
             not_found, "ListMeetings of an unknown id"),
            (stub.FindPaths, api.FindPathsRequest(source_id=LOC, target_id=LOC),
             invalid, "FindPaths from an entity to itself"),
            (lambda r, timeout: list(stub.Traverse(r, timeout=timeout)),
             api.TraverseRequest(start_id=LOC, max_hops=9), invalid,
             "Traverse too deep")]:
        expect_rpc_error(grpc, lambda: method(request, timeout=RPC_TIMEOUT),
                         code, what)


def check_k_paths_and_subgraph(grpc, m, stub):
    api = m["api"]
    found = stub.FindPaths(
        api.FindPathsRequest(source_id=LOC, target_id=MINH, k_shortest=5),
        timeout=RPC_TIMEOUT)
    check(found.length == 2
          and [[n.id for n in p.nodes] for p in found.paths] ==
          [[LOC, MEETING, MINH], [LOC, MEETING, MINH],
           [LOC, BAN_DAN_VAN, MINH], [LOC, REPORT_ID, MINH],
           [LOC, MEETING, BAN_DAN_VAN, MINH]],
          "FindPaths k_shortest lists the 5 shortest loopless paths in order")
    check([p.relations[0].type for p in found.paths[:2]]
          == [api.CHAIRED, api.ATTENDED],
          "parallel relations are distinct paths, by relation type")
    items = list(stub.ExportSubgraph(
        api.ExportSubgraphRequest(center_id=MEETING, with_evidence=True),
        timeout=RPC_TIMEOUT))
    nodes = [i.node.id for i in items if i.WhichOneof("item") == "node"]
    relations = [(i.relation.type, i.relation.source_id, i.relation.target_id)
                 for i in items if i.WhichOneof("item") == "relation"]
    check(nodes[:1] == [MEETING]
          and sorted(nodes) == sorted([MEETING, LOC, MINH, BAN_DAN_VAN,
                                       REPORT_ID])
          and items[len(nodes) - 1].WhichOneof("item") == "node",
          "ExportSubgraph streams the centre, then its neighbours")
    check(len(relations) == 10 and len(set(relations)) == 10
          and not any(i.truncated for i in items),
          "ExportSubgraph sends each of the 10 relations once (got %d)"
          % len(relations))
    check(any(i.relation.evidence for i in items
              if i.WhichOneof("item") == "relation"),
          "ExportSubgraph attaches evidence when asked")
    people = list(stub.ExportSubgraph(
        api.ExportSubgraphRequest(center_id=MEETING, kinds=[api.PERSON],
                                  node_limit=2),
        timeout=RPC_TIMEOUT))
    check(len(people) >= 3
          and [i.WhichOneof("item") for i in people[:3]]
          == ["node", "node", "relation"]
          and [i.truncated for i in people] == [False, False, True]
          + [False] * (len(people) - 3),
          "ExportSubgraph flags the first relation when the limit truncates")
    invalid, not_found = (grpc.StatusCode.INVALID_ARGUMENT,
                          grpc.StatusCode.NOT_FOUND)
    export = lambda r, timeout: list(stub.ExportSubgraph(r, timeout=timeout))
    for method, request, code, what in [
            (stub.FindPaths,
             api.FindPathsRequest(source_id=LOC, target_id=MINH, k_shortest=2,
                                  max_paths=2),
             invalid, "FindPaths with k_shortest and max_paths"),
            (stub.FindPaths,
             api.FindPathsRequest(source_id=LOC, target_id=MINH,
                                  k_shortest=21),
             invalid, "FindPaths with k_shortest over 20"),
            (export, api.ExportSubgraphRequest(center_id=MEETING, max_hops=4),
             invalid, "ExportSubgraph too deep"),
            (export, api.ExportSubgraphRequest(center_id="no-such-id"),
             not_found, "ExportSubgraph of an unknown id")]:
        expect_rpc_error(grpc, lambda: method(request, timeout=RPC_TIMEOUT),
                         code, what)


def find_person(m, stub, query):
    api = m["api"]
    found = stub.SearchEntities(
        api.SearchEntitiesRequest(query=query, kind=api.PERSON),
        timeout=RPC_TIMEOUT)
    check(len(found.entities) == 1, "one person named %s" % query)
    return found.entities[0].id


def check_merged_away(grpc, m, stub, old_id, target):
    """Checks that old_id names no entity of its own any more: it is unknown
    or resolves to target."""
    try:
        entity = stub.GetEntity(m["api"].GetEntityRequest(id=old_id),
                                timeout=RPC_TIMEOUT)
    except grpc.RpcError as error:
        check(error.code() == grpc.StatusCode.NOT_FOUND,
              "%s is gone (got %s)" % (old_id, error.code().name))
        return
    check(entity.id == target,
          "%s resolves to %s (got %s)" % (old_id, target, entity.id))


def check_split_and_undo(grpc, m, stub, nam):
    api = m["api"]
    who = dict(curator="python_client_test", reason="kiểm thử")
    split = stub.SplitEntity(
        api.SplitEntityRequest(entity_id=nam, new_id="person:py-split",
                               report_ids=["py-3"], **who),
        timeout=RPC_TIMEOUT)
    check(split.new_entity.id == "person:py-split"
          and split.audit.operation == api.SPLIT
          and list(split.audit.report_ids) == ["py-3"],
          "SplitEntity moves a report to a new entity, audited")
    expect_rpc_error(
        grpc, lambda: stub.SplitEntity(
            api.SplitEntityRequest(entity_id=nam, new_id=LOC,
                                   report_ids=["py-1"], **who),
            timeout=RPC_TIMEOUT),
        grpc.StatusCode.ALREADY_EXISTS, "SplitEntity to a taken id")
    undo = stub.UndoCuration(
        api.UndoCurationRequest(audit_id=split.audit.id, **who),
        timeout=RPC_TIMEOUT)
    check(undo.audit.undoes == split.audit.id, "UndoCuration reverses it")
    check_merged_away(grpc, m, stub, "person:py-split", nam)
    expect_rpc_error(
        grpc, lambda: stub.UndoCuration(
            api.UndoCurationRequest(audit_id=split.audit.id, **who),
            timeout=RPC_TIMEOUT),
        grpc.StatusCode.FAILED_PRECONDITION, "undoing an entry twice")


def check_merge_and_audit(grpc, m, stub, nam):
    api = m["api"]
    who = dict(curator="python_client_test", reason="cùng một người?")
    merged = stub.MergeEntities(
        api.MergeEntitiesRequest(source_id=LOC, target_id=nam, **who),
        timeout=RPC_TIMEOUT)
    check(merged.entity.id == nam and "Nguyễn Phước Lộc" in merged.entity.aliases
          and merged.audit.operation == api.MERGE,
          "MergeEntities keeps the source's name as an alias, audited")
    check_merged_away(grpc, m, stub, LOC, nam)
    expect_rpc_error(
        grpc, lambda: stub.MergeEntities(
            api.MergeEntitiesRequest(source_id=nam, target_id=BAN_DAN_VAN,
                                     **who),
            timeout=RPC_TIMEOUT),
        grpc.StatusCode.FAILED_PRECONDITION, "merging a person into an org")
    audit = stub.ListAudit(api.ListAuditRequest(entity_id=LOC),
                           timeout=RPC_TIMEOUT)
    check([e.id for e in audit.entries][:1] == [merged.audit.id]
          and audit.entries[0].other_id == LOC
          and audit.entries[0].curator == "python_client_test",
          "ListAudit of the merged-away id lists the merge, newest first")
    stub.UndoCuration(api.UndoCurationRequest(audit_id=merged.audit.id, **who),
                      timeout=RPC_TIMEOUT)
    back = stub.GetEntity(api.GetEntityRequest(id=LOC), timeout=RPC_TIMEOUT)
    check(back.display_name == "Nguyễn Phước Lộc",
          "undoing the merge brings the person back")
    everything = stub.ListAudit(api.ListAuditRequest(page_size=1),
                                timeout=RPC_TIMEOUT)
    check(len(everything.entries) == 1 and everything.next_page_token,
          "ListAudit pages")
    expect_rpc_error(
        grpc, lambda: stub.ListAudit(
            api.ListAuditRequest(page_token="garbage!!"), timeout=RPC_TIMEOUT),
        grpc.StatusCode.INVALID_ARGUMENT, "ListAudit with a bad page token")


def check_curation(grpc, m, stub):
    nam = find_person(m, stub, "tran van nam")
    check_split_and_undo(grpc, m, stub, nam)
    check_merge_and_audit(grpc, m, stub, nam)


def check_delete_report(grpc, m, stub):
    api = m["api"]
    before = stub.GetStats(api.GetStatsRequest(), timeout=RPC_TIMEOUT)
    deleted = stub.DeleteReport(api.DeleteReportRequest(report_id="py-0"),
                                timeout=RPC_TIMEOUT)
    check(deleted.report_id == "py-0", "DeleteReport returns the report id")
    after = stub.GetStats(api.GetStatsRequest(), timeout=RPC_TIMEOUT)
    check(after.reports == before.reports - 1,
          "DeleteReport removes one report (got %d -> %d)"
          % (before.reports, after.reports))
    expect_rpc_error(
        grpc, lambda: stub.DeleteReport(
            api.DeleteReportRequest(report_id="py-0"), timeout=RPC_TIMEOUT),
        grpc.StatusCode.NOT_FOUND, "DeleteReport of a deleted report")
    expect_rpc_error(
        grpc, lambda: stub.DeleteReport(api.DeleteReportRequest(),
                                        timeout=RPC_TIMEOUT),
        grpc.StatusCode.INVALID_ARGUMENT, "DeleteReport without an id")
    removed = stub.DeleteReport(api.DeleteReportRequest(report_id=REPORT_ID),
                                timeout=RPC_TIMEOUT)
    check(removed.relations_removed == 10,
          "DeleteReport of the facts report removes its 10 relations (got %d)"
          % removed.relations_removed)
    expect_rpc_error(
        grpc, lambda: stub.GetEntity(api.GetEntityRequest(id=LOC),
                                     timeout=RPC_TIMEOUT),
        grpc.StatusCode.NOT_FOUND, "GetEntity of a retracted person")


# A small graph in the benchmark's CSV layout (nodes.csv, edges.csv).
IMPORT_NODES = (
    "id,kind,name,date\n"
    "imp-p9,Person,Nguyễn Văn Chín,1960-01-01\n"
    "imp-p10,Person,\"Trần Văn Mười\",\n"
    "imp-o1,Organization,\"Sở Nội vụ, TPHCM\",\n"
    "imp-m1,Meeting,Họp giao ban,2024-05-06\n")
IMPORT_EDGES = (
    "src,dst,type,title,start,end\r\n"
    "imp-p9,imp-o1,HOLDS_POSITION,Giám đốc,2020-01-01,2024-01-01\r\n"
    "imp-p10,imp-o1,HOLDS_POSITION,Giám đốc,2024-01-01,\r\n"
    "imp-p9,imp-m1,ATTENDED,,,\r\n"
    "imp-p10,imp-m1,ATTENDED,,,\r\n")


def import_requests(api, nodes, edges, source_id="", chunk=7):
    """The ImportGraph stream: chunks of `chunk` bytes, which split lines
    and UTF-8 sequences."""
    nodes, edges = nodes.encode("utf-8"), edges.encode("utf-8")
    if source_id:
        yield api.ImportGraphRequest(source_id=source_id)
    for i in range(0, len(nodes), chunk):
        yield api.ImportGraphRequest(nodes_csv=nodes[i:i + chunk])
    for i in range(0, len(edges), chunk):
        yield api.ImportGraphRequest(edges_csv=edges[i:i + chunk])


def check_import(grpc, m, stub):
    api = m["api"]
    response = stub.ImportGraph(
        import_requests(api, IMPORT_NODES, IMPORT_EDGES, "py-import"),
        timeout=RPC_TIMEOUT)
    check(response.source_id == "py-import" and response.nodes == 4
          and response.edges == 4,
          "ImportGraph loads 4 nodes and 4 edges (got %d, %d)"
          % (response.nodes, response.edges))
    org = stub.GetEntity(api.GetEntityRequest(id="imp-o1"),
                         timeout=RPC_TIMEOUT)
    check(org.display_name == "Sở Nội vụ, TPHCM"
          and [(e.report_id, e.source_line) for e in org.evidence]
          == [("py-import", 4)],
          "an imported entity cites the import and its nodes.csv line")
    held = stub.ListPositions(
        api.ListPositionsRequest(entity_id="imp-o1", as_of="2024-01-01"),
        timeout=RPC_TIMEOUT)
    check([(p.person.id, p.basis) for p in held.mandates]
          == [("imp-p10", api.EVIDENCED)],
          "imported terms end on their end date, exclusive")
    co = stub.ListCoAttendees(api.ListCoAttendeesRequest(person_id="imp-p9"),
                              timeout=RPC_TIMEOUT)
    check([(a.person.id, a.shared_meetings) for a in co.attendees]
          == [("imp-p10", 1)],
          "imported attendance is queryable")
    bad_nodes = IMPORT_NODES.replace("imp-", "imp2-")
    bad_edges = (IMPORT_EDGES.replace("imp-", "imp2-")
                 .replace("imp2-p10,imp2-o1", "imp2-p10,imp2-nobody"))
    before = stub.GetStats(api.GetStatsRequest(), timeout=RPC_TIMEOUT)
    try:
        stub.ImportGraph(import_requests(api, bad_nodes, bad_edges),
                         timeout=RPC_TIMEOUT)
        raise CheckFailed("ImportGraph with a bad edge row succeeded")
    except grpc.RpcError as error:
        check(error.code() == grpc.StatusCode.INVALID_ARGUMENT
              and "edges.csv line 3" in (error.details() or ""),
              "ImportGraph names the bad row: INVALID_ARGUMENT, edges.csv "
              "line 3 (got %s: %s)" % (error.code().name, error.details()))
    after = stub.GetStats(api.GetStatsRequest(), timeout=RPC_TIMEOUT)
    check(after.entities == before.entities
          and after.relations == before.relations,
          "a refused import loads nothing")
    expect_rpc_error(
        grpc, lambda: stub.GetEntity(api.GetEntityRequest(id="imp2-p9"),
                                     timeout=RPC_TIMEOUT),
        grpc.StatusCode.NOT_FOUND, "GetEntity of a node of a refused import")


def check_export_and_backup(grpc, m, stub):
    api = m["api"]
    stats = stub.GetStats(api.GetStatsRequest(), timeout=RPC_TIMEOUT)
    nodes = relations = evidence = 0
    ids = set()
    for batch in stub.ExportGraph(api.ExportGraphRequest(with_evidence=True),
                                  timeout=RPC_TIMEOUT):
        check(not batch.nodes or relations == 0,
              "ExportGraph sends every node before the relations")
        nodes += len(batch.nodes)
        ids.update(node.id for node in batch.nodes)
        for relation in batch.relations:
            relations += 1
            evidence += len(relation.evidence)
            check(relation.source_id in ids and relation.target_id in ids,
                  "ExportGraph relations join exported nodes")
    check(nodes == stats.entities and relations == stats.relations,
          "ExportGraph sends the %d nodes and %d relations GetStats counts "
          "(got %d, %d)" % (stats.entities, stats.relations, nodes, relations))
    check(evidence > 0, "ExportGraph attaches evidence when asked")
    backups = tempfile.mkdtemp(prefix="govgraph_py_backup_")
    try:
        backup = stub.CreateBackup(api.CreateBackupRequest(dir=backups),
                                   timeout=RPC_TIMEOUT)
        check(backup.backup_id == 1, "CreateBackup makes backup 1")
    finally:
        shutil.rmtree(backups, ignore_errors=True)
    expect_rpc_error(
        grpc, lambda: stub.CreateBackup(api.CreateBackupRequest(dir="rel"),
                                        timeout=RPC_TIMEOUT),
        grpc.StatusCode.INVALID_ARGUMENT, "CreateBackup into a relative dir")


def check_health(m, channel):
    stub = m["health_grpc"].HealthStub(channel)
    response = stub.Check(m["health"].HealthCheckRequest(service=""),
                          timeout=RPC_TIMEOUT)
    check(response.status == m["health"].HealthCheckResponse.SERVING,
          "Health/Check reports SERVING")


def check_reflection(grpc, m, channel):
    stub = m["reflection_grpc"].ServerReflectionStub(channel)
    requests = [m["reflection"].ServerReflectionRequest(list_services="")]
    responses, final = [], "OK"
    try:
        for response in stub.ServerReflectionInfo(iter(requests),
                                                  timeout=RPC_TIMEOUT):
            responses.append(response)
    except grpc.RpcError as error:
        final = "%s: %s" % (error.code().name, error.details())
    check(len(responses) == 1, "reflection answers the one request")
    names = [s.name for s in responses[0].list_services_response.service]
    check("govgraph.v1.KnowledgeGraph" in names,
          "reflection lists govgraph.v1.KnowledgeGraph (got %s)" % names)
    check(final == "OK",
          "reflection stream ends OK after the client half-closes (got %s)"
          % final)


def run_checks(args, modules, address):
    import grpc
    channel = grpc.insecure_channel(address)
    grpc.channel_ready_future(channel).result(timeout=RPC_TIMEOUT)
    stub = modules["api_grpc"].KnowledgeGraphStub(channel)
    with open(args.facts, encoding="utf-8") as f:
        facts_json = f.read()
    check_health(modules, channel)
    check_ingest(modules, stub, facts_json)
    check_get(modules, stub)
    check_list_relations(modules, stub)
    check_list_evidence(grpc, modules, stub)
    check_search_and_stats(modules, stub)
    check_errors(grpc, modules, stub)
    check_reports(grpc, modules, stub)
    check_positions(grpc, modules, stub)
    check_meetings_and_paths(grpc, modules, stub)
    check_k_paths_and_subgraph(grpc, modules, stub)
    check_curation(grpc, modules, stub)
    check_delete_report(grpc, modules, stub)
    check_import(grpc, modules, stub)
    check_export_and_backup(grpc, modules, stub)
    check_reflection(grpc, modules, channel)
    channel.close()


def stop_server(process):
    """SIGTERMs the server; returns its exit code (None if it hung)."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return None


def main():
    args = parse_args()
    work_dir = tempfile.mkdtemp(prefix="govgraph_py_")
    process = None
    stderr_path = None
    try:
        modules = generate_stubs(args, os.path.join(work_dir, "gen"))
        process, address, stderr_path = start_server(args, work_dir)
        if address is None:
            with open(stderr_path, errors="replace") as f:
                print("FAIL: server did not start:\n" + f.read(),
                      file=sys.stderr)
            return 2
        run_checks(args, modules, address)
        code = stop_server(process)
        check(code == 0, "server exits 0 on SIGTERM (got %s)" % code)
        print("PASS")
        return 0
    except Exception as failure:  # A failed check or an unexpected error.
        if not isinstance(failure, CheckFailed):
            traceback.print_exc()
        print("FAIL:", failure, file=sys.stderr)
        if stderr_path is not None and os.path.exists(stderr_path):
            with open(stderr_path, errors="replace") as f:
                print("server stderr:\n" + f.read(), file=sys.stderr)
        return 1
    finally:
        if process is not None and process.poll() is None:
            stop_server(process)
        shutil.rmtree(work_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
