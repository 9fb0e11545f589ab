// `baocao compare`: the ward x indicator matrix of a store, for people (terminal, HTML, XLSX)
// and machines (CSV, JSON). The library does the work (baocao/corpus/corpus.h); this parses options.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <variant>

#include "baocao/corpus/corpus.h"
#include "baocao/store/store.h"
#include "cli.h"
#include "core/strings.h"

namespace baocao::cli {
namespace {

constexpr const char* kCompareHelp = R"(Usage: baocao compare --db FILE [options]

Compares the wards of a store (baocao ingest) indicator by indicator: for each period, each
ward's actual values from its latest report, the targets its latest plan set for that period
(else the report's own Chỉ tiêu), the rank of each value (1 = best; higher is better unless the
indicator is a rank or listed in rules/compare/direction.txt) and outliers by median and MAD
(robust z = 0.6745 (x - median) / MAD beyond 3.5). Cells the cross-document audit flags
(baocao audit --db) are marked. docs/COMPARE.md describes every output.

Options:
      --db FILE          the store to read (required; opened read-only)
      --indicator ID     only this indicator (catalogue id; repeat it, or give a comma list)
      --period P         only this period: 2026, 2026-H1, 2026-H2, 2026-Q3, 2026-08 ...
      --province NAME    only this province (case and diacritics do not matter)
      --csv              one row per ward, period and indicator, on standard output
      --json             the whole comparison as JSON on standard output
      --html FILE        one self-contained page: matrix, a bar chart per indicator, sources
      --xlsx FILE        a workbook: results, targets, flags and sources sheets
      --rules DIR        rule folder (default: $BAOCAO_RULES, or installed, or source rules/)
  -h, --help             this help

Without --csv, --json, --html or --xlsx the matrix is printed for people: value/target (rank),
'!' below target, '*' outlier, '#' flagged across documents.

Exit status: 0 success; 2 usage error; 5 rules failed to load; 6 an output file could not be
written; 8 the store could not be read.
)";

// "91,5/≥90 (2)!*#": result/target (rank), '!' below target, '*' outlier, '#' flagged.
std::string CellText(const CompareCell& c) {
  std::string out = c.actual ? VietnameseNumber(*c.actual) : (c.target ? "–" : "");
  if (c.target) out.append("/").append(ComparatorSymbol(c.comparator)).append(VietnameseNumber(*c.target));
  if (c.rank) out += " (" + std::to_string(c.rank) + ")";
  if (c.meets_target && !*c.meets_target) out += "!";
  if (c.outlier) out += "*";
  if (!c.flags.empty()) out += "#";
  return out;
}

// The matrix for people: a block per period, five indicators at a time, then what each
// numbered column is, the legend and the flags about the cells.
void PrintComparison(const Comparison& comparison) {
  constexpr size_t kWard = 22, kProvince = 18, kCell = 20, kPerBlock = 5;
  auto column = [](const std::string& s, size_t width) { return Pad(Clip(s, width - 2), width); };
  if (comparison.periods.empty()) {
    std::cout << "Không có số liệu để so sánh (kho chưa có báo cáo, kế hoạch nào có số liệu phù hợp).\n";
    return;
  }
  for (const ComparePeriod& p : comparison.periods) {
    std::cout << "Kỳ " << PeriodWords(p.period) << " (" << p.period << "): " << p.rows.size() << " phường, xã; "
              << p.indicators.size() << " chỉ tiêu\n";
    for (size_t first = 0; first < p.indicators.size(); first += kPerBlock) {
      size_t last = std::min(p.indicators.size(), first + kPerBlock);
      std::cout << "\n" << column("Phường, xã", kWard) << column("Tỉnh, thành phố", kProvince);
      for (size_t i = first; i < last; ++i) {
        std::cout << column(internal::Concat({"[", std::to_string(i + 1), "]"}), kCell);
      }
      std::cout << "\n";
      for (const CompareRow& r : p.rows) {
        std::cout << column(r.ward, kWard) << column(r.province, kProvince);
        for (size_t i = first; i < last; ++i) std::cout << column(CellText(r.cells[i]), kCell);
        std::cout << "\n";
      }
    }
    std::cout << "\n";
    for (size_t i = 0; i < p.indicators.size(); ++i) {
      const CompareIndicator& ind = p.indicators[i];
      std::cout << "[" << i + 1 << "] " << ind.id << ": " << (ind.label.empty() ? ind.id : ind.label) << " ("
                << (ind.unit.empty() ? "" : ind.unit + "; ")
                << (ind.direction > 0 ? "cao hơn là tốt hơn" : "thấp hơn là tốt hơn");
      if (ind.values == 1) std::cout << "; 1 giá trị";
      if (ind.values > 1) {
        std::cout << "; " << ind.values << " giá trị, trung vị " << VietnameseNumber(*ind.median) << ", MAD "
                  << VietnameseNumber(*ind.mad);
      }
      if (ind.outliers) std::cout << "; " << ind.outliers << " giá trị ngoại lai";
      std::cout << ")\n";
    }
    std::cout << "\n";
  }
  std::cout << "Ký hiệu: kết quả/chỉ tiêu (hạng); ! chưa đạt chỉ tiêu; * giá trị ngoại lai (|z| > 3,5 theo trung vị "
               "và MAD);\n# có phát hiện giữa các văn bản (chi tiết: baocao audit --db); – chưa có kết quả.\n";
  if (!comparison.flags.empty()) {
    std::cout << "\nPhát hiện liên quan (" << comparison.flags.size() << "):\n";
    for (const CorpusFlag& f : comparison.flags) {
      std::cout << "- " << NameOf(f.severity) << " " << f.kind << ": " << f.explanation << "\n";
    }
  }
}

// What the command line asked for.
struct CompareArgs {
  std::string db, rules_dir, html, xlsx;
  bool csv = false, json = false;
  CompareOptions options;
};

// "a, b,c" -> the ids a, b, c (spaces around each trimmed, empty ones dropped).
void AddIndicatorIds(const std::string& list, std::vector<std::string>& ids) {
  size_t from = 0;
  while (from <= list.size()) {
    size_t comma = std::min(list.find(',', from), list.size());
    std::string id = list.substr(from, comma - from);
    id.erase(0, id.find_first_not_of(' '));
    id.erase(id.find_last_not_of(' ') + 1);
    if (!id.empty()) ids.push_back(id);
    from = comma + 1;
  }
}

// Parses `args` into `out`; the exit status when the command ends here (help, usage error).
std::optional<int> ParseCompareArgs(const std::vector<std::string>& args, CompareArgs& out) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string* v) -> bool {
      if (i + 1 >= args.size()) return false;
      *v = args[++i];
      return true;
    };
    std::string v;
    if (a == "-h" || a == "--help") { std::cout << kCompareHelp; return kExitOk; }
    if (a == "--db") { if (!value(&out.db)) return Usage("--db needs a store file"); }
    else if (a == "--rules") { if (!value(&out.rules_dir)) return Usage("--rules needs a folder"); }
    else if (a == "--indicator") {
      if (!value(&v)) return Usage("--indicator needs an indicator id");
      AddIndicatorIds(v, out.options.indicators);
    } else if (a == "--period") { if (!value(&out.options.period)) return Usage("--period needs a period such as 2026-H1"); }
    else if (a == "--province") { if (!value(&out.options.province)) return Usage("--province needs a name"); }
    else if (a == "--csv") out.csv = true;
    else if (a == "--json") out.json = true;
    else if (a == "--html") { if (!value(&out.html)) return Usage("--html needs a file"); }
    else if (a == "--xlsx") { if (!value(&out.xlsx)) return Usage("--xlsx needs a file"); }
    else if (a.size() > 1 && a[0] == '-') return Usage("unknown option '" + a + "'");
    else return Usage("compare reads a store: --db FILE (unexpected '" + a + "')");
  }
  if (out.db.empty()) return Usage("compare needs --db FILE (baocao ingest --db FILE builds it)");
  if (int(out.csv) + int(out.json) + int(!out.html.empty()) + int(!out.xlsx.empty()) > 1) {
    return Usage("--csv, --json, --html and --xlsx exclude each other");
  }
  return std::nullopt;
}

