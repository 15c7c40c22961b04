#include "server/extract/document.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstring>
#include <tuple>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "server/common/text.h"

namespace govgraph::extract {
namespace {

// Characters that join two word parts: "TP.HCM", "KH&ĐT", "28/6", "6-2".
bool IsJoiner(UChar32 c) {
  return c == '.' || c == '&' || c == '-' || c == '/' || c == '\'' ||
         c == 0x2019;
}

// Character classes the tokenizer asks about, from a table for the code
// points news text is made of (below U+2000) and from ICU above.
enum CharFlag : uint8_t {
  kWordChar = 1,  // Letter, digit or combining mark.
  kUpper = 2,
  kLower = 4,
  kAlpha = 8,
  kDigit = 16,
  kSpace = 32,
};

uint8_t ComputeFlags(UChar32 c) {
  uint8_t flags = 0;
  if (u_isalnum(c) || u_getCombiningClass(c) != 0) flags |= kWordChar;
  if (u_isupper(c)) flags |= kUpper;
  if (u_islower(c)) flags |= kLower;
  if (u_isalpha(c)) flags |= kAlpha;
  if (u_isdigit(c)) flags |= kDigit;
  if (u_isUWhiteSpace(c)) flags |= kSpace;
  return flags;
}

constexpr UChar32 kFlagTableSize = 0x2000;

struct FlagTable {
  FlagTable() {
    for (UChar32 c = 0; c < kFlagTableSize; ++c) flags[c] = ComputeFlags(c);
  }
  uint8_t flags[kFlagTableSize];
};

const FlagTable& Table() {
  static const FlagTable* const kTable = new FlagTable();
  return *kTable;
}

inline uint8_t Flags(UChar32 c) {
  static const uint8_t* const flags = Table().flags;
  return c >= 0 && c < kFlagTableSize ? flags[c] : ComputeFlags(c);
}

bool IsWordChar(UChar32 c) { return Flags(c) & kWordChar; }
bool IsUpper(UChar32 c) { return Flags(c) & kUpper; }
bool IsLower(UChar32 c) { return Flags(c) & kLower; }

// Decodes the code point at byte `i` of `text` (advancing `i`); invalid
// bytes decode as U+FFFD.
UChar32 Next(const std::string& text, size_t* i) {
  UChar32 c;
  int32_t pos = static_cast<int32_t>(*i);
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), pos,
          static_cast<int32_t>(text.size()), c);
  *i = static_cast<size_t>(pos);
  return c < 0 ? 0xFFFD : c;
}

std::string LowerCase(absl::string_view word) {
  bool ascii = true;
  for (char c : word) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return absl::AsciiStrToLower(word);
  const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
  const int32_t length = static_cast<int32_t>(word.size());
  std::string out;
  out.reserve(word.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) c = 0xFFFD;
    char buf[U8_MAX_LENGTH];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, u_tolower(c));
    out.append(buf, n);
  }
  return out;
}

bool EndsSentence(absl::string_view punct) {
  return punct == "." || punct == "!" || punct == "?" || punct == "…";
}

}  // namespace

Document::Document(std::string text) : text_(std::move(text)) {
  Tokenize();
  SplitSentences();
}

void Document::Tokenize() {
  tokens_.reserve(text_.size() / 4);
  size_t i = 0;
  int32_t cp = 0;
  while (i < text_.size()) {
    const size_t start = i;
    const int32_t cp_start = cp;
    UChar32 c = Next(text_, &i);
    ++cp;
    Token token;
    if (c == '\n' || c == '\r') {
      token.kind = TokenKind::kNewline;
      size_t peek = i;
      while (peek < text_.size()) {
        size_t after = peek;
        UChar32 d = Next(text_, &after);
        if (d != '\n' && d != '\r' && d != ' ' && d != '\t') break;
        peek = after;
        ++cp;
      }
      i = peek;
    } else if (Flags(c) & kSpace) {
      continue;
    } else if (IsWordChar(c)) {
      token.kind = TokenKind::kWord;
      token.upper_initial = IsUpper(c);
      bool all_upper = (Flags(c) & kDigit) ? true : IsUpper(c);
      UChar32 last = c;
      while (i < text_.size()) {
        size_t after = i;
        UChar32 d = Next(text_, &after);
        if (IsWordChar(d)) {
          if ((Flags(d) & kAlpha) && !IsUpper(d)) all_upper = false;
          last = d;
          i = after;
          ++cp;
          continue;
        }
        if (!IsJoiner(d) || after >= text_.size()) break;
        size_t after2 = after;
        UChar32 e = Next(text_, &after2);
        if (!IsWordChar(e)) break;
        // "trưởng-Chủ nhiệm", "Nam-Lào": a hyphen from a lower-case to an
        // upper-case letter separates two words.
        if (d == '-' && IsUpper(e) && IsLower(last)) break;
        // "TP.HCM" and "U.20" are one word, "TP.Hà Nội" is "TP." "Hà Nội".
        if (d == '.' && IsUpper(e) && after2 < text_.size()) {
          size_t after3 = after2;
          if (IsLower(Next(text_, &after3))) break;
        }
        i = after;  // Take the joiner; the next loop takes `e`.
        ++cp;
      }
      token.all_upper = all_upper && token.upper_initial && cp - cp_start > 1;
    } else {
      token.kind = TokenKind::kPunct;
    }
    token.byte_begin = start;
    token.byte_end = i;
    token.cp_begin = cp_start;
    token.cp_end = cp;
    const absl::string_view surface =
        absl::string_view(text_).substr(start, i - start);
    if (token.kind == TokenKind::kWord) {
      SetForms(&token);
    } else if (token.kind == TokenKind::kPunct) {
      token.lower = surface;
    } else {
      token.lower = "\n";
    }
    tokens_.push_back(std::move(token));
  }
}

