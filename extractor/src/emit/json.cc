#include "baocao/json.h"

#include <cmath>

#include "baocao/recognize.h"

namespace baocao {
namespace {

using nlohmann::json;

json OptString(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }
json StringOrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// Integral values print as integers (12456, not 12456.0), others as shortest doubles.
json Number(double v) {
  if (std::fabs(v) < 9e15 && v == std::floor(v)) return json(static_cast<int64_t>(v));
  return json(v);
}

json Cells(const std::vector<std::vector<TableCell>>& rows) {
  json out = json::array();
  for (const auto& row : rows) {
    json r = json::array();
    for (const auto& cell : row) r.push_back(cell.text);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

json TableToJson(const Table& t) {
  return {{"span", SpanToJson(t.span)}, {"header", Cells(t.header)}, {"rows", Cells(t.rows)}, {"row_lines", t.row_lines}};
}

json SpanToJson(const Span& span) {
  return {{"start", span.start}, {"end", span.end}, {"line", span.line},
          {"page", span.page ? json(*span.page) : json(nullptr)}, {"text", span.text}};
}

json MentionToJson(const Mention& m) {
  json j = {{"type", MentionTypeName(m.type)}};
  switch (m.type) {
    case MentionType::kNumber:
    case MentionType::kPercent:
    case MentionType::kMoney:
    case MentionType::kCount:
      j["value"] = m.range_to ? json{{"from", Number(m.number)}, {"to", Number(*m.range_to)}} : Number(m.number);
      break;
    case MentionType::kFraction:
      j["value"] = {{"numerator", Number(m.numerator)}, {"denominator", Number(m.denominator)}};
      break;
    case MentionType::kDate:
    case MentionType::kPeriod:
      j["value"] = m.iso;
      break;
    case MentionType::kReference:
      j["value"] = m.iso;
      j["kind"] = m.ref_kind;
      j["date"] = StringOrNull(m.ref_date);
      break;
  }
  j["unit"] = StringOrNull(m.unit);
  if (!m.comparator.empty()) j["comparator"] = m.comparator;
  if (m.year_inferred) j["year_inferred"] = true;
  j["rule"] = m.rule_id;
  j["span"] = SpanToJson(m.span);
  return j;
}

json ToJson(const Extraction& x) {
  json doc = {{"path", x.document.path}, {"sha256", x.document.sha256}, {"format", x.document.format},
              {"pages", x.document.pages ? json(*x.document.pages) : json(nullptr)},
              {"bytes", x.document.bytes}, {"encoding", x.document.encoding},
              {"repairs", x.document.repairs}};
  const Meta& m = x.meta;
  json meta = {{"kind", m.kind.empty() ? json("other") : json(m.kind)}, {"number", OptString(m.number)},
               {"symbol", OptString(m.symbol)}, {"issuer", OptString(m.issuer)},
               {"ward", OptString(m.ward)}, {"province", OptString(m.province)},
               {"date", OptString(m.date)}, {"signer", OptString(m.signer)},
               {"signer_title", OptString(m.signer_title)}, {"title", OptString(m.title)},
               {"place", OptString(m.place)}, {"recipients", m.recipients}};
  json refs = json::array();
  for (const Reference& r : x.references) {
    json spans = json::array();
    for (const Span& s : r.spans) spans.push_back(SpanToJson(s));
    refs.push_back({{"kind", r.kind}, {"number", r.number}, {"date", StringOrNull(r.date)},
                    {"variants", r.variants}, {"spans", std::move(spans)}});
  }
  json facts = json::array();
  for (const Fact& f : x.facts) {
    json value = f.assessment ? json(*f.assessment) : (f.value ? Number(*f.value) : json(nullptr));
    facts.push_back({{"indicator", f.indicator}, {"role", f.role}, {"value", value},
                     {"unit", StringOrNull(f.unit)}, {"comparator", StringOrNull(f.comparator)},
                     {"period", StringOrNull(f.period)}, {"label", f.label}, {"span", SpanToJson(f.span)}});
  }
  json mentions = json::array();
  for (const Mention& mention : x.mentions) mentions.push_back(MentionToJson(mention));
  json tables = json::array();
  for (const Table& t : x.tables) tables.push_back(TableToJson(t));
  json sections = json::array();
  for (const Section& s : x.sections) {
    sections.push_back({{"level", s.level}, {"number", s.number}, {"title", s.title}, {"line", s.line}});
  }
  json flags = json::array();
  for (const Flag& f : x.flags) {
    json evidence = json::array();
    for (const Span& s : f.evidence) evidence.push_back(SpanToJson(s));
    flags.push_back({{"kind", f.kind}, {"severity", f.severity}, {"indicators", f.indicators},
                     {"stated", f.stated ? Number(*f.stated) : json(nullptr)},
                     {"computed", f.computed ? Number(*f.computed) : json(nullptr)},
                     {"explanation", f.explanation}, {"evidence", std::move(evidence)}});
  }
  return {{"schema_version", kSchemaVersion}, {"document", std::move(doc)}, {"meta", std::move(meta)},
          {"references", std::move(refs)}, {"facts", std::move(facts)}, {"mentions", std::move(mentions)},
          {"tables", std::move(tables)}, {"sections", std::move(sections)}, {"flags", std::move(flags)}};
}

namespace {

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// Writes `"key": [e1, e2, ...]` with each element made by `make` only when it is written.
template <typename T, typename Make>
void WriteArray(std::ostream& out, const char* key, const std::vector<T>& items, bool pretty, Make make) {
  out << "," << (pretty ? "\n " : "") << "\"" << key << "\": [";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out << ",";
    if (pretty) out << "\n  ";
    out << Dump(make(items[i]));
  }
  out << (pretty && !items.empty() ? "\n ]" : "]");
}

}  // namespace

void WriteJson(const Extraction& x, std::ostream& out, bool pretty) {
  // Everything but the two long arrays goes through ToJson; mentions and tables, which grow
  // with the document, are written one element at a time, in the key order ToJson uses.
  Extraction rest;
  rest.document = x.document;
  rest.meta = x.meta;
  rest.sections = x.sections;
  rest.references = x.references;
  rest.facts = x.facts;
  rest.flags = x.flags;
  json top = ToJson(rest);
  bool first = true;
  out << "{";
  for (auto it = top.begin(); it != top.end(); ++it) {
    if (it.key() == "mentions") {
      WriteArray(out, "mentions", x.mentions, pretty, [](const Mention& m) { return MentionToJson(m); });
      continue;
    }
    if (it.key() == "tables") {
      WriteArray(out, "tables", x.tables, pretty, [](const Table& t) { return TableToJson(t); });
      continue;
    }
    out << (first ? "" : ",") << (pretty ? "\n " : "") << Dump(it.key()) << ": " << Dump(it.value());
    first = false;
  }
  out << (pretty ? "\n}" : "}");
}

json ErrorToJson(const std::string& path, const Status& status) {
  return {{"schema_version", kSchemaVersion},
          {"document", {{"path", path}}},
          {"error", {{"code", ErrorCodeName(status.code())}, {"message", status.message()}}}};
}

json StageToJson(const Stages& stages, std::string_view stage, std::string_view original) {
  if (stage == "text") {
    return {{"encoding", stages.text.encoding()}, {"repairs", stages.text.repairs()}, {"text", stages.text.str()}};
  }
  if (stage == "layout") {
    const Layout& l = stages.layout;
    auto range_text = [&](const TextRange& r) { return std::string(stages.text.view().substr(r.begin, r.end - r.begin)); };
    json blocks = json::array();
    static const char* kinds[] = {"heading", "paragraph", "list_item", "table", "header", "closing"};
    for (const Block& b : l.blocks) {
      blocks.push_back({{"kind", kinds[static_cast<int>(b.kind)]}, {"section", b.section},
                        {"line", stages.text.OriginalLine(stages.text.OriginalBegin(b.range.begin))},
                        {"text", range_text(b.range).substr(0, 160)}});
    }
    json sections = json::array();
    for (const Section& s : l.sections) sections.push_back({{"level", s.level}, {"number", s.number}, {"title", s.title}});
    json tables = json::array();
    for (const LayoutTable& t : l.tables) tables.push_back({{"header", Cells(t.header)}, {"rows", Cells(t.rows)}});
    json header = {{"number", OptString(l.header.number)}, {"symbol", OptString(l.header.symbol)},
                   {"place", OptString(l.header.place)}, {"date", OptString(l.header.date)},
                   {"kind", l.header.kind}, {"issuer_line", OptString(l.header.issuer_line)}};
    json closing = {{"recipients", l.closing.recipients}, {"signer_title", OptString(l.closing.signer_title)},
                    {"signer", OptString(l.closing.signer)}};
    return {{"header", header}, {"sections", sections}, {"blocks", blocks}, {"tables", tables}, {"closing", closing}};
  }
  json mentions = json::array();
  for (const Mention& m : stages.mentions) {
    json j = MentionToJson(m);
    j["rendered"] = RenderMention(m);
    mentions.push_back(std::move(j));
  }
  return {{"mentions", mentions}};
}

}  // namespace baocao