// The comparison of the store, its cells' source lines attached; else the exit status, the
// failure printed.
std::variant<Comparison, int> LoadComparison(const CompareArgs& a) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(a.db, ec)) {
    std::cerr << "baocao: store: " << a.db << ": no such store (baocao ingest --db " << a.db << " builds it)\n";
    return kExitStore;
  }
  Result<CorpusRules> rules = CorpusRules::Load(a.rules_dir);
  if (!rules.ok()) {
    std::cerr << "baocao: rules: " << rules.status().ToString() << "\n";
    return ExitCodeFor(rules.status().code());
  }
  for (const std::string& id : a.options.indicators) {
    if (!rules->catalogue.count(id)) return Usage("unknown indicator '" + id + "' (ids of rules/indicators.tsv)");
  }
  StoreOptions store_options;
  store_options.read_only = true;
  Result<Store> store = Store::Open(a.db, store_options);
  Result<Corpus> corpus = store.ok() ? LoadCorpus(*store, *rules, CorpusFilter{a.options.province})
                                     : Result<Corpus>(store.status());
  if (!corpus.ok()) {
    std::cerr << "baocao: store: " << corpus.status().ToString() << "\n";
    return ExitCodeFor(corpus.status().code());
  }
  std::vector<CorpusFlag> flags = AuditCorpus(*corpus, *rules);
  Comparison comparison = Compare(*corpus, *rules, flags, a.options);
  if (Status s = AttachLines(*store, comparison); !s.ok()) {
    std::cerr << "baocao: store: " << s.ToString() << "\n";
    return ExitCodeFor(s.code());
  }
  return comparison;
}

int WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    std::cerr << "baocao: " << path << ": cannot write\n";
    return kExitOutput;
  }
  return kExitOk;
}

// The comparison in the form asked for: CSV, JSON, an HTML page, a workbook, or the matrix
// for people.
int WriteComparison(const CompareArgs& a, const Comparison& comparison) {
  if (!a.html.empty()) return WriteFile(a.html, CompareToHtml(comparison));
  if (!a.xlsx.empty()) {
    if (Status s = CompareToXlsx(comparison, a.xlsx); !s.ok()) {
      std::cerr << "baocao: " << s.message() << "\n";
      return kExitOutput;
    }
  } else if (a.csv) {
    std::cout << CompareToCsv(comparison);
  } else if (a.json) {
    std::cout << CompareToJson(comparison);
  } else {
    PrintComparison(comparison);
  }
  std::cout.flush();
  return std::cout ? kExitOk : kExitOutput;
}

}  // namespace

int CompareCommand(const std::vector<std::string>& args) {
  CompareArgs a;
  if (std::optional<int> status = ParseCompareArgs(args, a)) return *status;
  std::variant<Comparison, int> comparison = LoadComparison(a);
  if (const int* status = std::get_if<int>(&comparison)) return *status;
  return WriteComparison(a, std::get<Comparison>(comparison));
}

}  // namespace baocao::cli
