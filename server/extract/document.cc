#include "server/extract/document.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstring>
#include <utility>
#include <vector>

#include "absl/base/config.h"
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

// Covers Latin, Vietnamese and General Punctuation (U+2000-U+206F: dashes,
// curly quotes), so news text rarely reaches ICU.
constexpr UChar32 kFlagTableSize = 0x2100;

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

// Next() for a non-ASCII lead byte.
UChar32 NextNonAscii(absl::string_view text, size_t* i) {
  UChar32 c;
  int32_t pos = static_cast<int32_t>(*i);
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), pos,
          static_cast<int32_t>(text.size()), c);
  *i = static_cast<size_t>(pos);
  return c < 0 ? 0xFFFD : c;
}

// Decodes the code point at byte `*i` of `text` (advancing `*i`); invalid
// bytes decode as U+FFFD. ASCII, most of a report, costs one compare.
inline UChar32 Next(absl::string_view text, size_t* i) {
  const auto lead = static_cast<uint8_t>(text[*i]);
  if (lead < 0x80) {
    ++*i;
    return lead;
  }
  return NextNonAscii(text, i);
}

// Skips the line breaks, spaces and tabs from byte `*i` (code point `*cp`).
void SkipBreaks(absl::string_view text, size_t* i, int32_t* cp) {
  while (*i < text.size()) {
    size_t after = *i;
    const UChar32 d = Next(text, &after);
    if (d != '\n' && d != '\r' && d != ' ' && d != '\t') return;
    *i = after;
    ++*cp;
  }
}

// True if joiner candidate `d`, which ends at byte `after`, joins the word
// so far (whose last word character has flags `last`) to what follows.
bool JoinsWord(absl::string_view text, UChar32 d, size_t after, uint8_t last) {
  if (!IsJoiner(d) || after >= text.size()) return false;
  const uint8_t next = Flags(Next(text, &after));
  if ((next & kWordChar) == 0) return false;
  // "trưởng-Chủ nhiệm", "Nam-Lào": a hyphen from a lower-case to an
  // upper-case letter separates two words.
  if (d == '-' && (next & kUpper) && (last & kLower)) return false;
  // "TP.HCM" and "U.20" are one word, "TP.Hà Nội" is "TP." "Hà Nội".
  if (d == '.' && (next & kUpper) && after < text.size()) {
    if (Flags(Next(text, &after)) & kLower) return false;
  }
  return true;
}

// Takes the rest of the word that starts with a character of flags `first`
// (already taken) from byte `*i`, code point `*cp`; sets the token's kind
// and case. `cp_begin` is the word's first code point.
void ScanWord(absl::string_view text, uint8_t first, int32_t cp_begin,
              size_t* i, int32_t* cp, Token* token) {
  token->kind = TokenKind::kWord;
  token->upper_initial = (first & kUpper) != 0;
  bool all_upper = (first & (kDigit | kUpper)) != 0;
  uint8_t last = first;
  while (*i < text.size()) {
    size_t after = *i;
    const UChar32 d = Next(text, &after);
    const uint8_t flags = Flags(d);
    if (flags & kWordChar) {
      if ((flags & kAlpha) && !(flags & kUpper)) all_upper = false;
      last = flags;
    } else if (!JoinsWord(text, d, after, last)) {
      break;
    }
    *i = after;  // A joiner is taken too; the next round takes what follows.
    ++*cp;
  }
  token->all_upper = all_upper && token->upper_initial && *cp - cp_begin > 1;
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
  const absl::string_view text = text_;
  size_t i = 0;
  int32_t cp = 0;
  while (i < text.size()) {
    const size_t begin = i;
    const UChar32 c = Next(text, &i);
    const uint8_t flags = Flags(c);
    if (c != '\n' && c != '\r' && (flags & kSpace)) {
      ++cp;
      continue;
    }
    // Filled in place: a Token built on the stack and copied costs more.
    Token& token = tokens_.emplace_back();
    token.byte_begin = begin;
    token.cp_begin = cp++;
    if (c == '\n' || c == '\r') {
      token.kind = TokenKind::kNewline;
      token.lower = "\n";
      SkipBreaks(text, &i, &cp);
    } else if (flags & kWordChar) {
      ScanWord(text, flags, token.cp_begin, &i, &cp, &token);
    } else {
      token.kind = TokenKind::kPunct;
      token.lower = text.substr(begin, i - begin);
    }
    token.byte_end = i;
    token.cp_end = cp;
    if (token.kind == TokenKind::kWord) SetForms(&token);
  }
}

