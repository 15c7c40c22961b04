#!/usr/bin/python3
"""Generates docs/api.md, the API reference, from the proto's comments.

  /usr/bin/python3 docs/gen_api_md.py              # rewrites docs/api.md
  /usr/bin/python3 docs/gen_api_md.py --check docs/api.md --out build/api.md

Runs `protoc --include_source_info --descriptor_set_out` on
proto/govgraph/v1/knowledge_graph.proto and renders the service and its RPCs,
then every message (a table of fields) and every enum (a table of values),
each in file order with its comment. The output depends on the proto alone.
With --check, exits 1 (printing a diff and how to regenerate) when the file
differs from what it generates. Needs protoc and python3-protobuf.
"""

import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile

from google.protobuf import descriptor_pb2

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROTO = "govgraph/v1/knowledge_graph.proto"
REGENERATE = "/usr/bin/python3 docs/gen_api_md.py"

# Field numbers of descriptor.proto, the steps of a SourceCodeInfo path.
FILE_MESSAGE, FILE_ENUM, FILE_SERVICE, FILE_SYNTAX = 4, 5, 6, 12
MESSAGE_FIELD, MESSAGE_ONEOF = 2, 8
ENUM_VALUE = 2
SERVICE_METHOD = 2

FieldType = descriptor_pb2.FieldDescriptorProto


def load_file(protoc, proto_dir):
    """Returns the FileDescriptorProto of PROTO, with source info."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "api.desc")
        subprocess.run([protoc, "-I", proto_dir, "--include_source_info",
                        "--descriptor_set_out=" + out, PROTO], check=True)
        files = descriptor_pb2.FileDescriptorSet()
        with open(out, "rb") as f:
            files.ParseFromString(f.read())
    return files.file[0]


class Comments:
    """The comment text of each element, keyed by its source path."""

    def __init__(self, file):
        self._by_path = {}
        for loc in file.source_code_info.location:
            parts = [c for c in (loc.leading_comments, loc.trailing_comments)
                     if c.strip()]
            if tuple(loc.path) == (FILE_SYNTAX,):
                parts = list(loc.leading_detached_comments) + parts
            self._by_path[tuple(loc.path)] = parts

    def lines(self, *path):
        """The comment as lines, one leading space of each dropped."""
        lines = []
        for part in self._by_path.get(path, []):
            if lines:
                lines.append("")
            for line in part.rstrip("\n").split("\n"):
                lines.append(line[1:] if line.startswith(" ") else line)
        return lines

    def block(self, *path):
        """The comment as Markdown paragraphs; indented lines stay as
        written, in a code block."""
        out, code = [], False
        for line in self.lines(*path):
            indented = line.startswith("  ") or line.startswith("\t")
            if indented and not code:
                out += ["", "```text"]
            elif code and not indented:
                out += ["```", ""]
            code = indented
            out.append(line)
        if code:
            out.append("```")
        return "\n".join(out).strip() + "\n\n" if out else ""

    def cell(self, *path):
        """The comment on one line, for a table cell."""
        text = " ".join(" ".join(self.lines(*path)).split())
        return text.replace("|", "\\|")


def short(type_name, package):
    """'.govgraph.v1.Entity' -> 'Entity'."""
    return type_name[len(package) + 2:]


def link(name):
    return "[`%s`](#%s)" % (name, name.lower())


def field_type(field, maps, package):
    """The field's type as Markdown: scalar, link, repeated or map."""
    if field.type in (FieldType.TYPE_MESSAGE, FieldType.TYPE_ENUM):
        name = short(field.type_name, package)
        if name in maps:
            key, value = maps[name]
            return "`map<%s, %s>`" % (key, value)
        text = link(name)
    else:
        text = "`%s`" % FieldType.Type.Name(field.type)[5:].lower()
    if field.label == FieldType.LABEL_REPEATED:
        text = "repeated " + text
    return text


def render_service(out, file, comments):
    for s, service in enumerate(file.service):
        out.append("## Service `%s.%s`\n\n" % (file.package, service.name))
        out.append(comments.block(FILE_SERVICE, s))
        out.append("| RPC | Request | Response |\n|---|---|---|\n")
        for method in service.method:
            out.append("| [%s](#rpc-%s) | %s | %s |\n" % (
                method.name, method.name.lower(),
                rpc_type(method.input_type, method.client_streaming, file),
                rpc_type(method.output_type, method.server_streaming, file)))
        out.append("\n")
        for m, method in enumerate(service.method):
            out.append("### rpc %s\n\n" % method.name)
            out.append("Request %s, response %s.\n\n" % (
                rpc_type(method.input_type, method.client_streaming, file),
                rpc_type(method.output_type, method.server_streaming, file)))
            out.append(comments.block(FILE_SERVICE, s, SERVICE_METHOD, m))


