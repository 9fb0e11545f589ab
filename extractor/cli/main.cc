// baocao: the command line. Thin: parses options, calls the library, maps errors to exit codes.
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "baocao/corpus/evidence.h"
#include "baocao/pipeline/extract.h"
#include "baocao/emit/json.h"
#include "cli.h"

namespace {

using namespace baocao::cli;

constexpr const char* kVersion = "baocao 0.1.0";

constexpr const char* kHelp = R"(baocao - structured, checkable data from Vietnamese administrative reports and plans

Usage:
  baocao extract [options] FILE...     one JSON per input (docs/OUTPUT.md)
  baocao facts [options] FILE...       the indicator facts of each input, as a table for people
  baocao audit [options] FILE...       the inconsistencies found in each input, with evidence
  baocao audit --db FILE [options]     the inconsistencies across the documents of a store
  baocao ingest [options] PATH...      files and folders into the SQLite store (docs/STORE.md)
  baocao export --csv DIR | --postgres DSN   the store's tables as CSV or into PostgreSQL
  baocao compare --db FILE [options]   the wards of a store side by side (docs/COMPARE.md)
  baocao serve [options]               the upload service and the auditors' web page (docs/SERVE.md)
  baocao --tune list                   every threshold a --tune can set, with its default
  baocao --help | --version

Commands:
  extract   Read reports (PDF, or UTF-8/UTF-16/Windows-1258 text from PDF converters) and write
            their meta, references, facts, mentions and tables as JSON. `baocao extract --help`.
  facts     Print each input's facts: indicator, role, value, unit, comparator, period, line
            and label. Same options as extract (--rules, --encoding, --max-bytes).
  audit     Check each input's numbers against each other (sums, ratios, two values for one
            indicator, self-assessments, deadlines, the ward's name) and print the flags with
            the lines they rest on. `baocao audit --help`. Exits 1 when a flag is an error.
            With --db FILE: the documents of a store against each other (plans against
            reports, two values for one figure, citations, ward names), written to its
            corpus_flags table. `baocao audit --db FILE --help`.
  ingest    Extract files and folders in parallel into a SQLite store (--db, default
            ./baocao.sqlite); unchanged files are skipped, changed ones replaced, bad ones
            recorded. `baocao ingest --help`.
  export    Write every table of a store as CSV with a PostgreSQL schema.sql, or load it into
            PostgreSQL. `baocao export --help`.
  compare   Compare the wards of a store indicator by indicator: each ward's latest values, its
            plan's targets, ranks and outliers, printed for people or written as CSV, JSON, an
            HTML page or a workbook. `baocao compare --help`.
  serve     Serve a store over HTTP: uploads (stored as ingest stores files), the documents,
            flags, comparison and CSV as JSON, and the auditors' web page at /. `baocao serve --help`.

Exit status:
  0 success; 2 usage error; 3 an input could not be read (missing, unreadable, a directory);
  4 an input was refused (empty, binary, invalid encoding, over --max-bytes; a PDF damaged
  beyond repair, without pages, over --max-pages, or without a text layer; a damaged .docx,
  a zip that is no .docx, a zip bomb, XML with a DOCTYPE); 5 the rules failed to load; 6 an
  output could not be written; 7 a PDF needs a (different) --password, or an Office file is
  password-protected; 8 the store (SQLite) or an export target failed; 9 an extraction passed
  --max-seconds or --max-memory (a page over a PDF limit is skipped, not failed: "repairs");
  10 a .doc, .odt or RTF needs LibreOffice (package libreoffice-writer), which is not
  installed; 70 internal error. An image over 200 million pixels is refused (4).
  With several inputs every input is processed; the status is that of the first failure.
  audit: 0 no error-severity flag, 1 at least one (an input failure's code comes first).
)";

constexpr const char* kAuditHelp = R"(Usage: baocao audit [options] FILE...

Prints, for each input, the flags the audit raises (docs/OUTPUT.md "flags"), most severe first:
kind, severity, the indicators, one sentence that explains it, and every evidence line quoted
with its line number (and page), the evidence itself between « ». Relations come from
rules/audit/*.rel (rules/audit/README.md). FILE may be '-' for standard input.

Options:
      --json           the machine form: per input {"document", "flags", "checks"} ("checks":
                       the relations that held, with their members); several inputs: one
                       compact object a line
      --lang LANG      language of the explanations: vi (default) | en
      --rules DIR      rule folder (default: $BAOCAO_RULES, or installed, or source rules/)
      --encoding ENC   force the input encoding: utf-8 | utf-16le | utf-16be | windows-1258
      --max-bytes N    refuse inputs larger than N bytes (default 268435456)
      --max-seconds S  stop an extraction after S seconds (default 600; 0: no limit): exit 9
      --max-memory M   stop an extraction once the process's resident memory passes M bytes
                       (K, M, G suffixes; default 2G; 0: no limit): exit 9
      --password PW    the password of an encrypted PDF
      --max-pages N    refuse PDFs of more than N pages (default 20000)
      --ocr MODE       scanned pages: auto (default: pages without usable text) | always | never
      --tune S.F=V     set threshold F of stage S to V for this run, without a rebuild
                       (repeatable; `baocao --tune list` lists them: compose, ocr, layout,
                       link, audit)
  -q, --quiet          no OCR progress on standard error (errors are still printed)
  -h, --help           this help

Exit status: 0 no flag of severity error; 1 at least one error flag; otherwise as extract
(2 usage, 3 unreadable input, 4 refused input, 5 rules failed to load, 9 over --max-seconds
or --max-memory, 70 internal error),
the first input failure taking precedence over 1.
)";

constexpr const char* kExtractHelp = R"(Usage: baocao extract [options] FILE...

Writes one JSON object per input (docs/OUTPUT.md). With one input and no -o, the JSON goes to
standard output. FILE may be '-' for standard input.

Formats, known by their content, not their name:
  text   UTF-8, UTF-16 or Windows-1258 (.txt, and HTML, Markdown or LaTeX converter output)
  PDF    read page by page; its spans name their page and point into that page's text
  .docx  Word: paragraphs, tables (merged cells aligned), tracked changes as printed, fields,
         footnotes; spans point into the text read from it (--stage text: "source_text") and
         name their paragraph or table, row and cell ("origin")
  .doc, .odt, RTF  converted to .docx by LibreOffice (soffice --headless) when it is installed,
         then read as one ("repairs": "converted:doc"); without it, exit 10 (package
         libreoffice-writer)
  images JPEG, PNG, TIFF (every page), WebP: photographs and scans read by OCR as a scanned
         PDF's pages are (spans carry page, confidence; --bbox boxes in points); EXIF
         orientation applied; a page over 200 million pixels is refused (exit 4)
  A zip that is no .docx (.xlsx, an archive) is refused as unsupported (exit 4).

Options:
  -o, --output DIR     write DIR/NAME.json for each input NAME.txt (DIR is created)
      --jsonl          write one compact JSON object per line to standard output (a failed
                       input gives a line {"document":..., "error": {"code","message"}})
      --stage STAGE    print an intermediate stage instead: text | layout | mentions | pages
                       (pages: a PDF's page texts, {"pages": [{"page", "text", "text_layer"}]},
                       which spans' page, start, end and line refer to)
      --rules DIR      rule folder (default: $BAOCAO_RULES, or installed, or source rules/)
      --encoding ENC   force the input encoding: utf-8 | utf-16le | utf-16be | windows-1258
      --max-bytes N    refuse inputs larger than N bytes (default 268435456)
      --max-seconds S  stop an extraction after S seconds, the writing of its JSON included
                       (default 600; 0: no limit): exit 9, the JSON cut short
      --max-memory M   stop an extraction once the process's resident memory passes M bytes
                       (K, M, G suffixes; default 2G; 0: no limit): exit 9
      --password PW    the password of an encrypted PDF (tried as owner and user password)
      --bbox           PDF: give each span a "bbox": [x0, y0, x1, y1] in PDF points, origin at
                       the top left of the page
      --max-pages N    refuse PDFs of more than N pages (default 20000)
      --ocr MODE       PDF pages read by OCR (Tesseract, Vietnamese): auto (default; pages
                       whose text layer is absent or not text; $BAOCAO_OCR) | always | never.
                       Spans from OCR carry "confidence" (0-100) and "uncertain" (a number
                       with doubtful digits); flags resting on one are warnings
      --tune S.F=V     set threshold F of stage S to V for this run, without a rebuild
                       (repeatable; `baocao --tune list` lists them: compose, ocr, layout,
                       link, audit)
      --compact        compact JSON instead of indented
      --lang LANG      language of the flags' explanations: vi (default) | en
  -q, --quiet          no OCR progress on standard error (errors are still printed)
  -h, --help           this help

Errors go to standard error as 'baocao: FILE: code: reason'; see `baocao --help` for exit codes.
)";

std::string FormatValue(const baocao::Fact& f) {
  if (f.assessment) return *f.assessment ? "Đạt" : "Không đạt";
  if (!f.value) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", *f.value);
  return buf;
}

void PrintFacts(const baocao::Extraction& x) {
  std::cout << x.document.path << ": " << x.facts.size() << " facts\n";
  std::cout << Pad("line", 6) << Pad("indicator", 36) << Pad("role", 11) << Pad("value", 14) << Pad("unit", 10)
            << Pad("cmp", 4) << Pad("period", 24) << "label\n";
  for (const baocao::Fact& f : x.facts) {
    // PDF input: page:line (lines count within the page).
    std::string where = (f.span.page ? std::to_string(*f.span.page) + ":" : "") + std::to_string(f.span.line);
    std::cout << Pad(where, 6) << Pad(f.indicator, 36) << Pad(std::string(NameOf(f.role)), 11)
              << Pad(FormatValue(f), 14) << Pad(f.unit, 10) << Pad(std::string(NameOf(f.comparator)), 4) << Pad(Clip(f.period, 22), 24)
              << Clip(f.label, 70) << "\n";
  }
}

// How `extract` writes each result.
struct ExtractOutput {
  std::string output_dir;   // a file FILE.json in it for each input; empty: standard output
  std::string stage;        // --stage: that stage's JSON, not the extraction's
  bool jsonl = false, compact = false;
};

// Writes one extraction's JSON (or its stage) as `output` says, streamed element by element
// within `budget` (a stage is small enough to build whole). A JSON the budget cut short ends its
// line and the error follows (as a record of its own under --jsonl); an output file cut short is
// removed. The exit status it adds: kExitOk, the budget's, or kExitOutput.
int WriteExtraction(const ExtractOutput& output, const std::string& file, const baocao::Extraction& x,
                    const baocao::Stages& stages, const std::string& bytes, const baocao::Budget& budget) {
  const bool one_line = output.jsonl || output.compact;
  int status = kExitOk;
  auto write = [&](std::ostream& out) {
    baocao::Status written = baocao::Status::Ok();
    if (output.stage.empty()) {
      written = baocao::WriteJson(x, out, !one_line, budget);
    } else {
      out << baocao::StageToJson(stages, output.stage, bytes)
                 .dump(one_line ? -1 : 1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    out << "\n";
    if (written.ok()) return true;
    baocao::Status cut(written.code(), file + ": " + written.message());
    std::cerr << "baocao: " << cut.ToString() << "\n";
    if (output.jsonl) out << baocao::ErrorToJson(file, cut).dump() << "\n";
    status = ExitCodeFor(cut.code());
    return false;
  };
  if (output.output_dir.empty()) {
    write(std::cout);
    return status;
  }
  std::filesystem::path name = std::filesystem::path(file == "-" ? "stdin" : file).filename();
  name.replace_extension(".json");
  std::filesystem::path target = std::filesystem::path(output.output_dir) / name;
  std::ofstream out(target, std::ios::binary);
  if (!write(out)) {
    out.close();
    std::error_code ignored;
    std::filesystem::remove(target, ignored);
  } else if (!out) {
    std::cerr << "baocao: " << target.string() << ": cannot write\n";
    status = kExitOutput;
  }
  return status;
}

int Extract(const std::vector<std::string>& args, bool facts_table = false) {
  std::vector<std::string> files;
  ExtractOutput output;
  std::string& output_dir = output.output_dir;
  std::string& stage = output.stage;
  bool& jsonl = output.jsonl;
  bool& compact = output.compact;
  std::string rules_dir;
  baocao::ExtractOptions options = DefaultExtractOptions();
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string* out) -> bool {
      if (i + 1 >= args.size()) return false;
      *out = args[++i];
      return true;
    };
    if (a == "-h" || a == "--help") { std::cout << kExtractHelp; return kExitOk; }
    if (a == "-o" || a == "--output") { if (!value(&output_dir)) return Usage(a + " needs a folder"); }
    else if (a == "--jsonl") jsonl = true;
    else if (a == "--compact") compact = true;
    else if (a == "--stage") {
      if (!value(&stage)) return Usage("--stage needs text, layout, mentions or pages");
      if (stage != "text" && stage != "layout" && stage != "mentions" && stage != "pages") {
        return Usage("unknown stage '" + stage + "' (text, layout, mentions, pages)");
      }
    } else if (int parsed = ParseCommonOption(args, i, rules_dir, options); parsed != kNotCommon) {
      if (parsed != kExitOk) return parsed;
    } else if (a.size() > 1 && a[0] == '-') return Usage("unknown option '" + a + "'");
    else files.push_back(a);
  }
  if (files.empty()) return Usage("extract needs at least one FILE (or '-' for standard input)");
  if (!output_dir.empty() && jsonl) return Usage("-o and --jsonl exclude each other");
  if (files.size() > 1 && output_dir.empty() && !jsonl && stage.empty() && !facts_table) jsonl = true;  // many inputs: stream

  auto engine = baocao::Engine::Create({rules_dir});
  if (!engine.ok()) {
    std::cerr << "baocao: rules: " << engine.status().ToString() << "\n";
    return ExitCodeFor(engine.status().code());
  }
  if (!output_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(output_dir, ec);
    if (ec) { std::cerr << "baocao: " << output_dir << ": " << ec.message() << "\n"; return kExitOutput; }
  }
  int status = kExitOk;
  for (const std::string& file : files) {
    baocao::Result<std::string> bytes = file == "-" ? ReadStdin(options.max_bytes) : baocao::ReadFileBytes(file, options.max_bytes);
    baocao::Stages stages;
    // One budget for the extraction and the writing of its JSON (64 MB take seconds).
    baocao::ExtractOptions budgeted = options;
    const baocao::Budget budget = baocao::StartBudget(budgeted);
    baocao::Result<baocao::Extraction> result = bytes.ok()
        ? engine->ExtractBytes(*bytes, file, budgeted, stage.empty() ? nullptr : &stages)
        : baocao::Result<baocao::Extraction>(bytes.status());
    if (!result.ok()) {
      std::cerr << "baocao: " << result.status().ToString() << "\n";
      if (jsonl) std::cout << baocao::ErrorToJson(file, result.status()).dump() << "\n";
      if (status == kExitOk) status = ExitCodeFor(result.status().code());
      continue;
    }
    if (facts_table) {
      PrintFacts(*result);
      continue;
    }
    const int written = WriteExtraction(output, file, *result, stages, *bytes, budget);
    if (status == kExitOk) status = written;
  }
  std::cout.flush();
  return status;
}


// ---------------------------------------------------------------------------------------------
// audit: flags for people.

void PrintFlags(const baocao::Extraction& x, const std::string& bytes, bool en) {
  size_t errors = 0, warnings = 0, infos = 0;
  for (const baocao::Flag& f : x.flags) {
    errors += f.severity == baocao::Severity::kError;
    warnings += f.severity == baocao::Severity::kWarning;
    infos += f.severity == baocao::Severity::kInfo;
  }
  auto plural = [](size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); };
  // Relations found that hold (the broken ones are the flags).
  size_t holding = std::count_if(x.checks.begin(), x.checks.end(), [](const baocao::Check& k) { return k.holds; });
  if (en) {
    std::cout << x.document.path << ": " << plural(x.flags.size(), "flag") << " (" << plural(errors, "error") << ", "
              << plural(warnings, "warning") << ", " << infos << " info), " << plural(holding, "relation") << " checked and holding\n";
  } else {
    std::cout << x.document.path << ": " << x.flags.size() << " phát hiện (" << errors << " lỗi, " << warnings
              << " cảnh báo, " << infos << " thông tin), " << holding << " quan hệ đã kiểm tra và khớp\n";
  }
  bool utf8 = x.document.encoding == "utf-8";
  int n = 0;
  for (const baocao::Flag& f : x.flags) {
    std::cout << "\n" << ++n << ". " << NameOf(f.severity) << "  " << f.kind;
    if (!f.indicators.empty()) {
      std::cout << "  [";
      for (size_t i = 0; i < f.indicators.size(); ++i) std::cout << (i ? ", " : "") << f.indicators[i];
      std::cout << "]";
    }
    std::cout << "\n   " << f.explanation << "\n";
    // Evidence grouped by line, in document order.
    for (const baocao::EvidenceLine& l : baocao::QuoteEvidenceLines(f.evidence, bytes, utf8)) {
      std::string where = (l.page ? (en ? "page " : "trang ") + std::to_string(*l.page) + ", " : std::string()) +
                          (en ? "line " : "dòng ") + std::to_string(l.line);
      std::cout << "   " << Pad(where + ":", 11) << l.quoted << "\n";
    }
    if (!f.rule.empty()) std::cout << "   " << (en ? "rule: " : "quy tắc: ") << f.rule << "\n";
  }
}

int AuditCommand(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  std::string rules_dir;
  bool json = false;
  baocao::ExtractOptions options = DefaultExtractOptions();
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") { std::cout << kAuditHelp; return kExitOk; }
    if (a == "--json") json = true;
    else if (int parsed = ParseCommonOption(args, i, rules_dir, options); parsed != kNotCommon) {
      if (parsed != kExitOk) return parsed;
    } else if (a.size() > 1 && a[0] == '-') return Usage("unknown option '" + a + "'");
    else files.push_back(a);
  }
  if (files.empty()) return Usage("audit needs at least one FILE (or '-' for standard input)");
  auto engine = baocao::Engine::Create({rules_dir});
  if (!engine.ok()) {
    std::cerr << "baocao: rules: " << engine.status().ToString() << "\n";
    return ExitCodeFor(engine.status().code());
  }
  int failure = kExitOk;
  bool errors = false;
  for (size_t k = 0; k < files.size(); ++k) {
    const std::string& file = files[k];
    baocao::Result<std::string> bytes = file == "-" ? ReadStdin(options.max_bytes) : baocao::ReadFileBytes(file, options.max_bytes);
    baocao::Result<baocao::Extraction> result = bytes.ok() ? engine->ExtractBytes(*bytes, file, options)
                                                           : baocao::Result<baocao::Extraction>(bytes.status());
    if (!result.ok()) {
      std::cerr << "baocao: " << result.status().ToString() << "\n";
      if (json) std::cout << baocao::ErrorToJson(file, result.status()).dump() << "\n";
      if (failure == kExitOk) failure = ExitCodeFor(result.status().code());
      continue;
    }
    for (const baocao::Flag& f : result->flags) errors |= f.severity == baocao::Severity::kError;
    if (json) {
      baocao::Extraction slim;
      slim.document = result->document;
      slim.flags = result->flags;
      slim.checks = result->checks;
      nlohmann::json full = baocao::ToJson(slim);
      nlohmann::json out = {{"schema_version", full["schema_version"]}, {"document", full["document"]},
                            {"flags", full["flags"]}, {"checks", full["checks"]}};
      std::cout << out.dump(files.size() > 1 ? -1 : 1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
      if (k > 0) std::cout << "\n";
      PrintFlags(*result, *bytes, options.audit.lang == "en");
    }
  }
  std::cout.flush();
  if (failure != kExitOk) return failure;
  return errors ? 1 : kExitOk;
}

}  // namespace

// A command other than `serve` runs once over its inputs and exits: the memory it frees is kept
// for its next allocation rather than handed back to the system and faulted in again page by
// page (glibc hands back any free block over 128 KB, and a freed heap top). On the 224-page PDF
// benchmark (tools/bench/pdf.sh) this saves a quarter of the page faults, 7,100 -> 5,500.
void KeepFreedMemory() {
#ifdef __GLIBC__
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 32 << 20);
#endif
}

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  // `baocao help CMD` is `baocao CMD --help`.
  if (args.size() == 2 && args[0] == "help") args = {args[1], "--help"};
  if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    std::cout << kHelp;
    return args.empty() ? kExitUsage : kExitOk;
  }
  if (args[0] == "--version") { std::cout << kVersion << "\n"; return kExitOk; }
  if (args.size() == 2 && args[0] == "--tune" && args[1] == "list") {
    for (const std::string& field : baocao::ListTuning(DefaultExtractOptions())) std::cout << field << "\n";
    return kExitOk;
  }
  std::string command = args[0];
  args.erase(args.begin());
  const bool store_audit = command == "audit" && std::find(args.begin(), args.end(), "--db") != args.end();
  SetUsageCommand(store_audit ? "audit --db FILE" : command);
  if (command != "serve") KeepFreedMemory();
  if (command == "extract") return Extract(args);
  if (command == "facts") return Extract(args, true);
  if (command == "audit") {
    // With --db the audit runs across the documents of a store.
    if (std::find(args.begin(), args.end(), "--db") != args.end()) return AuditStoreCommand(args);
    return AuditCommand(args);
  }
  if (command == "ingest") return IngestCommand(args);
  if (command == "export") return ExportCommand(args);
  if (command == "compare") return CompareCommand(args);
  if (command == "serve") return ServeCommand(args);
  SetUsageCommand("");
  return Usage("unknown command '" + command + "'");
}