namespace {

// The forms of the surfaces this thread has seen, shared by the documents it
// builds: syllables repeat across reports. Entries are never removed, so
// tokens may view into them while the thread lives; past kMaxSharedForms a
// document keeps its new forms to itself.
constexpr size_t kMaxSharedForms = 200000;

using FormMap = absl::node_hash_map<std::string, TokenForm>;

FormMap& ThreadForms() {
  thread_local FormMap forms;
  return forms;
}

// A word surface of at most kMaxShortKeyBytes bytes, zero-padded, with its
// length in the last byte: hashed and compared as two words.
constexpr size_t kMaxShortKeyBytes = 15;
struct ShortKey {
  uint64_t words[2] = {0, 0};
  bool operator==(const ShortKey& other) const {
    return words[0] == other.words[0] && words[1] == other.words[1];
  }
};

#ifdef ABSL_IS_LITTLE_ENDIAN
constexpr bool kLittleEndian = true;
#else
constexpr bool kLittleEndian = false;
#endif

// The low `n` bytes of a word: on little-endian targets, the first `n` of
// the word in memory.
uint64_t LowBytesMask(size_t n) {
  return n >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * n)) - 1;
}

// Sets `*key` to the bytes [begin, end) of `text`; false if they are too
// many. Reads 16 bytes at once when the text has them.
bool MakeShortKey(absl::string_view text, size_t begin, size_t end,
                  ShortKey* key) {
  const size_t size = end - begin;
  if (size > kMaxShortKeyBytes) return false;
  if (kLittleEndian && begin + sizeof(key->words) <= text.size()) {
    std::memcpy(key->words, text.data() + begin, sizeof(key->words));
    key->words[0] &= LowBytesMask(size);
    key->words[1] &= LowBytesMask(size > 8 ? size - 8 : 0);
  } else {
    std::memcpy(key->words, text.data() + begin, size);
  }
  key->words[1] |= uint64_t{size} << 56;
  return true;
}

// A direct-mapped cache in front of ThreadForms(), which would otherwise be
// hashed and probed once per word token. A slot holds a surface of up to
// kMaxShortKeyBytes bytes with its ThreadForms() entry's form and the views
// a Token takes from it, or nothing (an all-zero key: no surface is
// empty). A slot is picked by hashing the key and is overwritten when
// another surface of the same slot is looked up. Entries of ThreadForms()
// are never removed, so no slot dangles. Thread-local like ThreadForms().
struct alignas(64) FrontSlot {
  ShortKey key;
  const TokenForm* form = nullptr;
  absl::string_view lower;
  absl::string_view folded;
  bool foreign = false;
};

constexpr int kFrontCacheBits = 13;

FrontSlot& FrontCacheSlot(const ShortKey& key) {
  thread_local std::vector<FrontSlot> cache(size_t{1} << kFrontCacheBits);
  const uint64_t h = (key.words[0] ^ (key.words[1] * 0xC2B2AE3D27D4EB4FULL)) *
                     0x9E3779B97F4A7C15ULL;
  return cache[h >> (64 - kFrontCacheBits)];
}

void SetTokenForm(const TokenForm& form, Token* token) {
  token->form = &form;
  token->lower = form.lower;
  token->folded = form.folded;
  token->foreign = form.foreign;
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

// The ThreadForms() form of `surface`, made if missing while the map has
// room; null if it is missing and the map is full.
const TokenForm* SharedForm(absl::string_view surface) {
  FormMap& shared = ThreadForms();
  auto it = shared.find(surface);
  if (it == shared.end()) {
    if (shared.size() >= kMaxSharedForms) return nullptr;
    it = shared.try_emplace(surface, MakeForm(surface)).first;
  }
  return &it->second;
}

}  // namespace

void Document::SetForms(Token* token) {
  ShortKey key;
  FrontSlot* slot = nullptr;
  if (MakeShortKey(text_, token->byte_begin, token->byte_end, &key)) {
    slot = &FrontCacheSlot(key);
    if (slot->key == key) {
      token->form = slot->form;
      token->lower = slot->lower;
      token->folded = slot->folded;
      token->foreign = slot->foreign;
      return;
    }
  }
  const absl::string_view surface = absl::string_view(text_).substr(
      token->byte_begin, token->byte_end - token->byte_begin);
  const TokenForm* form = SharedForm(surface);
  if (form == nullptr) {
    auto [it, inserted] = forms_.try_emplace(surface);
    if (inserted) it->second = MakeForm(surface);
    SetTokenForm(it->second, token);
    return;
  }
  SetTokenForm(*form, token);
  if (slot != nullptr) {
    *slot = FrontSlot{key, form, form->lower, form->folded, form->foreign};
  }
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
