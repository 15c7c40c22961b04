# Writes OUTPUT, a C++ source defining BuiltInLexiconFiles() with the
# contents of every *.txt file in LEXICON_DIR. Run by CMake at build time.
file(GLOB lexicon_files ${LEXICON_DIR}/*.txt)
list(SORT lexicon_files)
set(body "")
foreach(path ${lexicon_files})
  get_filename_component(name ${path} NAME)
  file(READ ${path} contents)
  string(APPEND body "      {\"${name}\", R\"govgraph_lexicon(${contents})govgraph_lexicon\"},\n")
endforeach()
file(WRITE ${OUTPUT}.tmp
"// Generated from server/extract/lexicons/ by embed_lexicons.cmake.
#include \"server/extract/lexicon.h\"

namespace govgraph::extract {

const std::map<std::string, std::string>& BuiltInLexiconFiles() {
  static const auto* const kFiles = new std::map<std::string, std::string>{
${body}  };
  return *kFiles;
}

}  // namespace govgraph::extract
")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
