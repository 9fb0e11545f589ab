#include "baocao/emit/json.h"

#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <sstream>
#include <utility>
#include <vector>

#include "baocao/recognize/recognize.h"
#include "core/parallel.h"
#include "core/strings.h"

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

// A coordinate in PDF points to two decimals, as written in "bbox".
double Rounded(double v) { return std::round(v * 100) / 100; }

// A Word span's origin (docs/EXTENSIONS.md): its non-zero places, keys in sorted order (as
// nlohmann writes an object, and the streaming writer follows).
std::vector<std::pair<const char*, int>> OriginPlaces(const SpanOrigin& o) {
  std::vector<std::pair<const char*, int>> out;
  for (auto [key, value] : {std::pair<const char*, int>{"cell", o.cell}, {"endnote", o.endnote}, {"footnote", o.footnote},
                            {"paragraph", o.paragraph}, {"row", o.row}, {"table", o.table}}) {
    if (value) out.emplace_back(key, value);
  }
  return out;
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
  json j = {{"start", span.start}, {"end", span.end}, {"line", span.line},
            {"page", span.page ? json(*span.page) : json(nullptr)}, {"text", span.text}};
  if (span.bbox) {
    const std::array<double, 4>& b = *span.bbox;
    j["bbox"] = {Number(Rounded(b[0])), Number(Rounded(b[1])), Number(Rounded(b[2])), Number(Rounded(b[3]))};
  }
  // Read by OCR (docs/EXTENSIONS.md).
  if (span.confidence) j["confidence"] = Number(std::round(double(*span.confidence) * 10) / 10);
  if (span.uncertain) j["uncertain"] = true;
  if (span.origin) {
    json o = json::object();
    for (auto [key, value] : OriginPlaces(*span.origin)) o[key] = value;
    j["origin"] = std::move(o);
  }
  return j;
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
  if (m.comparator != Comparator::kNone) j["comparator"] = m.comparator;
  if (m.year_inferred) j["year_inferred"] = true;
  j["rule"] = m.rule_id;
  j["span"] = SpanToJson(m.span);
  return j;
}

// A relation the audit verified, with its members (docs/OUTPUT.md, rules/audit/README.md).
static json CheckToJson(const Check& c) {
  json members = json::array();
  for (const CheckMember& m : c.members) {
    members.push_back({{"indicator", StringOrNull(m.indicator)}, {"role", m.role}, {"value", Number(m.value)},
                       {"span", SpanToJson(m.span)}});
  }
  return {{"relation", c.relation}, {"rule", StringOrNull(c.rule)}, {"indicators", c.indicators},
          {"stated", c.stated ? Number(*c.stated) : json(nullptr)},
          {"computed", c.computed ? Number(*c.computed) : json(nullptr)}, {"members", std::move(members)},
          {"holds", c.holds}};
}

