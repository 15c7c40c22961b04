"""Macros for govgraph's Bazel packages.

Each package here mirrors one CMake directory and names its sources as
CMake does, relative to that directory (srcs = ["key_codec.cc"]); the
macros turn them into labels in @govgraph, add the directory's header
library and the warning flags of govgraph_target_options().
"""

# govgraph_target_options(): our own targets build warning-clean.
GOVGRAPH_COPTS = ["-Wall", "-Wextra", "-Werror"]

def govgraph_files(names, package = None):
    """Labels of the files `names` in @govgraph's directory `package`.

    Args:
      names: file names relative to the directory, as in CMakeLists.txt.
      package: the source directory; default: the calling package's path.
    Returns:
      A list of labels such as "@govgraph//:server/storage/key_codec.cc".
    """
    pkg = package if package != None else native.package_name()
    return ["@govgraph//:%s/%s" % (pkg, n) for n in names]

def _headers(package, with_headers):
    if not with_headers:
        return []
    return ["@govgraph//:%s/headers" % package]

def govgraph_cc_library(name, srcs, deps = [], extra_srcs = [], with_headers = True, **kwargs):
    """A CMake add_library() twin: cc_library over @govgraph sources.

    extra_srcs: labels added to srcs as they are (generated code, globs).
    """
    native.cc_library(
        name = name,
        srcs = govgraph_files(srcs) + extra_srcs,
        deps = deps + _headers(native.package_name(), with_headers),
        copts = GOVGRAPH_COPTS,
        visibility = ["//visibility:public"],
        **kwargs
    )

def govgraph_cc_binary(name, srcs, deps = [], with_headers = True, **kwargs):
    """A CMake add_executable() twin."""
    native.cc_binary(
        name = name,
        srcs = govgraph_files(srcs),
        deps = deps + _headers(native.package_name(), with_headers),
        copts = GOVGRAPH_COPTS,
        visibility = ["//visibility:public"],
        **kwargs
    )

def govgraph_cc_test(name, srcs, deps = [], with_headers = False, **kwargs):
    """A govgraph_test() twin: one gtest binary, run by `bazel test`."""
    native.cc_test(
        name = name,
        srcs = govgraph_files(srcs),
        deps = deps + _headers(native.package_name(), with_headers) + [
            "//third_party/system:gtest_main",
        ],
        copts = GOVGRAPH_COPTS,
        **kwargs
    )

def runfiles_path(label):
    """The path of `label` relative to a test's working directory.

    Bazel 4 does not expand $(rootpath) in local_defines, so the tests'
    path defines are spelled out here. A test starts in the runfiles
    directory of this workspace, "<runfiles>/govgraph_bazel"; files of
    another repository, such as @govgraph, are under "../<repo>/".

    Args:
      label: "@repo//:path/to/file", "//pkg:name" or "//pkg/sub" (a
        target named after its directory).
    Returns:
      A relative path such as "../govgraph/tests/testdata/facts".
    """
    repo = ""
    if label.startswith("@"):
        repo, _, label = label[1:].partition("//")
    else:
        label = label[2:]
    pkg, _, name = label.partition(":")
    if not name:
        name = pkg.rpartition("/")[2]
    path = pkg + "/" + name if pkg else name
    return "../%s/%s" % (repo, path) if repo else path

def path_define(name, label):
    """A local_defines entry NAME="path" with the runfiles path of label."""
    return '%s=\\"%s\\"' % (name, runfiles_path(label))

def govgraph_script_test(name, script, args = [], data = [], **kwargs):
    """An add_test() twin running a ctest script of the repository.

    Args:
      name: the ctest test's name.
      script: the script's path in the repository ("tests/checks/x.sh").
      args: its arguments; $(rootpath) expands, and see
        tools/run_ctest_script.sh for @ROOT@ and @TMP@.
      data: what the script reads or runs.
      **kwargs: sh_test attributes (size, tags...).
    """
    label = "@govgraph//:" + script
    native.sh_test(
        name = name,
        srcs = ["//tools:run_ctest_script.sh"],
        args = ["$(rootpath %s)" % label] + args,
        data = [label] + data,
        **kwargs
    )

def govgraph_command_test(name, command, args = [], data = [], **kwargs):
    """An add_test() twin whose COMMAND is not a script of the repository.

    As govgraph_script_test, for a system tool (yamllint, python3 running a
    repository file) or a script of this workspace; @ROOT@ and @TMP@ expand
    in args as there (tools/run_ctest_script.sh, --command).

    Args:
      name: the ctest test's name.
      command: what to run: an absolute path, a tool on the test's PATH or
        "$(rootpath :script)".
      args: its arguments.
      data: what the command reads or runs.
      **kwargs: sh_test attributes (size, tags...).
    """

    # Any file of @govgraph locates the source root for @ROOT@.
    anchor = "@govgraph//:CMakeLists.txt"
    native.sh_test(
        name = name,
        srcs = ["//tools:run_ctest_script.sh"],
        args = ["--command", "$(rootpath %s)" % anchor, command] + args,
        data = [anchor] + data,
        **kwargs
    )
