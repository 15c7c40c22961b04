// A minimal JSON writer for the CLI's own output shapes (e.g. the extraction
// lines of shared/eval/FORMAT.md), without a JSON library: one line,
// ", " and ": " separators, UTF-8 written as is.
#ifndef GOVGRAPH_CLIENT_COMMANDS_JSON_WRITER_H_
#define GOVGRAPH_CLIENT_COMMANDS_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/common/json.h"

namespace govgraph::client {

// Builds one JSON value. The caller keeps calls well nested (a Key before
// each member of an object, End* matching Begin*); the writer only places
// separators. Not thread-safe.
//
//   JsonWriter json;
//   json.BeginObject();
//   json.Key("name");
//   json.String("Lộc");
//   json.EndObject();
//   json.str();  // {"name": "Lộc"}
class JsonWriter {
 public:
  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(absl::string_view key);
  void String(absl::string_view value);
  void Int(int64_t value);
  void Bool(bool value);
  // A member with a string value.
  void Field(absl::string_view key, absl::string_view value) {
    Key(key);
    String(value);
  }
  // A finite number, with 3 decimals.
  void Double(double value);
  // A member whose value is an array of the strings in `values`.
  template <typename Strings>
  void StringArray(absl::string_view key, const Strings& values) {
    Key(key);
    BeginArray();
    for (const auto& value : values) String(value);
    EndArray();
  }

  const std::string& str() const { return out_; }

 private:
  // Writes ", " before every value of a container but its first, unless
  // the value follows a key.
  void BeforeValue();
  void Open(char bracket);
  void Close(char bracket);

  std::string out_;
  std::vector<bool> empty_;  // Per open container: nothing written yet.
  bool after_key_ = false;
};

}  // namespace govgraph::client

#endif  // GOVGRAPH_CLIENT_COMMANDS_JSON_WRITER_H_