namespace {

// ToJson's tree; with a `ticker`, each long list stops being built once the budget is spent (the
// caller then reports the budget's error, never the partial tree). `streamed_lists`: false leaves
// the mentions, tables and checks empty, for WriteJson to write them one by one.
json TreeOf(const Extraction& x, BudgetTicker* ticker, bool streamed_lists) {
  auto spent = [&] { return ticker && ticker->Exhausted(); };
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
    if (spent()) break;
    json spans = json::array();
    for (const Span& s : r.spans) spans.push_back(SpanToJson(s));
    refs.push_back({{"kind", r.kind}, {"number", r.number}, {"date", StringOrNull(r.date)},
                    {"variants", r.variants}, {"spans", std::move(spans)}});
  }
  json facts = json::array();
  for (const Fact& f : x.facts) {
    if (spent()) break;
    json value = f.assessment ? json(*f.assessment) : (f.value ? Number(*f.value) : json(nullptr));
    json fact = {{"indicator", f.indicator}, {"role", f.role}, {"value", value},
                 {"unit", StringOrNull(f.unit)}, {"comparator", StringOrNull(std::string(NameOf(f.comparator)))},
                 {"period", StringOrNull(f.period)}, {"label", f.label}, {"span", SpanToJson(f.span)}};
    // The audit's reading of the fact's words, where they say something (docs/EXTENSIONS.md):
    // absent keys keep a long document's tree small.
    if (!f.scope.empty()) fact["scope"] = f.scope;
    if (!f.qualifiers.empty()) fact["qualifiers"] = f.qualifiers;
    if (!f.basis.empty()) fact["basis"] = f.basis;
    facts.push_back(std::move(fact));
  }
  json mentions = json::array();
  const size_t listed_mentions = streamed_lists ? x.mentions.size() : 0;
  const size_t listed_tables = streamed_lists ? x.tables.size() : 0;
  const size_t listed_checks = streamed_lists ? x.checks.size() : 0;
  for (size_t i = 0; i < listed_mentions && !spent(); ++i) mentions.push_back(MentionToJson(x.mentions[i]));
  json tables = json::array();
  for (size_t i = 0; i < listed_tables && !spent(); ++i) tables.push_back(TableToJson(x.tables[i]));
  json sections = json::array();
  for (const Section& s : x.sections) {
    sections.push_back({{"level", s.level}, {"number", s.number}, {"title", s.title}, {"line", s.line}});
  }
  json flags = json::array();
  for (const Flag& f : x.flags) {
    if (spent()) break;
    json evidence = json::array();
    for (const Span& s : f.evidence) evidence.push_back(SpanToJson(s));
    flags.push_back({{"kind", f.kind}, {"severity", f.severity}, {"indicators", f.indicators},
                     {"stated", f.stated ? Number(*f.stated) : json(nullptr)},
                     {"computed", f.computed ? Number(*f.computed) : json(nullptr)},
                     {"explanation", f.explanation}, {"evidence", std::move(evidence)},
                     {"rule", StringOrNull(f.rule)}});
  }
  json checks = json::array();
  for (size_t i = 0; i < listed_checks && !spent(); ++i) checks.push_back(CheckToJson(x.checks[i]));
  return {{"schema_version", kSchemaVersion}, {"document", std::move(doc)}, {"meta", std::move(meta)},
          {"references", std::move(refs)}, {"facts", std::move(facts)}, {"mentions", std::move(mentions)},
          {"tables", std::move(tables)}, {"sections", std::move(sections)}, {"flags", std::move(flags)},
          {"checks", std::move(checks)}};
}

}  // namespace

json ToJson(const Extraction& x) { return TreeOf(x, nullptr, /*streamed_lists=*/true); }

namespace {

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// A mention written straight to text, byte for byte what Dump(MentionToJson(m)) writes (keys in
// the tree's sorted order, nlohmann's number and string forms) without building the tree, which
// cost more than all the rest of the output. json_test.cc checks the streamed and tree forms agree.
class MentionWriter {
 public:
  explicit MentionWriter(std::string& out) : out_(out) {}

  void Write(const Mention& m) {
    out_ += '{';
    if (m.comparator != Comparator::kNone) { Key("comparator"); String(NameOf(m.comparator)); }
    if (m.type == MentionType::kReference) {
      Key("date"); StringOrNull(m.ref_date);
      Key("kind"); String(m.ref_kind);
    }
    Key("rule"); String(m.rule_id);
    Key("span"); Span(m.span);
    Key("type"); String(MentionTypeName(m.type));
    Key("unit"); StringOrNull(m.unit);
    Key("value");
    switch (m.type) {
      case MentionType::kNumber:
      case MentionType::kPercent:
      case MentionType::kMoney:
      case MentionType::kCount:
        if (m.range_to) {
          out_ += "{\"from\":"; NumberValue(m.number);
          out_ += ",\"to\":"; NumberValue(*m.range_to);
          out_ += '}';
        } else {
          NumberValue(m.number);
        }
        break;
      case MentionType::kFraction:
        out_ += "{\"denominator\":"; NumberValue(m.denominator);
        out_ += ",\"numerator\":"; NumberValue(m.numerator);
        out_ += '}';
        break;
      case MentionType::kDate:
      case MentionType::kPeriod:
      case MentionType::kReference:
        String(m.iso);
        break;
    }
    if (m.year_inferred) out_ += ",\"year_inferred\":true";
    out_ += '}';
  }

