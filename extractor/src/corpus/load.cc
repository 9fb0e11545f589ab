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
#include "baocao/store/corpus_rows.h"

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

CorpusDocument DocumentOf(const store::StoredDocumentMeta& m) {
  CorpusDocument d;
  d.id = m.id;
  d.path = m.path;
  d.kind = m.kind;
  d.number = m.number;
  d.symbol = m.symbol;
  d.issuer = m.issuer;
  d.ward_written = m.ward;
  d.province_written = m.province;
  d.date = m.date;
  d.title = m.title;
  d.format = ParseFormat(m.format).value_or(Format::kText);
  d.encoding = m.encoding;
  return d;
}

// The stored citations the comparisons can use: a full date and a number.
Status LoadCitations(Store& store, Corpus& corpus) {
  return store::ForEachCitation(store, [&](store::StoredCitation&& r) {
    if (r.date.size() != 10 || r.number.empty()) return;
    CorpusCitation c;
    c.document = r.document;
    c.number = std::move(r.number);
    c.kind = std::move(r.kind);
    c.date = std::move(r.date);
    c.span = std::move(r.span);
    corpus.citations.push_back(std::move(c));
  });
}

// Documents one at a time with their source: the source gives each citation's issuer and the
// ward's and number's places, and is then let go. Citations are ordered by document, as ids.
Status LoadDocuments(Store& store, Corpus& corpus) {
  size_t next_citation = 0;
  return store::ForEachDocumentWithSource(store, [&](const store::StoredDocumentMeta& meta, std::string_view source) {
    CorpusDocument d = DocumentOf(meta);
    std::vector<CorpusCitation*> mine;
    while (next_citation < corpus.citations.size() && corpus.citations[next_citation].document < d.id) ++next_citation;
    for (size_t i = next_citation; i < corpus.citations.size() && corpus.citations[i].document == d.id; ++i) {
      mine.push_back(&corpus.citations[i]);
    }
    corpus::AddSourceSpans(d, source, mine);
    corpus.documents.push_back(std::move(d));
  });
}

}  // namespace

Result<Corpus> LoadCorpus(Store& store, const CorpusRules& rules, const CorpusFilter& filter) {
  Corpus corpus;
  Status read = store::ForEachFact(store, [&](store::StoredFact&& f) { corpus.facts.push_back({f.document, std::move(f.fact)}); });
  if (!read.ok()) return read;
  if (Status s = LoadCitations(store, corpus); !s.ok()) return s;
  if (Status s = LoadDocuments(store, corpus); !s.ok()) return s;
  corpus::ResolveWards(corpus, rules);
  ApplyFilter(corpus, filter);
  return corpus;
}

namespace corpus {

Result<std::map<int64_t, std::string>> ReadableSources(Store& store, const std::set<int64_t>& ids) {
  std::map<int64_t, std::string> sources;
  Status s = store::ForEachSource(
      store, ids, [&](int64_t id, const std::string& format, const std::string& encoding, std::string_view source) {
        CorpusDocument d;
        d.id = id;
        d.format = ParseFormat(format).value_or(Format::kText);
        d.encoding = encoding;
        if (LinesReadable(d)) sources[id] = std::string(source);
      });
  if (!s.ok()) return s;
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
