// Organisation hierarchy: what each organisation is part of, read from its
// name with the heads of org_parents.txt.
#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "server/extract/analysis.h"
#include "server/extract/titles.h"

namespace govgraph::extract {
namespace {

// Parents of parents are looked up too; this bounds the chain per report.
constexpr size_t kMaxParentsPerOrganization = 4;

const Token& Tok(const Analysis& a, size_t i) { return a.doc.tokens()[i]; }

bool IsUpperWord(const Analysis& a, size_t i, size_t end) {
  return i < end && Tok(a, i).kind == TokenKind::kWord &&
         Tok(a, i).upper_initial;
}

// The parent head starting at token `k` of the name, unless a longer
// organisation head starts there ("Bộ Chỉ huy Quân sự" is no "Bộ").
PhraseMatcher::Match ParentHeadAt(const Analysis& a, size_t k, size_t n) {
  PhraseMatcher::Match head = a.vocab.parent_heads.Longest(a.doc, k, n);
  if (head.length == 0 || !IsUpperWord(a, k, n) ||
      a.vocab.org_heads.Longest(a.doc, k, n).length != head.length) {
    return PhraseMatcher::Match();
  }
  return head;
}

// True if tokens [i, n) can be a place's name after its kind word:
// capitalised words or numbers ("Sóc Trăng", "2", "Bà Rịa - Vũng Tàu").
bool IsPlaceName(const Analysis& a, size_t i, size_t n) {
  if (i >= n) return false;
  for (; i < n; ++i) {
    const Token& t = Tok(a, i);
    const bool dash =
        t.kind == TokenKind::kPunct && (t.lower == "-" || t.lower == "–");
    const bool name =
        t.kind == TokenKind::kWord &&
        (t.upper_initial || absl::ascii_isdigit(a.doc.TokenText(i)[0]));
    if (!dash && !name) return false;
  }
  return true;
}

// "Ban Dân vận Thành ủy TPHCM" -> "Thành ủy TPHCM": the organisation that
// a parent head after the name's own head begins, named after it; a local
// one (a head with a place style) with its place. "" if none.
std::string NestedParent(const Analysis& a) {
  const size_t n = a.doc.tokens().size();
  const size_t own =
      std::max<size_t>(a.vocab.org_heads.Longest(a.doc, 0, n).length, 1);
  for (size_t k = own; k < n; ++k) {
    const PhraseMatcher::Match head = ParentHeadAt(a, k, n);
    if (head.length == 0) continue;
    const size_t after = k + head.length;
    if (!IsUpperWord(a, after, n) && PlacePrefixLength(a, after, n) == 0) {
      continue;
    }
    // A local body names its place; a national one ("Bộ Y tế") none.
    const PhraseMatcher::Match org = a.vocab.org_heads.Longest(a.doc, k, n);
    const bool local = a.vocab.org_head_style[org.value] != PlaceStyle::kNone;
    if (local != HasPlace(a, after, n)) continue;
    return std::string(a.doc.Slice(k, n));
  }
  return std::string();
}

// "Sở Y tế tỉnh Bình Định" -> "UBND tỉnh Bình Định": the implied parent
// of the name's head, in the place the name ends with. "" if none.
std::string ImpliedParent(const Analysis& a) {
  const size_t n = a.doc.tokens().size();
  const PhraseMatcher::Match head = ParentHeadAt(a, 0, n);
  if (head.length == 0) return std::string();
  const std::string& parent = a.vocab.implied_parent[head.value];
  if (parent.empty()) return std::string();
  // A department ("Sở", dept style) has a capitalised name before its
  // place ("Sở Y tế tỉnh X", not "Sở tỉnh X" or "Sở dĩ").
  const PhraseMatcher::Match org = a.vocab.org_heads.Longest(a.doc, 0, n);
  size_t named = head.length;
  if (org.length > 0 &&
      a.vocab.org_head_style[org.value] == PlaceStyle::kDept) {
    if (!IsUpperWord(a, named, n) || PlacePrefixLength(a, named, n) > 0) {
      return std::string();
    }
    ++named;
  }
  for (size_t k = named; k < n; ++k) {
    const size_t prefix = PlacePrefixLength(a, k, n);
    if (prefix == 0) continue;
    if (!IsPlaceName(a, k + prefix, n)) return std::string();
    return absl::StrCat(parent, " ", a.doc.Slice(k, n));
  }
  const PhraseMatcher::Match place =
      a.vocab.places.LongestEndingAt(a.doc, named, n);
  if (place.length == 0) return std::string();
  const PlaceInfo& info = a.vocab.place_info[place.value];
  if (info.kind == PlaceKind::kCountry) return std::string();
  return absl::StrCat(parent, " ", PlaceSuffix(info, PlaceStyle::kAdmin));
}

struct Parent {
  std::string name;      // Empty if none is known.
  bool written = false;  // The child's name holds it: the text names it.
};

// The organisation `name` is part of.
Parent ParentOf(const Vocab& vocab, const std::string& name) {
  Document doc(name);
  Analysis sub(doc, vocab);
  Parent parent{NestedParent(sub), true};
  if (parent.name.empty()) parent = Parent{ImpliedParent(sub), false};
  return parent;
}

}  // namespace

void FindParents(Analysis* a) {
  std::vector<ExtractedOrganization>& orgs = a->extraction.organizations;
  const size_t limit = orgs.size() * (kMaxParentsPerOrganization + 1);
  for (size_t i = 0; i < orgs.size() && orgs.size() <= limit; ++i) {
    const Parent parent = ParentOf(a->vocab, orgs[i].name);
    if (parent.name.empty()) continue;
    int p = OrgWithKey(*a, OrgKey(a->vocab, parent.name));
    if (p < 0 && !parent.written) {
      // Implied, not named: the ingest layer makes its node.
      orgs[i].parent = parent.name;
      continue;
    }
    if (p < 0) {
      const TextSpan evidence = orgs[i].evidence;  // orgs may grow.
      p = AddOrganization(a, parent.name, evidence);
    }
    if (p != static_cast<int>(i)) orgs[i].parent = orgs[p].name;
  }
}

}  // namespace govgraph::extract