 private:
  void Key(const char* key) {
    if (out_.back() != '{') out_ += ',';
    out_ += '"';
    out_ += key;
    out_ += "\":";
  }
  void Span(const baocao::Span& s) {
    out_ += '{';
    if (s.bbox) {
      out_ += "\"bbox\":[";
      for (size_t i = 0; i < 4; ++i) {
        if (i) out_ += ',';
        NumberValue(Rounded((*s.bbox)[i]));
      }
      out_ += "],";
    }
    if (s.confidence) {   // keys in nlohmann's (sorted) order, as SpanToJson writes them
      out_ += "\"confidence\":";
      NumberValue(std::round(double(*s.confidence) * 10) / 10);
      out_ += ',';
    }
    out_ += "\"end\":"; Integer(s.end);
    out_ += ",\"line\":"; Integer(s.line);
    if (s.origin) {
      out_ += ",\"origin\":{";
      bool first = true;
      for (auto [key, value] : OriginPlaces(*s.origin)) {
        if (!first) out_ += ',';
        first = false;
        out_ += '"';
        out_ += key;
        out_ += "\":";
        Integer(value);
      }
      out_ += '}';
    }
    out_ += ",\"page\":";
    if (s.page) Integer(*s.page); else out_ += "null";
    out_ += ",\"start\":"; Integer(s.start);
    out_ += ",\"text\":"; String(s.text);
    if (s.uncertain) out_ += ",\"uncertain\":true";
    out_ += '}';
  }
  template <typename Int>
  void Integer(Int v) {
    char buf[24];
    out_.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
  }
  // Number(): integral values as integers, others as nlohmann's shortest double, non-finite null.
  void NumberValue(double v) {
    if (std::fabs(v) < 9e15 && v == std::floor(v)) { Integer(static_cast<int64_t>(v)); return; }
    if (!std::isfinite(v)) { out_ += "null"; return; }
    char buf[64];
    out_.append(buf, nlohmann::detail::to_chars(buf, buf + sizeof buf, v));
  }
  void StringOrNull(const std::string& s) {
    if (s.empty()) out_ += "null"; else String(s);
  }
  void String(std::string_view s) {
    if (internal::FirstInvalidUtf8(s) != std::string_view::npos) {  // nlohmann's replacement rules
      out_ += Dump(json(std::string(s)));
      return;
    }
    out_ += '"';
    for (char ch : s) {
      auto c = static_cast<unsigned char>(ch);
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\b': out_ += "\\b"; break;
        case '\t': out_ += "\\t"; break;
        case '\n': out_ += "\\n"; break;
        case '\f': out_ += "\\f"; break;
        case '\r': out_ += "\\r"; break;
        default:
          if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out_ += buf;
          } else {
            out_ += ch;
          }
      }
    }
    out_ += '"';
  }
  std::string& out_;
};

std::string MentionText(const Mention& m) {
  std::string out;
  out.reserve(256 + m.span.text.size());
  MentionWriter(out).Write(m);
  return out;
}

const std::string& AsText(const std::string& text) { return text; }
std::string AsText(const json& j) { return Dump(j); }

// Writes `"key": [e1, e2, ...]` with each element made by `make` only when it is written; stops
// where it is once `ticker` finds the budget spent (false).
template <typename T, typename Make>
bool WriteArray(std::ostream& out, const char* key, const std::vector<T>& items, bool pretty, BudgetTicker& ticker,
                Make make) {
  out << "," << (pretty ? "\n " : "") << "\"" << key << "\": [";
  for (size_t i = 0; i < items.size(); ++i) {
    if (ticker.Exhausted()) return false;
    if (i) out << ",";
    if (pretty) out << "\n  ";
    out << AsText(make(items[i]));
  }
  out << (pretty && !items.empty() ? "\n ]" : "]");
  return true;
}

// Dump(value), an array element by element (the same bytes) so that `ticker` is asked between
// them; nullopt once it finds the budget spent.
std::optional<std::string> DumpWithin(const json& value, BudgetTicker& ticker) {
  if (!value.is_array()) return Dump(value);
  std::string out = "[";
  for (size_t i = 0; i < value.size(); ++i) {
    if (ticker.Exhausted()) return std::nullopt;
    if (i) out += ',';
    out += Dump(value[i]);
  }
  return out += ']';
}

// The budget is asked once per this many elements written: one costs a microsecond or more,
// a clock read a few tens of nanoseconds.
constexpr unsigned kJsonBudgetStride = 64;

// From this many mentions WriteJson writes them beside the rest, on a second thread.
constexpr size_t kParallelJsonMentions = 256;

}  // namespace

void WriteJson(const Extraction& x, std::ostream& out, bool pretty) { (void)WriteJson(x, out, pretty, Budget()); }

