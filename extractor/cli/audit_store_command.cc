// `baocao audit --db FILE`: the checks across the documents of a store (baocao/corpus/corpus.h), written
// to its corpus_flags table and printed the way `baocao audit` prints one document's flags.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>

#include "baocao/corpus/corpus.h"
#include "baocao/corpus/evidence.h"
#include "baocao/store/store.h"
#include "cli.h"

namespace baocao::cli {
namespace {

constexpr const char* kAuditStoreHelp = R"(Usage: baocao audit --db FILE [--json] [--lang vi|en] [--rules DIR]

Checks the documents of a store (baocao ingest) against each other, rebuilds the store's
corpus_flags table with what it finds (in one transaction) and prints each flag, most severe
first: kind, severity, indicators, one sentence that explains it, and every evidence line with
its document and line number, the evidence itself between « »; then a summary.

  assessment_mismatch  a report says "Đạt" for a value below the target its ward's plan set
                       for that indicator and period (error), or "Không đạt" for one that meets
                       it (warning)
  target_missed        a report's value misses its plan's target and the report does not say
                       so (warning)
  conflicting_values   one ward, indicator and period stated with different values in two
                       documents (results: error; targets: warning)
  reference_mismatch   one cited document given two dates, or two symbols (warning; info when
                       only '-' and '/' differ)
  name_variant         one ward written two ways (warning; info for a spelling the ward
                       registry, rules/places/wards.txt, lists)

Only like is compared with like: a plan for "năm 2026" is checked against reports on "năm
2026", not against a report on "6 tháng đầu năm 2026". docs/COMPARE.md says more.

Options:
      --db FILE        the store (required; must exist)
      --json           {"store", "documents", "flags", "summary"} on standard output
      --lang LANG      language of the explanations: vi (default) | en
      --rules DIR      rule folder (default: $BAOCAO_RULES, or installed, or source rules/)
  -h, --help           this help

Exit status: 0 no flag of severity error; 1 at least one; 2 usage error; 5 rules failed to
load; 8 the store could not be read or written.
)";

void Print(const std::vector<CorpusFlag>& flags, const std::string& db, size_t documents, bool en) {
  std::map<std::string, size_t> by_severity, by_kind;
  for (const CorpusFlag& f : flags) {
    by_severity[std::string(NameOf(f.severity))]++;
    by_kind[f.kind]++;
  }
  if (en) {
    std::cout << db << ": " << flags.size() << " flags across " << documents << " documents (" << by_severity["error"]
              << " errors, " << by_severity["warning"] << " warnings, " << by_severity["info"] << " notes)\n";
  } else {
    std::cout << db << ": " << flags.size() << " phát hiện giữa " << documents << " văn bản (" << by_severity["error"]
              << " lỗi, " << by_severity["warning"] << " cảnh báo, " << by_severity["info"] << " thông tin)\n";
  }
  int n = 0;
  for (const CorpusFlag& f : flags) {
    std::cout << "\n" << ++n << ". " << NameOf(f.severity) << "  " << f.kind;
    if (!f.indicators.empty()) {
      std::cout << "  [";
      for (size_t i = 0; i < f.indicators.size(); ++i) std::cout << (i ? ", " : "") << f.indicators[i];
      std::cout << "]";
    }
    std::cout << "\n   " << f.explanation << "\n";
    for (const CorpusEvidence& e : f.evidence) {
      std::string where = e.path + ", " + (e.span.page ? (en ? "page " : "trang ") + std::to_string(*e.span.page) + ", " : "") +
                          (en ? "line " : "dòng ") + std::to_string(e.span.line) + ":";
      std::cout << "   " << where << "  " << QuoteEvidence(e) << "\n";
    }
    if (!f.rule.empty()) std::cout << "   " << (en ? "rule: " : "quy tắc: ") << f.rule << "\n";
  }
  std::cout << "\n" << (en ? "Summary: " : "Tóm tắt: ") << flags.size() << (en ? " flags" : " phát hiện");
  if (!by_kind.empty()) {
    std::cout << " (";
    bool first = true;
    for (const auto& [kind, count] : by_kind) {
      std::cout << (first ? "" : ", ") << kind << " " << count;
      first = false;
    }
    std::cout << ")";
  }
  std::cout << (en ? "; written to corpus_flags.\n" : "; đã ghi vào bảng corpus_flags.\n");
}

}  // namespace

int AuditStoreCommand(const std::vector<std::string>& args) {
  std::string db, rules_dir, lang = "vi";
  bool json = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string* out) -> bool {
      if (i + 1 >= args.size()) return false;
      *out = args[++i];
      return true;
    };
    if (a == "-h" || a == "--help") { std::cout << kAuditStoreHelp; return kExitOk; }
    if (a == "--db") { if (!value(&db)) return Usage("--db needs a store file"); }
    else if (a == "--rules") { if (!value(&rules_dir)) return Usage("--rules needs a folder"); }
    else if (a == "--json") json = true;
    else if (a == "--lang") {
      if (!value(&lang) || (lang != "vi" && lang != "en")) return Usage("--lang needs vi or en");
    } else if (a.size() > 1 && a[0] == '-') return Usage("unknown option '" + a + "' for audit --db");
    else return Usage("audit --db checks the store's documents; audit FILE... checks files (not both)");
  }
  if (db.empty()) return Usage("audit --db needs a store file");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(db, ec)) {
    std::cerr << "baocao: store: " << db << ": no such store (baocao ingest --db " << db << " builds it)\n";
    return kExitStore;
  }
  Result<CorpusRules> rules = CorpusRules::Load(rules_dir);
  if (!rules.ok()) {
    std::cerr << "baocao: rules: " << rules.status().ToString() << "\n";
    return ExitCodeFor(rules.status().code());
  }
  Result<Store> store = Store::Open(db);
  if (!store.ok()) {
    std::cerr << "baocao: store: " << store.status().ToString() << "\n";
    return ExitCodeFor(store.status().code());
  }
  Result<Corpus> corpus = LoadCorpus(*store, *rules);
  if (!corpus.ok()) {
    std::cerr << "baocao: store: " << corpus.status().ToString() << "\n";
    return ExitCodeFor(corpus.status().code());
  }
  CorpusAuditOptions options;
  options.lang = lang;
  std::vector<CorpusFlag> flags = AuditCorpus(*corpus, *rules, options);
  Status written = WriteCorpusFlags(*store, flags);
  Status lines = written.ok() ? AttachLines(*store, flags) : written;
  if (!lines.ok()) {
    std::cerr << "baocao: store: " << lines.ToString() << "\n";
    return ExitCodeFor(lines.code());
  }
  bool errors = std::any_of(flags.begin(), flags.end(), [](const CorpusFlag& f) { return f.severity == Severity::kError; });
  if (json) {
    nlohmann::json list = nlohmann::json::array();
    std::map<std::string, size_t> by_kind, by_severity;
    for (const CorpusFlag& f : flags) {
      list.push_back(CorpusFlagToJson(f));
      by_kind[f.kind]++;
      by_severity[std::string(NameOf(f.severity))]++;
    }
    nlohmann::json out = {{"schema", "baocao-corpus-audit/1"},
                          {"store", db},
                          {"documents", corpus->documents.size()},
                          {"flags", std::move(list)},
                          {"summary", {{"flags", flags.size()}, {"by_kind", by_kind}, {"by_severity", by_severity}}}};
    std::cout << out.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    Print(flags, db, corpus->documents.size(), lang == "en");
  }
  std::cout.flush();
  return errors ? 1 : kExitOk;
}

}  // namespace baocao::cli
