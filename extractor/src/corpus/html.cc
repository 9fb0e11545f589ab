// The comparison as one self-contained HTML page: the matrix per period, a bar chart per
// indicator (inline SVG), the flags, and every value's source (document, line, the line
// itself). No network: styles, the chart and the small sorting script are inline.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "corpus/corpus_impl.h"

namespace baocao {
namespace {

using corpus::HtmlEscape;

constexpr const char* kStyle = R"(
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:24px;color:#1d2430;background:#fff;font-size:14px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #2b5797;padding-bottom:4px}
h3{font-size:15px;margin:18px 0 6px}.muted{color:#5b6575}.legend span{display:inline-block;margin-right:14px}
.scroll{overflow-x:auto;max-width:100%}table.matrix{border-collapse:collapse;margin:8px 0 12px;font-size:13px}
.matrix th,.matrix td{border:1px solid #c9d1dc;padding:4px 6px;vertical-align:top}
.matrix th{background:#eef2f7;cursor:pointer;text-align:left;max-width:150px;font-weight:600}
.matrix td.v{text-align:right;white-space:nowrap}.matrix td.v a{color:#1d2430;text-decoration:none;font-weight:600}
.matrix td.v small{display:block;color:#5b6575;font-size:11px}.matrix sup{color:#2b5797;margin-left:2px}
td.miss{background:#fff4d6}td.outlier{background:#ffd9d2}td.flagged{box-shadow:inset 0 0 0 2px #c0392b}
.chip{display:inline-block;width:12px;height:12px;vertical-align:middle;margin-right:4px;border:1px solid #999}
.charts{display:flex;flex-wrap:wrap;gap:18px}figure{margin:0;border:1px solid #dde3ea;padding:8px;border-radius:4px;max-width:100%;box-sizing:border-box}
figcaption{font-size:12px;max-width:540px;margin-bottom:4px;overflow-wrap:anywhere}svg{max-width:100%;height:auto}
svg text{font-family:"DejaVu Sans",Arial,sans-serif;font-size:11px}
@media (max-width:600px){body{margin:12px}.matrix th{max-width:110px}}
ol.sources li,ul.flags li{margin:4px 0}.sev-error{color:#c0392b;font-weight:600}.sev-warning{color:#b9770e;font-weight:600}
.sev-info{color:#2b5797}q{quotes:"«" "»"}code{font-size:12px;color:#3d4654}.line{color:#3d4654;font-size:12px}
:target{background:#fff2a8}
)";

constexpr const char* kScript = R"(
document.querySelectorAll('table.matrix').forEach(function(t){
  t.querySelectorAll('th').forEach(function(th,i){th.addEventListener('click',function(){
    var rows=Array.from(t.tBodies[0].rows),dir=th.dataset.dir==='asc'?-1:1;th.dataset.dir=dir>0?'asc':'desc';
    rows.sort(function(a,b){var x=a.cells[i].dataset.sort,y=b.cells[i].dataset.sort;
      if(x===undefined||y===undefined){x=a.cells[i].textContent;y=b.cells[i].textContent;return dir*x.localeCompare(y,'vi');}
      if(x==='')return 1;if(y==='')return -1;return dir*(parseFloat(x)-parseFloat(y));});
    rows.forEach(function(r){t.tBodies[0].appendChild(r);});});});});
)";

std::string Num(double v) { return VietnameseNumber(v); }

// The smallest of 1, 2, 2.5, 5 times a power of ten that is at least `v` (1 for nothing).
double NiceCeiling(double v) {
  if (!(v > 0)) return 1;
  double power = std::pow(10.0, std::floor(std::log10(v)));
  for (double step : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (step * power >= v) return step * power;
  }
  return 10 * power;
}

std::string Fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// Sources are numbered in the order the page first meets them.
struct Sources {
  std::vector<const CompareSource*> list;
  std::map<std::pair<int64_t, size_t>, size_t> index;   // (document, start) -> number
  size_t Add(const CompareSource& s) {
    auto [it, added] = index.try_emplace({s.document, s.span.start}, list.size() + 1);
    if (added) list.push_back(&s);
    return it->second;
  }
};

std::string Where(const CompareSource& s) {
  return s.path + ", dòng " + std::to_string(s.span.line) + ": «" + s.span.text + "»";
}

void Chart(std::ostringstream& out, const ComparePeriod& p, size_t i, Sources& sources) {
  const CompareIndicator& ind = p.indicators[i];
  struct Bar {
    const CompareRow* row;
    const CompareCell* cell;
  };
  std::vector<Bar> bars;
  double top = 0;
  for (const CompareRow& r : p.rows) {
    const CompareCell& c = r.cells[i];
    if (!c.actual && !c.target) continue;
    bars.push_back({&r, &c});
    if (c.actual) top = std::max(top, *c.actual);
    if (c.target) top = std::max(top, *c.target);
  }
  // A chart compares wards: one ward alone has nothing to be set against.
  if (bars.size() < 2) return;
  std::stable_sort(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) {
    int ra = a.cell->rank ? a.cell->rank : 1 << 20, rb = b.cell->rank ? b.cell->rank : 1 << 20;
    return ra < rb;
  });
  // The axis ends at 100 for shares that reach past half of it; otherwise at a round number
  // just above the largest value, so that small shares (a budget's 1,5%) stay visible.
  if (ind.unit == "%" && top > 50 && top <= 100) top = 100;
  else top = NiceCeiling(top * 1.05);
  const double label_w = 140, bar_w = 300, value_w = 110, row_h = 20, head = 6;
  double height = head + row_h * static_cast<double>(bars.size()) + 24;
  double width = label_w + bar_w + value_w;
  out << "<figure><figcaption><b>" << HtmlEscape(ind.label.empty() ? ind.id : ind.label) << "</b> <code>"
      << HtmlEscape(ind.id) << "</code><br><span class=\"muted\">" << HtmlEscape(ind.unit.empty() ? "" : ind.unit + " · ")
      << (ind.direction > 0 ? "cao hơn là tốt hơn" : "thấp hơn là tốt hơn");
  if (ind.median) out << " · trung vị " << Num(*ind.median) << " · MAD " << Num(*ind.mad);
  out << "</span></figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" << width << "\" height=\""
      << height << "\" viewBox=\"0 0 " << width << " " << height << "\">\n";
  auto x_of = [&](double v) { return label_w + bar_w * std::clamp(v / top, 0.0, 1.0); };
  if (ind.median) {
    double x = x_of(*ind.median);
    out << "<line x1=\"" << Fixed(x) << "\" y1=\"" << head - 4 << "\" x2=\"" << Fixed(x) << "\" y2=\"" << height - 18
        << "\" stroke=\"#7f8c8d\" stroke-dasharray=\"4 3\"/>\n";
  }
  for (size_t k = 0; k < bars.size(); ++k) {
    const CompareRow& r = *bars[k].row;
    const CompareCell& c = *bars[k].cell;
    double y = head + row_h * static_cast<double>(k);
    out << "<text x=\"" << label_w - 6 << "\" y=\"" << Fixed(y + 14) << "\" text-anchor=\"end\">"
        << HtmlEscape(r.ward) << "</text>\n";
    if (c.actual) {
      std::string fill = c.outlier ? "#c0392b" : (c.meets_target && !*c.meets_target ? "#e1a100" : "#2b5797");
      size_t n = sources.Add(c.actual_source);
      out << "<a href=\"#src-" << n << "\"><rect x=\"" << label_w << "\" y=\"" << Fixed(y + 3) << "\" width=\""
          << Fixed(std::max(1.0, x_of(*c.actual) - label_w)) << "\" height=\"" << row_h - 6 << "\" fill=\"" << fill
          << "\"><title>" << HtmlEscape(r.ward + ": " + Num(*c.actual) + " — " + Where(c.actual_source)) << "</title></rect></a>\n";
    }
    if (c.target) {
      double x = x_of(*c.target);
      out << "<line x1=\"" << Fixed(x) << "\" y1=\"" << Fixed(y + 1) << "\" x2=\"" << Fixed(x) << "\" y2=\"" << Fixed(y + row_h - 1)
          << "\" stroke=\"#111\" stroke-width=\"2\"><title>" << HtmlEscape("Chỉ tiêu " + corpus::ComparatorText(c.comparator) + Num(*c.target))
          << "</title></line>\n";
    }
    std::string label = c.actual ? Num(*c.actual) : "–";
    if (c.target) label += " / " + corpus::ComparatorSymbol(c.comparator) + Num(*c.target);
    if (c.outlier) label += " *";
    out << "<text x=\"" << label_w + bar_w + 6 << "\" y=\"" << Fixed(y + 14) << "\">" << HtmlEscape(label) << "</text>\n";
  }
  out << "<text x=\"" << label_w << "\" y=\"" << Fixed(height - 4) << "\" fill=\"#5b6575\">0</text>"
      << "<text x=\"" << label_w + bar_w << "\" y=\"" << Fixed(height - 4) << "\" text-anchor=\"end\" fill=\"#5b6575\">"
      << HtmlEscape(Num(top)) << "</text>\n</svg></figure>\n";
}

void WriteHead(std::ostringstream& out, const Comparison& comparison) {
  size_t wards = 0;
  for (const ComparePeriod& p : comparison.periods) wards += p.rows.size();
  out << "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>So sánh kết quả các phường, xã theo chỉ tiêu</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n"
      << "<h1>So sánh kết quả các phường, xã theo chỉ tiêu</h1>\n<p class=\"muted\">" << comparison.periods.size()
      << " kỳ báo cáo · " << wards << " dòng phường, xã theo kỳ · " << comparison.flags.size()
      << " phát hiện giữa các văn bản. Mỗi giá trị dẫn tới nguồn của nó (văn bản, dòng).</p>\n"
      << "<p class=\"legend\"><span><i class=\"chip\" style=\"background:#2b5797\"></i>kết quả</span>"
      << "<span><i class=\"chip\" style=\"background:#e1a100\"></i>chưa đạt chỉ tiêu</span>"
      << "<span><i class=\"chip\" style=\"background:#c0392b\"></i>giá trị ngoại lai (|z| &gt; 3,5)</span>"
      << "<span><b>|</b> chỉ tiêu</span><span>┆ trung vị</span>"
      << "<span><i class=\"chip\" style=\"box-shadow:inset 0 0 0 2px #c0392b\"></i>có phát hiện</span>"
      << "<span><sup>n</sup> hạng</span></p>\n";
  if (comparison.periods.empty()) out << "<p>Không có số liệu để so sánh.</p>\n";
}

// The matrix's head row: one column per indicator, long labels cut at a word.
void WriteMatrixHead(std::ostringstream& out, const ComparePeriod& p) {
  out << "<section id=\"p-" << HtmlEscape(p.period) << "\">\n<h2>Kỳ " << HtmlEscape(PeriodWords(p.period)) << " <span class=\"muted\">("
      << HtmlEscape(p.period) << ")</span></h2>\n<div class=\"scroll\"><table class=\"matrix\"><thead><tr><th>Phường, xã</th><th>Tỉnh, thành phố</th>";
  for (const CompareIndicator& ind : p.indicators) {
    std::string label = ind.label.empty() ? ind.id : ind.label;
    std::string shown = label.size() > 70 ? label.substr(0, label.rfind(' ', 70)) + " …" : label;
    out << "<th title=\"" << HtmlEscape(ind.id + ": " + label) << "\">" << HtmlEscape(shown)
        << (ind.unit.empty() ? "" : " (" + HtmlEscape(ind.unit) + ")") << "</th>";
  }
  out << "</tr></thead>\n<tbody>\n";
}

// One cell: the value linked to its source, its rank, the target, the outlier's z and flags.
void WriteCell(std::ostringstream& out, const CompareCell& c, const Comparison& comparison, Sources& sources) {
  std::string cls = "v";
  if (c.meets_target && !*c.meets_target) cls += " miss";
  if (c.outlier) cls += " outlier";
  if (!c.flags.empty()) cls += " flagged";
  out << "<td class=\"" << cls << "\" data-sort=\"" << (c.actual ? std::to_string(*c.actual) : "") << "\">";
  if (c.actual) {
    size_t n = sources.Add(c.actual_source);
    out << "<a href=\"#src-" << n << "\" title=\"" << HtmlEscape(Where(c.actual_source)) << "\">" << Num(*c.actual) << "</a>";
    if (c.rank) out << "<sup>" << c.rank << "</sup>";
  } else if (c.target) {
    out << "–";
  }
  if (c.target) {
    size_t n = sources.Add(c.target_source);
    out << "<small><a href=\"#src-" << n << "\" title=\"" << HtmlEscape(Where(c.target_source)) << "\">chỉ tiêu "
        << HtmlEscape(corpus::ComparatorText(c.comparator)) << Num(*c.target) << "</a></small>";
  }
  if (c.outlier && c.robust_z) out << "<small>ngoại lai, z = " << HtmlEscape(Num(std::round(*c.robust_z * 10) / 10)) << "</small>";
  for (size_t k : c.flags) {
    out << "<small><a href=\"#flag-" << k + 1 << "\">⚑ " << HtmlEscape(comparison.flags[k].kind) << "</a></small>";
  }
  out << "</td>";
}

void WriteRow(std::ostringstream& out, const ComparePeriod& p, const CompareRow& r, const Comparison& comparison,
              Sources& sources) {
  out << "<tr><td>" << HtmlEscape(r.ward);
  if (r.written.size() > 1 || (r.written.size() == 1 && r.written[0] != r.ward)) {
    std::string also;
    for (const std::string& w : r.written) also += (also.empty() ? "" : ", ") + w;
    out << "<br><small class=\"muted\">viết: " << HtmlEscape(also) << "</small>";
  }
  out << "</td><td>" << HtmlEscape(r.province) << "</td>";
  for (size_t i = 0; i < p.indicators.size(); ++i) WriteCell(out, r.cells[i], comparison, sources);
  out << "</tr>\n";
}

// One period: its matrix, then a chart per indicator.
void WritePeriod(std::ostringstream& out, const ComparePeriod& p, const Comparison& comparison, Sources& sources) {
  WriteMatrixHead(out, p);
  for (const CompareRow& r : p.rows) WriteRow(out, p, r, comparison, sources);
  out << "</tbody></table></div>\n";
  std::ostringstream charts;
  for (size_t i = 0; i < p.indicators.size(); ++i) Chart(charts, p, i, sources);
  if (!charts.str().empty()) out << "<h3>Biểu đồ theo chỉ tiêu</h3>\n<div class=\"charts\">\n" << charts.str() << "</div>\n";
  out << "</section>\n";
}

void WriteFlags(std::ostringstream& out, const Comparison& comparison) {
  if (comparison.flags.empty()) return;
  out << "<h2>Phát hiện giữa các văn bản</h2>\n<ul class=\"flags\">\n";
  for (size_t k = 0; k < comparison.flags.size(); ++k) {
    const CorpusFlag& f = comparison.flags[k];
    out << "<li id=\"flag-" << k + 1 << "\"><span class=\"sev-" << HtmlEscape(NameOf(f.severity)) << "\">" << HtmlEscape(NameOf(f.severity))
        << "</span> <code>" << HtmlEscape(f.kind) << "</code> " << HtmlEscape(f.explanation) << "<ul>";
    for (const CorpusEvidence& e : f.evidence) {
      out << "<li class=\"line\">" << HtmlEscape(e.path) << ", dòng " << e.span.line << ": <q>" << HtmlEscape(e.span.text) << "</q>";
      if (!e.line_text.empty()) out << " — " << HtmlEscape(e.line_text);
      out << "</li>";
    }
    out << "</ul></li>\n";
  }
  out << "</ul>\n";
}

void WriteSources(std::ostringstream& out, const Sources& sources) {
  out << "<h2>Nguồn số liệu</h2>\n<ol class=\"sources\">\n";
  for (size_t n = 0; n < sources.list.size(); ++n) {
    const CompareSource& s = *sources.list[n];
    out << "<li id=\"src-" << n + 1 << "\"><code>" << HtmlEscape(s.path) << "</code>, dòng " << s.span.line << ": <q>"
        << HtmlEscape(s.span.text) << "</q>";
    if (!s.line_text.empty()) out << "<br><span class=\"line\">" << HtmlEscape(s.line_text) << "</span>";
    out << "</li>\n";
  }
  out << "</ol>\n<script>" << kScript << "</script>\n</body>\n</html>\n";
}

}  // namespace

std::string CompareToHtml(const Comparison& comparison) {
  std::ostringstream out;
  Sources sources;   // numbered as the page meets them: matrix cells, then charts, period by period
  WriteHead(out, comparison);
  for (const ComparePeriod& p : comparison.periods) WritePeriod(out, p, comparison, sources);
  WriteFlags(out, comparison);
  WriteSources(out, sources);
  return out.str();
}

}  // namespace baocao