Status WriteJson(const Extraction& x, std::ostream& out, bool pretty, const Budget& budget) {
  // Everything but the long arrays goes through ToJson's tree; mentions, tables and checks, which
  // grow with the document, are written one element at a time, in the key order ToJson uses. On
  // a long document the tree is made and turned to text on a second thread while this one writes
  // the mentions, the two about equal in cost. Each side asks the budget as it goes.
  std::vector<std::pair<std::string, std::string>> parts;   // ToJson's keys, in order, with text
  std::ostringstream mentions;
  std::atomic<bool> stopped{false};
  internal::RunBoth(
      [&] {
        BudgetTicker ticker(budget, kJsonBudgetStride);
        json top = TreeOf(x, &ticker, /*streamed_lists=*/false);   // no copy of the rest
        for (auto it = top.begin(); it != top.end() && !stopped; ++it) {
          bool streamed = it.key() == "mentions" || it.key() == "tables" || it.key() == "checks";
          std::optional<std::string> text = streamed ? std::string() : DumpWithin(it.value(), ticker);
          if (!text) stopped = true;
          else parts.emplace_back(it.key(), std::move(*text));
        }
        if (budget.Exhausted()) stopped = true;
      },
      [&] {
        BudgetTicker ticker(budget, kJsonBudgetStride);
        if (!WriteArray(mentions, "mentions", x.mentions, pretty, ticker, [](const Mention& m) { return MentionText(m); })) {
          stopped = true;
        }
      },
      x.mentions.size() >= kParallelJsonMentions);
  if (stopped) return budget.Check("JSON output");
  BudgetTicker ticker(budget, kJsonBudgetStride);
  bool first = true, cut = false;
  out << "{";
  for (const auto& [key, text] : parts) {
    if (key == "mentions") {
      out << mentions.view();
    } else if (key == "tables") {
      cut = !WriteArray(out, "tables", x.tables, pretty, ticker, [](const Table& t) { return TableToJson(t); });
    } else if (key == "checks") {
      out << (first ? "" : ",") << (pretty ? "\n " : "") << "\"checks\": [";
      for (size_t i = 0; i < x.checks.size() && !(cut = ticker.Exhausted()); ++i) {
        out << (i ? "," : "") << (pretty ? "\n  " : "") << Dump(CheckToJson(x.checks[i]));
      }
      if (!cut) out << (pretty && !x.checks.empty() ? "\n ]" : "]");
    } else {
      out << (first ? "" : ",") << (pretty ? "\n " : "") << Dump(json(key)) << ": " << text;
    }
    if (cut) return budget.Check("JSON output");   // the JSON left incomplete
    first = false;
  }
  out << (pretty ? "\n}" : "}");
  return Status::Ok();
}

json ErrorToJson(const std::string& path, const Status& status) {
  return {{"schema_version", kSchemaVersion},
          {"document", {{"path", path}}},
          {"error", {{"code", ErrorCodeName(status.code())}, {"message", status.message()}}}};
}

// The first `bytes` bytes of `s`, cut back to a character boundary.
std::string Prefix(const std::string& s, size_t bytes) { return s.substr(0, internal::CharBoundaryAtOrBefore(s, bytes)); }

json StageToJson(const Stages& stages, std::string_view stage, std::string_view original) {
  if (stage == "text") {
    json j = {{"encoding", stages.text.encoding()}, {"repairs", stages.text.repairs()}, {"text", stages.text.str()}};
    // Word input: the text read from the .docx, which spans' offsets and lines count in.
    if (!stages.source_text.empty()) j["source_text"] = stages.source_text;
    return j;
  }
  if (stage == "layout") {
    const Layout& l = stages.layout;
    auto range_text = [&](const TextRange& r) { return std::string(stages.text.view().substr(r.begin, r.end - r.begin)); };
    json blocks = json::array();
    static const char* kinds[] = {"heading", "paragraph", "list_item", "table", "header", "closing"};
    for (const Block& b : l.blocks) {
      blocks.push_back({{"kind", kinds[static_cast<int>(b.kind)]}, {"section", b.section},
                        {"line", stages.text.OriginalLine(stages.text.OriginalBegin(b.range.begin))},
                        {"text", Prefix(range_text(b.range), 160)}});
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
  if (stage == "pages") {
    json pages = json::array();
    for (const PdfPage& p : stages.pages) {
      json page = {{"page", p.number}, {"text", p.text}, {"text_layer", p.has_text_layer ? "ok" : "absent"}};
      if (p.read_by_ocr) page["ocr"] = true;
      pages.push_back(std::move(page));
    }
    return {{"pages", std::move(pages)}};
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
