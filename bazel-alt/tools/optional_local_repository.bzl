"""optional_local_repository: a local directory that may be missing.

The CMake build points some tests at ${PROJECT_SOURCE_DIR}/../shared (the
project's shared reports and benchmark, beside the repository); those
tests skip when it is missing. new_local_repository would fail the whole
build instead, so this rule links the listed subdirectories when they
exist and leaves them out when not; the BUILD file's globs then come out
empty and the tests skip as under CMake.
"""

def _impl(ctx):
    workspace = ctx.path(Label("//:WORKSPACE")).dirname
    root = "%s/%s" % (workspace, ctx.attr.path)
    found = []
    for sub in ctx.attr.subdirs:
        src = ctx.path("%s/%s" % (root, sub))
        if src.exists:
            ctx.symlink(src, sub)
            found.append(sub)
    ctx.file("WORKSPACE", 'workspace(name = "%s")\n' % ctx.name)
    ctx.file("BUILD.bazel", ctx.read(ctx.attr.build_file))
    ctx.file("found.txt", "".join([s + "\n" for s in found]))

optional_local_repository = repository_rule(
    implementation = _impl,
    attrs = {
        "path": attr.string(
            mandatory = True,
            doc = "Directory, relative to this workspace's root.",
        ),
        "subdirs": attr.string_list(
            mandatory = True,
            doc = "Subdirectories of path to link in when present.",
        ),
        "build_file": attr.label(mandatory = True, allow_single_file = True),
    },
    local = True,
)