def rpc_type(type_name, streaming, file):
    text = link(short(type_name, file.package))
    return "stream " + text if streaming else text


def render_messages(out, file, comments):
    out.append("## Messages\n\n")
    for i, message in enumerate(file.message_type):
        # proto3 maps are nested *Entry messages; they render as map<K, V>.
        maps = {}
        for nested in message.nested_type:
            if nested.options.map_entry:
                key, value = nested.field
                maps["%s.%s" % (message.name, nested.name)] = (
                    field_type(key, {}, file.package).strip("`"),
                    field_type(value, {}, file.package).strip("`"))
        out.append("### %s\n\n" % message.name)
        out.append(comments.block(FILE_MESSAGE, i))
        if not message.field:
            out.append("No fields.\n\n")
            continue
        out.append("| Field | Type | Description |\n|---|---|---|\n")
        seen_oneofs = set()
        for f, field in enumerate(message.field):
            note = comments.cell(FILE_MESSAGE, i, MESSAGE_FIELD, f)
            if field.HasField("oneof_index") and not field.proto3_optional:
                note = (oneof_note(message, i, field.oneof_index, comments,
                                   seen_oneofs) + note).strip()
            out.append("| `%s` | %s | %s |\n" % (
                field.name, field_type(field, maps, file.package), note))
        out.append("\n")


def oneof_note(message, i, index, comments, seen):
    """'One of `x`. ' before a oneof member's comment; the first member
    also carries the oneof's own comment."""
    note = "One of `%s`" % message.oneof_decl[index].name
    if index not in seen:
        seen.add(index)
        about = comments.cell(FILE_MESSAGE, i, MESSAGE_ONEOF, index)
        if about:
            note += ": " + about
    return note + ". " if not note.endswith(".") else note + " "


def render_enums(out, file, comments):
    out.append("## Enums\n\n")
    for i, enum in enumerate(file.enum_type):
        out.append("### %s\n\n" % enum.name)
        out.append(comments.block(FILE_ENUM, i))
        out.append("| Value | Number | Description |\n|---|---|---|\n")
        for v, value in enumerate(enum.value):
            out.append("| `%s` | %d | %s |\n" % (
                value.name, value.number,
                comments.cell(FILE_ENUM, i, ENUM_VALUE, v)))
        out.append("\n")


def render(file):
    comments = Comments(file)
    out = ["# govgraph API reference\n\n",
           "<!-- Generated from proto/%s by docs/gen_api_md.py: do not edit. "
           "Regenerate with `%s`. -->\n\n" % (PROTO, REGENERATE),
           comments.block(FILE_SYNTAX),
           "Package `%s`, file `proto/%s`.\n\n" % (file.package, PROTO)]
    render_service(out, file, comments)
    render_messages(out, file, comments)
    render_enums(out, file, comments)
    return "".join(out).rstrip("\n") + "\n"


def check(generated, path):
    """Returns 0 if the file at `path` equals `generated`, else 1."""
    try:
        with open(path, encoding="utf-8") as f:
            current = f.read()
    except FileNotFoundError:
        current = ""
    if current == generated:
        return 0
    diff = list(difflib.unified_diff(
        current.splitlines(True), generated.splitlines(True),
        path, "generated from proto/" + PROTO))
    sys.stdout.writelines(diff[:80])
    print("\n%s is stale: the proto changed. Regenerate it from the "
          "repository root with\n  %s\nand commit it."
          % (path, REGENERATE), file=sys.stderr)
    return 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--protoc", default=shutil.which("protoc") or
                        "/usr/bin/protoc")
    parser.add_argument("--proto_dir", default=os.path.join(REPO, "proto"))
    parser.add_argument("--out", default=os.path.join(REPO, "docs", "api.md"),
                        help="where to write the reference")
    parser.add_argument("--check", metavar="FILE",
                        help="fail unless FILE equals what is generated")
    args = parser.parse_args()
    generated = render(load_file(args.protoc, args.proto_dir))
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(generated)
    return check(generated, args.check) if args.check else 0


if __name__ == "__main__":
    sys.exit(main())
