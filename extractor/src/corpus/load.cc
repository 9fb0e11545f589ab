// Reading the corpus: documents, facts and citations from the store (docs/STORE.md) or from
// extractions in memory, and each document's ward resolved to one identity.
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "baocao/normalize/text.h"
#include "core/strings.h"
#include "corpus/corpus_impl.h"
#include "store/sqlite.h"

namespace baocao {

const CorpusDocument* Corpus::Find(int64_t id) const {
  auto it = std::lower_bound(documents.begin(), documents.end(), id,
                             [](const CorpusDocument& d, int64_t v) { return d.id < v; });
  return it != documents.end() && it->id == id ? &*it : nullptr;
}

namespace corpus {
namespace {

// What follows a citation up to the end of its clause: "ngày 23/01/2026 của UBND tỉnh Thái
// Nguyên về ..." gives "UBND tỉnh Thái Nguyên".
std::string IssuerAfter(std::string_view source, size_t end) {
  if (end >= source.size()) return {};
  std::string_view rest = source.substr(end, internal::CharBoundaryAtOrBefore(source.substr(end), 300));
  size_t stop = rest.find_first_of(";\n(");
  if (stop != std::string_view::npos) rest = rest.substr(0, stop);
  constexpr std::string_view kOf = "của ";
  size_t of = rest.find(kOf);
  if (of == std::string_view::npos) return {};
  std::string_view issuer = rest.substr(of + kOf.size());
  for (std::string_view cut : {" về ", " thực hiện", " ban hành", " sửa đổi", ",", "."}) {
    size_t at = issuer.find(cut);
    if (at != std::string_view::npos) issuer = issuer.substr(0, at);
  }
  if (issuer.size() > 120) issuer = issuer.substr(0, internal::CharBoundaryAtOrBefore(issuer, 120));
  std::string out(issuer);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The first place `needle` occurs in a UTF-8 text source, as a span.
std::optional<Span> FindSpan(std::string_view source, std::string_view needle, size_t from = 0) {
  if (needle.empty()) return std::nullopt;
  size_t at = source.find(needle, from);
  if (at == std::string_view::npos) return std::nullopt;
  Span span;
  span.start = at;
  span.end = at + needle.size();
  span.line = 1 + static_cast<int>(std::count(source.begin(), source.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
  span.text = std::string(needle);
  return span;
}

// The ward's name as the document writes it, in its text: as written, else in capitals
// ("PHƯỜNG GIA SÀNG" in the issuer lines).
std::optional<Span> WardSpan(std::string_view source, const std::string& ward) {
  if (std::optional<Span> s = FindSpan(source, ward)) return s;
  icu::UnicodeString upper = icu::UnicodeString::fromUTF8(ward);
  upper.toUpper();
  std::string caps;
  upper.toUTF8String(caps);
  return FindSpan(source, caps);
}

void AddSourceSpans(CorpusDocument& doc, std::string_view source, const std::vector<CorpusCitation*>& citations) {
  if (!LinesReadable(doc) || source.empty()) return;
  if (!doc.ward_written.empty()) doc.ward_span = WardSpan(source, doc.ward_written);
  if (!doc.number.empty()) doc.number_span = FindSpan(source, doc.number);
  for (CorpusCitation* c : citations) c->issuer = IssuerAfter(source, c->span.end);
}

}  // namespace

// Resolves every document's ward: the registry first; unknown wards grouped by their key within
// the province, a document without a province joining the one province where that key is known.
void ResolveWards(Corpus& corpus, const CorpusRules& rules) {
  std::map<std::string, std::set<std::string>> provinces_of_key;   // unknown ward key -> provinces
  for (CorpusDocument& d : corpus.documents) {
    if (d.ward_written.empty()) continue;
    WardRegistry::Resolution r = rules.wards.Resolve(d.ward_written, d.province_written);
    // A ward named like the province found in its document ("phường Bắc Giang", a former
    // province): the province was likely read from the ward's own name, so it is not trusted.
    if (!r.known && FoldKey(r.province) == FoldKey(r.ward)) r.province.clear();
    d.ward = r.ward;
    d.province = r.province;
    d.ward_known = r.known;
    d.ward_listed = r.listed;
    if (!r.known && !r.province.empty()) provinces_of_key[WardKey(r.ward)].insert(FoldKey(r.province));
  }
  std::map<std::string, std::map<std::string, int>> spellings;   // identity -> spelling -> documents
  std::map<std::string, std::string> province_name;              // folded -> as written
  for (CorpusDocument& d : corpus.documents) {
    if (d.ward.empty()) continue;
    std::string key = WardKey(d.ward);
    std::string province = FoldKey(d.province);
    if (!d.ward_known && province.empty()) {
      auto it = provinces_of_key.find(key);
      if (it != provinces_of_key.end() && it->second.size() == 1) province = *it->second.begin();
    }
    if (!province.empty() && !d.province.empty()) province_name.emplace(province, d.province);
    d.ward_key = province + "|" + key;
    if (!d.ward_known) spellings[d.ward_key][d.ward]++;
  }
  // An unknown ward is shown as most of its documents write it; its province likewise.
  for (CorpusDocument& d : corpus.documents) {
    if (d.ward.empty() || d.ward_known) continue;
    const auto& counts = spellings[d.ward_key];
    auto best = std::max_element(counts.begin(), counts.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    d.ward = best->first;
    if (d.province.empty()) {
      auto it = province_name.find(d.ward_key.substr(0, d.ward_key.find('|')));
      if (it != province_name.end()) d.province = it->second;
    }
  }
}

}  // namespace corpus

namespace {

using store::Statement;

bool ProvinceMatches(const CorpusDocument& d, const CorpusFilter& filter) {
  return filter.province.empty() || FoldKey(d.province) == FoldKey(filter.province) ||
         (d.province.empty() && FoldKey(d.province_written) == FoldKey(filter.province));
}

void ApplyFilter(Corpus& corpus, const CorpusFilter& filter) {
  if (filter.province.empty()) return;
  std::set<int64_t> keep;
  std::vector<CorpusDocument> documents;
  for (CorpusDocument& d : corpus.documents) {
    if (!ProvinceMatches(d, filter)) continue;
    keep.insert(d.id);
    documents.push_back(std::move(d));
  }
  corpus.documents = std::move(documents);
  std::erase_if(corpus.facts, [&](const CorpusFact& f) { return !keep.count(f.document); });
  std::erase_if(corpus.citations, [&](const CorpusCitation& c) { return !keep.count(c.document); });
}

// facts.qualifiers: a JSON array of strings, or NULL (read as "") for none.
std::vector<std::string> QualifiersOf(const std::string& json) {
  std::vector<std::string> out;
  if (json.empty()) return out;
  nlohmann::json parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return out;
  for (const nlohmann::json& q : parsed) {
    if (q.is_string()) out.push_back(q.get<std::string>());
  }
  return out;
}

Span ReadSpan(Statement& st, int first) {
  Span s;
  s.start = static_cast<size_t>(st.ColumnInt(first));
  s.end = static_cast<size_t>(st.ColumnInt(first + 1));
  s.line = static_cast<int>(st.ColumnInt(first + 2));
  if (!st.IsNull(first + 3)) s.page = static_cast<int>(st.ColumnInt(first + 3));
  s.text = st.ColumnText(first + 4);
  return s;
}

}  // namespace

Result<Corpus> LoadCorpus(Store& store, const CorpusRules& rules, const CorpusFilter& filter) {
  sqlite3* db = store.handle();
  const std::string& name = store.path();
  Corpus corpus;

  Statement facts;
  if (facts.Prepare(db, "SELECT document_id, indicator, role, value, assessment, unit, comparator, period, label, "
                        "span_start, span_end, span_line, span_page, span_text, scope, qualifiers, basis FROM facts "
                        "ORDER BY document_id, span_start, id") != SQLITE_OK) {
    return store::SqliteError(db, name, "facts");
  }
  int rc;
  while ((rc = facts.Step()) == SQLITE_ROW) {
    CorpusFact f;
    f.document = facts.ColumnInt(0);
    f.fact.indicator = facts.ColumnText(1);
    f.fact.role = facts.ColumnText(2);
    if (!facts.IsNull(3)) f.fact.value = facts.ColumnDouble(3);
    if (!facts.IsNull(4)) f.fact.assessment = facts.ColumnInt(4) != 0;
    f.fact.unit = facts.ColumnText(5);
    f.fact.comparator = facts.ColumnText(6);
    f.fact.period = facts.ColumnText(7);
    f.fact.label = facts.ColumnText(8);
    f.fact.span = ReadSpan(facts, 9);
    f.fact.scope = facts.ColumnText(14);
    f.fact.qualifiers = QualifiersOf(facts.ColumnText(15));
    f.fact.basis = facts.ColumnText(16);
    corpus.facts.push_back(std::move(f));
  }
  if (rc != SQLITE_DONE) return store::SqliteError(db, name, "facts");

  Statement refs;
  if (refs.Prepare(db, "SELECT document_id, iso, ref_kind, ref_date, span_start, span_end, span_line, span_page, span_text "
                       "FROM mentions WHERE type = 'reference' ORDER BY document_id, span_start, id") != SQLITE_OK) {
    return store::SqliteError(db, name, "mentions");
  }
  while ((rc = refs.Step()) == SQLITE_ROW) {
    CorpusCitation c;
    c.document = refs.ColumnInt(0);
    c.number = refs.ColumnText(1);
    c.kind = refs.ColumnText(2);
    c.date = refs.ColumnText(3);
    c.span = ReadSpan(refs, 4);
    if (c.date.size() == 10 && !c.number.empty()) corpus.citations.push_back(std::move(c));
  }
  if (rc != SQLITE_DONE) return store::SqliteError(db, name, "mentions");

  // Documents one at a time with their source: the source gives each citation's issuer and
  // the ward's and number's places, and is then let go.
  Statement docs;
  if (docs.Prepare(db, "SELECT id, path, kind, number, symbol, issuer, ward, province, date, title, format, encoding, "
                       "source FROM documents ORDER BY id") != SQLITE_OK) {
    return store::SqliteError(db, name, "documents");
  }
  size_t next_citation = 0;
  while ((rc = docs.Step()) == SQLITE_ROW) {
    CorpusDocument d;
    d.id = docs.ColumnInt(0);
    d.path = docs.ColumnText(1);
    d.kind = docs.ColumnText(2);
    d.number = docs.ColumnText(3);
    d.symbol = docs.ColumnText(4);
    d.issuer = docs.ColumnText(5);
    d.ward_written = docs.ColumnText(6);
    d.province_written = docs.ColumnText(7);
    d.date = docs.ColumnText(8);
    d.title = docs.ColumnText(9);
    d.format = docs.ColumnText(10);
    d.encoding = docs.ColumnText(11);
    std::vector<CorpusCitation*> mine;
    while (next_citation < corpus.citations.size() && corpus.citations[next_citation].document < d.id) ++next_citation;
    for (size_t i = next_citation; i < corpus.citations.size() && corpus.citations[i].document == d.id; ++i) {
      mine.push_back(&corpus.citations[i]);
    }
    const void* blob = sqlite3_column_blob(docs.get(), 12);
    int bytes = sqlite3_column_bytes(docs.get(), 12);
    std::string_view source(static_cast<const char*>(blob), blob ? static_cast<size_t>(bytes) : 0);
    corpus::AddSourceSpans(d, source, mine);
    corpus.documents.push_back(std::move(d));
  }
  if (rc != SQLITE_DONE) return store::SqliteError(db, name, "documents");

  corpus::ResolveWards(corpus, rules);
  ApplyFilter(corpus, filter);
  return corpus;
}

namespace corpus {

Result<std::map<int64_t, std::string>> ReadableSources(Store& store, const std::set<int64_t>& ids) {
  sqlite3* db = store.handle();
  Statement st;
  if (st.Prepare(db, "SELECT format, encoding, source FROM documents WHERE id = ?1") != SQLITE_OK) {
    return store::SqliteError(db, store.path(), "documents");
  }
  std::map<int64_t, std::string> sources;
  for (int64_t id : ids) {
    st.Reset();
    st.Int(1, id);
    int rc = st.Step();
    if (rc == SQLITE_DONE) continue;
    if (rc != SQLITE_ROW) return store::SqliteError(db, store.path(), "documents");
    CorpusDocument d;
    d.id = id;
    d.format = st.ColumnText(0);
    d.encoding = st.ColumnText(1);
    if (!LinesReadable(d)) continue;
    sources[id] = st.ColumnBlob(2);
  }
  return sources;
}

}  // namespace corpus

Corpus CorpusFromExtractions(const std::vector<Extraction>& extractions, const std::vector<std::string>& sources,
                             const CorpusRules& rules) {
  Corpus corpus;
  for (size_t i = 0; i < extractions.size(); ++i) {
    const Extraction& x = extractions[i];
    CorpusDocument d;
    d.id = static_cast<int64_t>(i + 1);
    d.path = x.document.path;
    d.format = x.document.format;
    d.encoding = x.document.encoding;
    d.kind = x.meta.kind;
    d.number = x.meta.number.value_or("");
    d.symbol = x.meta.symbol.value_or("");
    d.issuer = x.meta.issuer.value_or("");
    d.ward_written = x.meta.ward.value_or("");
    d.province_written = x.meta.province.value_or("");
    d.date = x.meta.date.value_or("");
    d.title = x.meta.title.value_or("");
    for (const Fact& f : x.facts) corpus.facts.push_back({d.id, f});
    size_t first = corpus.citations.size();
    for (const Mention& m : x.mentions) {
      if (m.type != MentionType::kReference || m.ref_date.size() != 10 || m.iso.empty()) continue;
      CorpusCitation c;
      c.document = d.id;
      c.kind = m.ref_kind;
      c.number = m.iso;
      c.date = m.ref_date;
      c.span = m.span;
      corpus.citations.push_back(std::move(c));
    }
    std::vector<CorpusCitation*> mine;
    for (size_t k = first; k < corpus.citations.size(); ++k) mine.push_back(&corpus.citations[k]);
    corpus::AddSourceSpans(d, i < sources.size() ? std::string_view(sources[i]) : std::string_view(), mine);
    corpus.documents.push_back(std::move(d));
  }
  corpus::ResolveWards(corpus, rules);
  return corpus;
}

}  // namespace baocao