namespace {

// The forms of the surfaces this thread has seen, shared by the documents it
// builds: syllables repeat across reports. Entries are never removed, so
// tokens may view into them while the thread lives; past kMaxSharedForms a
// document keeps its new forms to itself.
constexpr size_t kMaxSharedForms = 200000;

absl::node_hash_map<std::string, TokenForm>& ThreadForms() {
  thread_local absl::node_hash_map<std::string, TokenForm> forms;
  return forms;
}

// True if `folded` (lower case ASCII) could be one Vietnamese syllable:
// an onset, one to three vowels and a coda.
bool IsVietnameseSyllable(absl::string_view folded) {
  static const char* const kOnsets[] = {"ngh", "ng", "nh", "ch", "gh", "gi",
                                        "kh",  "ph", "qu", "th", "tr"};
  static const char* const kCodas[] = {"ng", "nh", "ch", "c",
                                       "m",  "n",  "p",  "t"};
  size_t i = 0;
  for (const char* onset : kOnsets) {
    if (absl::StartsWith(folded, onset)) {
      i = strlen(onset);
      break;
    }
  }
  if (i == 0 && !folded.empty() &&
      absl::string_view("bcdghklmnpqrstvx").find(folded[0]) !=
          absl::string_view::npos) {
    i = 1;
  }
  const size_t vowels = i;
  while (i < folded.size() && absl::string_view("aeiouy").find(folded[i]) !=
                                  absl::string_view::npos) {
    ++i;
  }
  if (i == vowels || i - vowels > 3) return false;
  const absl::string_view coda = folded.substr(i);
  if (coda.empty()) return true;
  for (const char* c : kCodas) {
    if (coda == c) return true;
  }
  return false;
}

TokenForm MakeForm(absl::string_view surface) {
  TokenForm form;
  form.lower = LowerCase(surface);
  form.folded = FoldName(surface);
  for (absl::string_view part :
       absl::StrSplit(form.folded, absl::ByAnyChar("-'"))) {
    form.foreign = form.foreign || !IsVietnameseSyllable(part);
  }
  return form;
}

}  // namespace

void Document::SetForms(Token* token) {
  const absl::string_view surface = absl::string_view(text_).substr(
      token->byte_begin, token->byte_end - token->byte_begin);
  auto& shared = ThreadForms();
  auto it = shared.find(surface);
  if (it == shared.end()) {
    auto& forms = shared.size() < kMaxSharedForms ? shared : forms_;
    bool inserted = false;
    std::tie(it, inserted) = forms.try_emplace(surface);
    if (inserted) it->second = MakeForm(surface);
  }
  token->form = &it->second;
  token->lower = it->second.lower;
  token->folded = it->second.folded;
  token->foreign = it->second.foreign;
}

void Document::SplitSentences() {
  sentence_of_token_.resize(tokens_.size());
  size_t begin = 0;
  for (size_t i = 0; i < tokens_.size(); ++i) {
    const Token& token = tokens_[i];
    bool end = token.kind == TokenKind::kNewline;
    if (token.kind == TokenKind::kPunct && EndsSentence(TokenText(i))) {
      // A period ends a sentence when what follows starts a new one.
      end = i + 1 == tokens_.size() || tokens_[i + 1].upper_initial ||
            tokens_[i + 1].kind != TokenKind::kWord;
    }
    sentence_of_token_[i] = sentences_.size();
    if (end || i + 1 == tokens_.size()) {
      sentences_.push_back(Sentence{begin, i + 1});
      begin = i + 1;
    }
  }
}

absl::string_view Document::Slice(size_t begin, size_t end) const {
  if (begin >= end || end > tokens_.size()) return absl::string_view();
  const size_t from = tokens_[begin].byte_begin;
  return absl::string_view(text_).substr(from,
                                         tokens_[end - 1].byte_end - from);
}

size_t Document::SentenceOf(size_t i) const { return sentence_of_token_[i]; }

TextSpan Document::Span(size_t begin, size_t end) const {
  TextSpan span;
  if (begin >= end || end > tokens_.size()) return span;
  span.start = tokens_[begin].cp_begin;
  span.end = tokens_[end - 1].cp_end;
  const Sentence& sentence = sentences_[SentenceOf(begin)];
  size_t last = sentence.end;
  while (last > sentence.begin &&
         tokens_[last - 1].kind == TokenKind::kNewline) {
    --last;
  }
  span.sentence = std::string(Slice(sentence.begin, last));
  return span;
}

}  // namespace govgraph::extract
