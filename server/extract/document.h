// A report's text cut into tokens and sentences, with code point offsets, so
// every rule works on the same units and every fact can cite its span.
#ifndef GOVGRAPH_SERVER_EXTRACT_DOCUMENT_H_
#define GOVGRAPH_SERVER_EXTRACT_DOCUMENT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/node_hash_map.h"
#include "absl/strings/string_view.h"
#include "server/extract/extraction.h"

namespace govgraph::extract {

enum class TokenKind {
  kWord,    // Letters and digits, with inner '.', '&', '-', '/' or '\''
            // between them: "Nguyễn", "TP.HCM", "KH&ĐT", "28/6", "6-2".
  kPunct,   // One punctuation character: , ; : . ( ) " – ...
  kNewline  // One or more line breaks.
};

// The forms of one distinct word surface, shared by its tokens.
struct TokenForm {
  std::string lower;   // Lower case, diacritics kept ("ủy").
  std::string folded;  // FoldName ("uy").
  // Some part is not a Vietnamese syllable ("Thongloun", "Khaled").
  bool foreign = false;
  // Vocab::Annotate's masks for the vocab with id `vocab_id` (0: none).
  mutable uint64_t vocab_id = 0;
  mutable uint32_t first_mask = 0;
  mutable uint32_t last_mask = 0;
};

struct Token {
  // Provided (not defaulted) so that value-initialisation, as in
  // std::vector::emplace_back(), sets the members below one by one instead
  // of first clearing the whole struct: Document::Tokenize makes millions.
  Token() {}  // NOLINT(modernize-use-equals-default)

  TokenKind kind = TokenKind::kWord;
  size_t byte_begin = 0;  // Into Document::text().
  size_t byte_end = 0;
  int32_t cp_begin = 0;  // Code point offsets.
  int32_t cp_end = 0;
  bool upper_initial = false;  // First character is an upper-case letter.
  bool all_upper = false;      // Every letter is upper case ("UBND").
  // Words: lower case, diacritics kept ("ủy"); punctuation: as written;
  // line breaks: "\n". What lexicon phrases are matched against.
  absl::string_view lower;
  absl::string_view folded;         // FoldName of the token ("uy").
  bool foreign = false;             // See TokenForm::foreign.
  const TokenForm* form = nullptr;  // Words only.
};

// Tokens [begin, end) of a sentence.
struct Sentence {
  size_t begin = 0;
  size_t end = 0;
};

// Immutable after construction; thread-safe.
class Document {
 public:
  // Splits `text`, which must be valid NFC UTF-8.
  explicit Document(std::string text);

  // Tokens view into the document's own storage: it stays where it is.
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const std::string& text() const { return text_; }
  const std::vector<Token>& tokens() const { return tokens_; }
  const std::vector<Sentence>& sentences() const { return sentences_; }

  // The text of tokens [begin, end), as written (inner spacing kept).
  absl::string_view Slice(size_t begin, size_t end) const;
  absl::string_view TokenText(size_t i) const { return Slice(i, i + 1); }
  // Index of the sentence containing token `i`.
  size_t SentenceOf(size_t i) const;
  // Evidence for tokens [begin, end): code point span and its sentence.
  TextSpan Span(size_t begin, size_t end) const;

  // Per-token bit sets of the lexicon matchers that have a phrase starting
  // (first) or ending (last) with the token; set by Vocab::Annotate. Until
  // then annotated() is false and matchers try every token.
  void SetMasks(std::vector<uint32_t> first, std::vector<uint32_t> last) {
    first_masks_ = std::move(first);
    last_masks_ = std::move(last);
  }
  bool annotated() const { return !first_masks_.empty(); }
  uint32_t first_mask(size_t i) const { return first_masks_[i]; }
  uint32_t last_mask(size_t i) const { return last_masks_[i]; }

 private:
  void Tokenize();
  // Sets the token's lower-cased and folded forms (cached per surface).
  void SetForms(Token* token);
  void SplitSentences();

  std::string text_;
  std::vector<Token> tokens_;
  std::vector<Sentence> sentences_;
  std::vector<size_t> sentence_of_token_;
  std::vector<uint32_t> first_masks_;
  std::vector<uint32_t> last_masks_;
  // Surface -> forms for the surfaces the thread-wide cache in
  // document.cc no longer takes. Tokens view into it, into that cache and
  // into text_: a Document must not outlive the thread that built it.
  absl::node_hash_map<std::string, TokenForm> forms_;
};

}  // namespace govgraph::extract

#endif  // GOVGRAPH_SERVER_EXTRACT_DOCUMENT_H_
