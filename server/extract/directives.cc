// Directives: instructions an official gives ("Chủ tịch UBND TP yêu cầu Sở
// Nội vụ ..."). Each sentence gives at most one: its first instruction verb
// whose subject is a person, named or referred to by role, or, in a
// sentence that opens without one ("Đồng thời, giao ..."), the person who
// spoke last in the paragraph. The text is the rest of the sentence, or the
// quotation before "..., Bộ trưởng nhấn mạnh.".
#include <string>
#include <vector>

#include "server/extract/analysis.h"
#include "server/extract/cues.h"
#include "server/extract/dates.h"
#include "server/extract/speakers.h"

namespace govgraph::extract {
namespace {

// Fewest words a directive text has.
constexpr size_t kMinTextWords = 3;
// How many sentences back a quotation may open.
constexpr size_t kQuoteReach = 8;
// How far back "được" makes a verb passive.
constexpr size_t kPassiveReach = 12;

const Token& Tok(const Analysis& a, size_t i) { return a.doc.tokens()[i]; }

bool IsOpenQuote(absl::string_view t) { return t == "“" || t == "\""; }
bool IsCloseQuote(absl::string_view t) { return t == "”" || t == "\""; }

bool IsWordToken(const Analysis& a, size_t i) {
  return Tok(a, i).kind == TokenKind::kWord;
}

bool EndsSentence(const Token& t) {
  return t.kind == TokenKind::kNewline || t.lower == "." || t.lower == "!" ||
         t.lower == "?" || t.lower == "…";
}

// True if the directive verb at `v` (length `len`) is used as a noun, in a
// name or without an object: "đáp ứng yêu cầu", "chỉ đạo của", "Ban Chỉ
// đạo", "yêu cầu,".
bool IsNominal(const ReportIndex& index, size_t begin, size_t v, size_t len,
               size_t end) {
  const Analysis& a = index.analysis;
  if (index.cues.EndingAt(begin, v).kinds & kCueNominalBefore) return true;
  if (Tok(a, v).upper_initial && v > begin && Tok(a, v - 1).upper_initial) {
    return true;
  }
  if (a.vocab.org_heads.LongestEndingAt(a.doc, begin, v).length == 1 &&
      Tok(a, v - 1).upper_initial) {
    return true;  // "Ban chỉ đạo": a body named by the verb.
  }
  const size_t next = v + len;
  if (next >= end || EndsSentence(Tok(a, next))) return false;
  const Token& t = Tok(a, next);
  if (t.kind != TokenKind::kWord && t.lower != ":" && !IsOpenQuote(t.lower)) {
    return !(t.lower == "," && next + 1 < end && IsWordToken(a, next + 1) &&
             !index.cues.Is(next + 1, kCueDirective));
  }
  return (index.cues.At(next).kinds & kCueNominalAfter) != 0;
}

// True if the verb at `v` is passive: "được/bị" stands before it in its
// clause ("đã được đồng chí X chỉ đạo").
bool IsPassive(const Analysis& a, size_t begin, size_t v) {
  for (size_t k = v; k > begin && v - k < kPassiveReach; --k) {
    const Token& t = Tok(a, k - 1);
    if (t.kind != TokenKind::kWord) return false;
    if (t.lower == "được" || t.lower == "bị") return true;
  }
  return false;
}

// For each token, whether it is inside a quotation (“...” or "...") of its
// paragraph.
std::vector<bool> QuotedTokens(const Analysis& a) {
  const std::vector<Token>& tokens = a.doc.tokens();
  std::vector<bool> quoted(tokens.size(), false);
  bool inside = false;  // Writers mix the marks: “..." and "...”.
  for (size_t i = 0; i < tokens.size(); ++i) {
    const absl::string_view t = tokens[i].lower;
    if (tokens[i].kind == TokenKind::kNewline) inside = false;
    if (t == "“" || t == "”" || t == "\"")
      inside = t == "“" || (t == "\"" && !inside);
    quoted[i] = inside;
  }
  return quoted;
}

// True if the sentence opens with a connector ("Đồng thời, ...") or has
// nothing before `v` but adverbs and commas ("Cũng yêu cầu ...").
bool OpensWithVerb(const ReportIndex& index, size_t begin, size_t v) {
  if (index.cues.Is(begin, kCueConnector)) return true;
  size_t i = begin;
  while (i < v) {
    const Cue cue = index.cues.At(i);
    if (Tok(index.analysis, i).kind == TokenKind::kPunct) {
      ++i;
    } else if (cue.kinds & (kCueConnector | kCueAdverb)) {
      i += cue.length;
    } else {
      return false;
    }
  }
  return i == v;
}

// The end of the text that starts at `from`: the sentence end without its
// closing punctuation and quotes, or a new lead ("Sáng 6-2, ...").
size_t TextEnd(const Analysis& a, const std::vector<DateMention>& dates,
               size_t from, size_t end) {
  for (const DateMention& d : dates) {
    if (d.leads && d.begin > from + 1 && d.begin < end) {
      end = d.begin - 1;
      break;
    }
  }
  while (end > from && (Tok(a, end - 1).kind != TokenKind::kWord)) {
    const absl::string_view t = Tok(a, end - 1).lower;
    if (t == ")" || t == "…") {
      if (t == ")") break;
    }
    --end;
  }
  return end;
}

// The quotation that closes just before token `close` (a closing quote):
// tokens [open + 1, close), opening up to kQuoteReach sentences back in the
// paragraph. Returns false if there is none.
bool QuoteBefore(const ReportIndex& index, size_t close, size_t* begin) {
  const Analysis& a = index.analysis;
  const size_t s = a.doc.SentenceOf(close);
  const size_t first = s > kQuoteReach ? s - kQuoteReach : 0;
  const size_t floor = a.doc.sentences()[first].begin;
  for (size_t k = close; k-- > floor;) {
    if (Tok(a, k).kind == TokenKind::kNewline) return false;
    if (IsOpenQuote(Tok(a, k).lower) &&
        (Tok(a, k).lower == "“" || k + 1 < close)) {
      *begin = k + 1;
      return *begin < close;
    }
  }
  return false;
}

bool HasModal(const ReportIndex& index, size_t begin, size_t end) {
  return index.cues.Find(begin, end, kCueModal) < end;
}

size_t WordCount(const Analysis& a, size_t begin, size_t end) {
  size_t n = 0;
  for (size_t i = begin; i < end; ++i) n += IsWordToken(a, i) ? 1 : 0;
  return n;
}

struct Found {
  int issuer = -1;
  size_t verb = 0;
  size_t verb_end = 0;
  size_t text_begin = 0;
  size_t text_end = 0;
};

// The text of the directive whose verb ends at `after`: what follows it,
// or the quotation before its subject when nothing follows.
bool TextOf(const ReportIndex& index, const std::vector<DateMention>& dates,
            size_t s, Found* f) {
  const Analysis& a = index.analysis;
  const Sentence& sentence = a.doc.sentences()[s];
  size_t from = f->verb_end;
  while (from < sentence.end && Tok(a, from).kind == TokenKind::kPunct &&
         (Tok(a, from).lower == "," || Tok(a, from).lower == ":" ||
          IsOpenQuote(Tok(a, from).lower))) {
    ++from;
  }
  const size_t end = TextEnd(a, dates, from, sentence.end);
  if (WordCount(a, from, end) > 0) {
    f->text_begin = from;
    f->text_end = end;
    return true;
  }
  for (size_t k = f->verb; k-- > sentence.begin;) {
    if (!IsCloseQuote(Tok(a, k).lower)) continue;
    size_t open = 0;
    if (!QuoteBefore(index, k, &open)) return false;
    f->text_begin = open;
    f->text_end = TextEnd(a, dates, open, k);
    return true;
  }
  return false;
}

// The directive of sentence `s`, if any; `last_speaker` stands in for a
// missing subject.
bool DirectiveIn(const ReportIndex& index,
                 const std::vector<DateMention>& dates,
                 const std::vector<bool>& quoted, size_t s, int last_speaker,
                 Found* f) {
  const Analysis& a = index.analysis;
  const Sentence& sentence = a.doc.sentences()[s];
  for (size_t v = sentence.begin; v < sentence.end; ++v) {
    if (!index.cues.Is(v, kCueDirective | kCueEmphasis)) continue;
    const size_t len = index.cues.At(v).length;
    if (quoted[v] || IsNominal(index, sentence.begin, v, len, sentence.end) ||
        IsPassive(a, sentence.begin, v)) {
      continue;
    }
    f->verb = v;
    f->verb_end = v + len;
    f->issuer = SubjectOf(index, s, v);
    if (f->issuer < 0 && index.mentions[s].empty() &&
        OpensWithVerb(index, sentence.begin, v)) {
      f->issuer = last_speaker;
    }
    if (!IsOfficial(a, f->issuer) || !TextOf(index, dates, s, f)) continue;
    if (WordCount(a, f->text_begin, f->text_end) < kMinTextWords) continue;
    const bool emphasis = (index.cues.At(v).kinds & kCueDirective) == 0;
    if (emphasis && !HasModal(index, f->text_begin, f->text_end)) continue;
    return true;
  }
  return false;
}

// The person who speaks in sentence `s`: the subject of its first
// participation verb; -1 if none.
int SpeakerOf(const ReportIndex& index, size_t s) {
  const Sentence& sentence = index.analysis.doc.sentences()[s];
  for (size_t i = sentence.begin; i < sentence.end; ++i) {
    if (!index.cues.Is(i, kCueParticipation)) continue;
    const int subject = SubjectOf(index, s, i);
    if (subject >= 0) return subject;
  }
  return -1;
}

}  // namespace

void FindDirectives(Analysis* a, const ReportIndex& index,
                    const std::vector<DateMention>& dates) {
  const std::vector<bool> quoted = QuotedTokens(*a);
  const int meeting = a->extraction.meetings.empty() ? -1 : 0;
  int last_speaker = -1;
  const std::vector<Sentence>& sentences = a->doc.sentences();
  for (size_t s = 1; s < sentences.size(); ++s) {
    if (index.paragraph[s] != index.paragraph[s - 1]) last_speaker = -1;
    Found f;
    if (DirectiveIn(index, dates, quoted, s, last_speaker, &f)) {
      ExtractedDirective d;
      d.issuer = a->extraction.persons[f.issuer].name;
      d.meeting = meeting;
      d.verb = std::string(a->doc.Slice(f.verb, f.verb_end));
      d.text = std::string(a->doc.Slice(f.text_begin, f.text_end));
      d.evidence = a->doc.Span(f.verb, f.text_end);
      a->extraction.directives.push_back(std::move(d));
      last_speaker = f.issuer;
      continue;
    }
    const int speaker = SpeakerOf(index, s);
    if (speaker >= 0) last_speaker = speaker;
  }
}

void FindEvents(Analysis* a) {
  const ReportIndex index(*a);
  const std::vector<DateMention> dates = FindDates(a->doc);
  FindMeetings(a, index, dates);
  FindDirectives(a, index, dates);
}

}  // namespace govgraph::extract
