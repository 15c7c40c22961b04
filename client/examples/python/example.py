#!/usr/bin/python3
"""govgraph example client in Python.

Ingests a short Vietnamese news report (IngestReport), finds the two
officials it names (SearchEntities), the shortest path between them
(FindPaths) and who attended meetings with the first (ListCoAttendees).
Exits 0 when the server answers as expected, 1 otherwise.

Needs grpcio and protobuf (Debian: python3-grpcio, python3-protobuf; run
with /usr/bin/python3) and stubs generated from proto/ with protoc:

  protoc -I proto --python_out=OUT --grpc_python_out=OUT \
      --plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin \
      proto/govgraph/v1/knowledge_graph.proto

then pass --stubs=OUT (or put OUT on PYTHONPATH).
"""

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEOUT = 10  # Seconds per call.


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--addr", default="127.0.0.1:50051",
                        help="the server's host:port")
    parser.add_argument("--stubs", help="directory of the generated stubs")
    parser.add_argument("--report", default=os.path.join(HERE, "..",
                                                         "report.txt"),
                        help="UTF-8 report text; the first line is its title")
    parser.add_argument("--published", default="2024-07-12",
                        help="the report's publication date, YYYY-MM-DD")
    return parser.parse_args()


def find_person(api, stub, name):
    """The id of the person whose display name is `name`, or None."""
    found = stub.SearchEntities(
        api.SearchEntitiesRequest(query=name, kind=api.PERSON),
        timeout=TIMEOUT)
    ids = [e.id for e in found.entities if e.display_name == name]
    return ids[0] if ids else None


def describe_path(api, path):
    """'A -ATTENDED- m -ATTENDED- B': node names joined by relation types."""
    parts = [path.nodes[0].display_name]
    for relation, node in zip(path.relations, path.nodes[1:]):
        parts.append("-%s- %s" % (api.RelationType.Name(relation.type),
                                  node.display_name))
    return " ".join(parts)


def run(api, stub, args):
    """Returns an error message, or None when every answer was as expected."""
    with open(args.report, encoding="utf-8") as f:
        text = f.read()
    # An explicit report id makes re-running the example idempotent: the
    # second time the response says `unchanged`.
    ingested = stub.IngestReport(api.IngestReportRequest(
        report_id="example:binh-duong-dan-van",
        report=api.ReportText(text=text, published_date=args.published)),
        timeout=TIMEOUT)
    names = [p.name for p in ingested.extraction.persons]
    print("ingested %s: %d persons (%s), %d meetings, unchanged=%s" % (
        ingested.report_id, len(names), ", ".join(names),
        len(ingested.extraction.meetings), ingested.result.unchanged))
    if len(names) < 2:
        return "expected the report to name two officials"

    first, second = (find_person(api, stub, n) for n in names[:2])
    if not first or not second:
        return "SearchEntities did not find %s and %s" % tuple(names[:2])

    # Only attendance: a path through a shared meeting, not through the
    # report that mentions both.
    paths = stub.FindPaths(api.FindPathsRequest(
        source_id=first, target_id=second, types=[api.ATTENDED]),
        timeout=TIMEOUT)
    if paths.length < 1 or not paths.paths:
        return "no path between %s and %s" % (first, second)
    print("path of length %d: %s" % (paths.length,
                                      describe_path(api, paths.paths[0])))

    co = stub.ListCoAttendees(api.ListCoAttendeesRequest(person_id=first),
                              timeout=TIMEOUT)
    for a in co.attendees:
        meetings = "; ".join(m.display_name for m in a.meetings)
        print("co-attendee of %s: %s, %d shared meeting(s): %s" % (
            names[0], a.person.display_name, a.shared_meetings, meetings))
    if second not in [a.person.id for a in co.attendees]:
        return "%s is not among %s's co-attendees" % (second, first)
    return None


def main():
    args = parse_args()
    if args.stubs:
        sys.path.insert(0, args.stubs)
    import grpc
    from govgraph.v1 import knowledge_graph_pb2 as api
    from govgraph.v1 import knowledge_graph_pb2_grpc as api_grpc

    with grpc.insecure_channel(args.addr) as channel:
        stub = api_grpc.KnowledgeGraphStub(channel)
        try:
            error = run(api, stub, args)
        except grpc.RpcError as e:  # Status code and message from the server.
            error = "%s: %s" % (e.code().name, e.details())
    if error:
        print("error:", error, file=sys.stderr)
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
