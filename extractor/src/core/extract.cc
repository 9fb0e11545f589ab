// The pipeline: Source -> Text -> Layout -> Mentions -> references and meta. Each stage reads
// only the previous stage's value; spans reach the original bytes only through Text.
#include "baocao/extract.h"

#include <openssl/evp.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cctype>
#include <cstring>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <unistd.h>

#include "baocao/link.h"
#include "baocao/meta.h"
#include "core/parallel.h"
#include "core/references.h"

namespace baocao {

struct Engine::Impl {
  std::string rules_dir;
  std::optional<RuleSet> rules;
  Gazetteer places;
  std::optional<Lexicon> lexicon;
  std::optional<AuditRules> audit;
};

Engine::Engine() : impl_(std::make_unique<Impl>()) {}
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;
Engine::~Engine() = default;

std::string DefaultRulesDir() {
  if (const char* env = std::getenv("BAOCAO_RULES"); env && *env) return env;
  std::error_code ec;
#ifdef BAOCAO_SOURCE_RULES
  if (std::filesystem::is_directory(BAOCAO_SOURCE_RULES, ec)) return BAOCAO_SOURCE_RULES;
#endif
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (auto dir : {exe.parent_path() / "rules", exe.parent_path().parent_path() / "rules",
                     exe.parent_path().parent_path() / "share" / "baocao" / "rules"}) {
      if (std::filesystem::is_directory(dir, ec)) return dir.string();
    }
  }
  return "rules";
}

Result<Engine> Engine::Create(const EngineConfig& config) {
  Engine engine;
  engine.impl_->rules_dir = config.rules_dir.empty() ? DefaultRulesDir() : config.rules_dir;
  const std::string& dir = engine.impl_->rules_dir;
  // Compiling the recognition rules is most of a start-up (a CLI run pays it once per
  // process): it runs on a second thread while this one loads the rest.
  std::optional<Result<RuleSet>> rules;
  std::optional<Result<Gazetteer>> places;
  std::optional<Result<Lexicon>> lexicon;
  std::optional<Result<AuditRules>> audit;
  internal::RunBoth([&] { rules.emplace(RuleSet::Load(dir)); },
                    [&] {
                      places.emplace(Gazetteer::Load(dir + "/places/provinces.txt"));
                      lexicon.emplace(Lexicon::Load(dir));
                      audit.emplace(AuditRules::Load(dir));
                    });
  // The errors in the order the files were always loaded, whichever finished first.
  if (!rules->ok()) return rules->status();
  if (!places->ok()) return places->status();
  if (!lexicon->ok()) return lexicon->status();
  if (!audit->ok()) return audit->status();
  engine.impl_->rules.emplace(std::move(*rules).value());
  engine.impl_->places = std::move(*places).value();
  engine.impl_->lexicon.emplace(std::move(*lexicon).value());
  engine.impl_->audit.emplace(std::move(*audit).value());
  return engine;
}

const RuleSet& Engine::rules() const { return *impl_->rules; }
const Lexicon& Engine::lexicon() const { return *impl_->lexicon; }
const AuditRules& Engine::audit_rules() const { return *impl_->audit; }
const std::string& Engine::rules_dir() const { return impl_->rules_dir; }

Result<std::string> ReadFileBytes(const std::string& path, size_t max_bytes) {
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0) {
    return Status(errno == ENOENT ? ErrorCode::kNotFound : ErrorCode::kUnreadable,
                  path + ": " + std::strerror(errno));
  }
  if (S_ISDIR(st.st_mode)) return Status(ErrorCode::kUnreadable, path + ": is a directory");
  if (S_ISREG(st.st_mode) && static_cast<size_t>(st.st_size) > max_bytes) {
    return Status(ErrorCode::kTooLarge, path + ": " + std::to_string(st.st_size) + " bytes exceeds the " +
                                            std::to_string(max_bytes) + "-byte limit (--max-bytes)");
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Status(ErrorCode::kUnreadable, path + ": " + std::strerror(errno));
  std::string bytes;
  if (S_ISREG(st.st_mode)) bytes.reserve(static_cast<size_t>(st.st_size));
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    bytes.append(buf, n);
    if (bytes.size() > max_bytes) {  // a pipe or a file that grew: stop before memory runs away
      std::fclose(f);
      return Status(ErrorCode::kTooLarge, path + ": more than the " + std::to_string(max_bytes) + "-byte limit (--max-bytes)");
    }
  }
  bool failed = std::ferror(f);
  std::fclose(f);
  if (failed) return Status(ErrorCode::kUnreadable, path + ": read error");
  return bytes;
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(hex[digest[i] >> 4]);
    out.push_back(hex[digest[i] & 15]);
  }
  return out;
}

Result<Extraction> Engine::ExtractFile(const std::string& path, const ExtractOptions& options) const {
  Result<std::string> bytes = ReadFileBytes(path, options.max_bytes);
  if (!bytes.ok()) return bytes.status();
  return ExtractBytes(*bytes, path, options, nullptr);
}

Result<Extraction> Engine::ExtractBytes(std::string_view bytes, const std::string& path,
                                        const ExtractOptions& options) const {
  return ExtractBytes(bytes, path, options, nullptr);
}

namespace {

bool NamedPdf(const std::string& path) {
  if (path.size() < 4) return false;
  std::string ext = path.substr(path.size() - 4);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".pdf";
}

// A date or month written without its year ("ngày 23/8", "tháng 10") takes the year its sentence
// gives (the nearest date or period there that has one: "… tháng 10, tính đến ngày 30/10/2025"),
// else the year of the document's date (docs/OUTPUT.md).
void InferYears(std::vector<Mention>& mentions, std::string_view text, const std::optional<std::string>& doc_date) {
  auto yearless = [](const Mention& m) {
    return (m.type == MentionType::kDate || m.type == MentionType::kPeriod) && m.iso.rfind("--", 0) == 0;
  };
  auto year_of = [](const Mention& m) -> std::string {
    if (m.type != MentionType::kDate && m.type != MentionType::kPeriod) return "";
    if (m.iso.size() < 4 || !std::isdigit(static_cast<unsigned char>(m.iso[0]))) return "";
    return m.iso.substr(0, 4);
  };
  // The sentence around a position: from after the last ". ", ";" or blank line before it to the
  // first after it.
  constexpr size_t kMaxReach = 2000;   // bytes either side: a sentence, not a run-on text
  auto sentence = [&](size_t pos) {
    size_t b = pos, e = pos;
    const size_t b_limit = pos > kMaxReach ? pos - kMaxReach : 0, e_limit = std::min(text.size(), pos + kMaxReach);
    while (b > b_limit && !(text[b - 1] == ';' || (text[b - 1] == '.' && b < text.size() && (text[b] == ' ' || text[b] == '\n')) ||
                      (text[b - 1] == '\n' && b >= 2 && text[b - 2] == '\n'))) {
      --b;
    }
    while (e < e_limit && !(text[e] == ';' || (text[e] == '.' && (e + 1 >= text.size() || text[e + 1] == ' ' || text[e + 1] == '\n')) ||
                                (text[e] == '\n' && e + 1 < text.size() && text[e + 1] == '\n'))) {
      ++e;
    }
    return std::make_pair(b, e);
  };
  for (size_t i = 0; i < mentions.size(); ++i) {
    Mention& m = mentions[i];
    if (!yearless(m)) continue;
    auto [b, e] = sentence(m.span.normalized.begin);
    std::string year;
    size_t best = std::string::npos;
    // Mentions are in text order: only those of the sentence are looked at.
    size_t first = std::lower_bound(mentions.begin(), mentions.end(), b, [](const Mention& x, size_t at) {
                     return x.span.normalized.begin < at;
                   }) - mentions.begin();
    for (size_t j = first; j < mentions.size() && mentions[j].span.normalized.begin < e; ++j) {
      const Mention& o = mentions[j];
      if (j == i || o.span.normalized.end > e) continue;
      std::string y = year_of(o);
      if (y.empty()) continue;
      size_t distance = o.span.normalized.begin > m.span.normalized.begin ? o.span.normalized.begin - m.span.normalized.begin
                                                                          : m.span.normalized.begin - o.span.normalized.begin;
      if (distance < best) best = distance, year = y;
    }
    if (year.empty() && doc_date && doc_date->size() >= 4) year = doc_date->substr(0, 4);
    // A text with no date of its own (a page saved from a portal): the nearest year before it in
    // its paragraph, else the nearest after.
    if (year.empty()) {
      size_t para_b = m.span.normalized.begin > kMaxReach ? m.span.normalized.begin - kMaxReach : 0;
      size_t blank = text.rfind("\n\n", m.span.normalized.begin);
      if (blank != std::string_view::npos && blank > para_b) para_b = blank;
      size_t para_e = std::min(text.size(), m.span.normalized.end + kMaxReach);
      size_t next_blank = text.find("\n\n", m.span.normalized.end);
      if (next_blank != std::string_view::npos && next_blank < para_e) para_e = next_blank;
      for (size_t j = i; j-- > 0 && mentions[j].span.normalized.begin >= para_b;) {
        if (!(year = year_of(mentions[j])).empty()) break;
      }
      for (size_t j = i + 1; year.empty() && j < mentions.size() && mentions[j].span.normalized.end <= para_e; ++j) {
        year = year_of(mentions[j]);
      }
    }
    if (year.empty()) continue;
    // "--08-23" → "2026-08-23"; a span of days "--04-26/--05-03" takes the year at both ends.
    std::string iso;
    for (size_t start = 0; start <= m.iso.size();) {
      size_t slash = m.iso.find('/', start);
      std::string part = m.iso.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
      if (part.rfind("--", 0) == 0) part = year + part.substr(1);
      if (!iso.empty()) iso.push_back('/');
      iso.append(part);
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    m.iso = iso;
    m.year_inferred = true;
  }
}

}  // namespace

Result<Extraction> Engine::ExtractBytes(std::string_view bytes, const std::string& path,
                                        const ExtractOptions& options, Stages* stages) const {
  if (bytes.size() > options.max_bytes) {
    return Status(ErrorCode::kTooLarge, path + ": " + std::to_string(bytes.size()) + " bytes exceeds the limit");
  }
  // The format is what the bytes are, never what the file is called; but bytes named .pdf that
  // are no PDF (an error page saved by a failed download) are refused, not read as a report.
  if (LooksLikePdf(bytes)) return ExtractPdf(bytes, path, options, stages);
  if (NamedPdf(path)) {
    return Status(ErrorCode::kCorrupt, path + ": named .pdf but not a PDF (no %PDF- header in the first 1024 bytes)");
  }
  return ExtractText(bytes, path, options, stages);
}

namespace {

// Texts of this size (from about 20 pages) get a thread of their own for recognition
// (ExtractText). Above it the two stages' peaks of memory would add up, for a gain that no
// longer matters beside the minutes such a text takes.
constexpr size_t kParallelRecognizeMinBytes = 64 * 1024;
constexpr size_t kParallelRecognizeMaxBytes = 16 * 1024 * 1024;

// Spans of the joined page texts made page-local: the page, the offsets and line within its
// text, the text there, and (when word boxes were kept) the box of the words covered.
class PageLocator {
 public:
  PageLocator(const std::vector<PdfPage>& pages, std::vector<size_t> starts, bool boxes)
      : pages_(pages), starts_(std::move(starts)), boxes_(boxes) {
    newlines_.resize(pages.size());
    for (size_t k = 0; k < pages.size(); ++k) {
      const std::string& t = pages[k].text;
      for (size_t i = t.find('\n'); i != std::string::npos; i = t.find('\n', i + 1)) newlines_[k].push_back(i);
    }
  }

  void Relocate(Span& s) const {
    size_t k = static_cast<size_t>(std::upper_bound(starts_.begin(), starts_.end(), s.start) - starts_.begin());
    k = k == 0 ? 0 : k - 1;
    const PdfPage& page = pages_[k];
    size_t size = page.text.size();
    size_t begin = std::min(s.start - starts_[k], size);
    size_t end = std::clamp(s.end > starts_[k] ? s.end - starts_[k] : 0, begin, size);
    s.start = begin;
    s.end = end;
    s.page = page.number;
    s.text = page.text.substr(begin, end - begin);
    const std::vector<size_t>& nl = newlines_[k];
    s.line = 1 + static_cast<int>(std::lower_bound(nl.begin(), nl.end(), begin) - nl.begin());
    s.bbox.reset();
    s.confidence.reset();
    s.uncertain = false;
    if (page.words.empty()) return;
    // Words are in text order: the first that ends after `begin`, up to the first at `end`.
    auto it = std::upper_bound(page.words.begin(), page.words.end(), begin,
                               [](size_t pos, const PdfWordBox& w) { return pos < w.end; });
    std::array<double, 4> box{0, 0, 0, 0};
    bool any = false;
    for (; it != page.words.end() && it->begin < std::max(end, begin + 1); ++it) {
      if (!any) box = {it->x0, it->y0, it->x1, it->y1};
      box = {std::min<double>(box[0], it->x0), std::min<double>(box[1], it->y0), std::max<double>(box[2], it->x1),
             std::max<double>(box[3], it->y1)};
      any = true;
      if (it->confidence >= 0) s.confidence = std::min(s.confidence.value_or(100.0f), it->confidence);
      s.uncertain = s.uncertain || it->uncertain_number;
    }
    if (any && boxes_) s.bbox = box;
  }

  void Relocate(Extraction& x) const {
    for (Mention& m : x.mentions) Relocate(m.span);
    for (Reference& r : x.references) {
      for (Span& s : r.spans) Relocate(s);
    }
    for (Fact& f : x.facts) Relocate(f.span);
    for (Table& t : x.tables) Relocate(t.span);
    for (Flag& f : x.flags) {
      for (Span& s : f.evidence) Relocate(s);
    }
    for (Check& c : x.checks) {
      for (CheckMember& m : c.members) Relocate(m.span);
    }
  }

 private:
  const std::vector<PdfPage>& pages_;
  std::vector<size_t> starts_;
  std::vector<std::vector<size_t>> newlines_;
  bool boxes_;   // spans get a bbox (asked for); words may be kept for OCR confidence only
};

}  // namespace

Result<Extraction> Engine::ExtractPdf(std::string_view bytes, const std::string& path, const ExtractOptions& options,
                                      Stages* stages) const {
  Result<PdfDocument> pdf = ReadPdf(bytes, options.pdf);
  if (!pdf.ok()) return Status(pdf.status().code(), path + ": " + pdf.status().message());
  // The pipeline reads the pages as one text, each page closed by a form feed on a line of its
  // own: a blank line to the layout, as the page breaks of the text versions are.
  std::string joined;
  std::vector<size_t> starts;
  for (const PdfPage& page : pdf->pages) {
    starts.push_back(joined.size());
    joined += page.text;
    joined += "\f\n";
  }
  ExtractOptions text_options = options;
  text_options.normalize.encoding = "utf-8";
  Result<Extraction> x = ExtractText(joined, path, text_options, stages);
  if (!x.ok()) {
    if (x.status().code() == ErrorCode::kEmpty) {
      return Status(ErrorCode::kNoText, path + ": the PDF's text layer holds no text");
    }
    return x.status();
  }
  std::string().swap(joined);
  x->document.format = "pdf";
  x->document.pages = static_cast<int>(pdf->pages.size());
  x->document.bytes = bytes.size();
  x->document.sha256 = Sha256Hex(bytes);
  std::vector<std::string> repairs = pdf->repairs;
  repairs.insert(repairs.end(), x->document.repairs.begin(), x->document.repairs.end());
  x->document.repairs = std::move(repairs);
  PageLocator(pdf->pages, std::move(starts), options.pdf.word_boxes).Relocate(*x);
  // A flag resting on a number OCR read with doubt is a warning, not an error (audit.h).
  DowngradeUncertainFlags(x->flags, options.audit);
  if (stages) {
    for (PdfPage& page : pdf->pages) {
      page.words.clear();
      page.words.shrink_to_fit();
    }
    stages->pages = std::move(pdf->pages);
  }
  return x;
}

Result<Extraction> Engine::ExtractText(std::string_view bytes, const std::string& path,
                                       const ExtractOptions& options, Stages* stages) const {
  Extraction out;
  out.document.path = path;
  out.document.bytes = bytes.size();
  out.document.sha256 = Sha256Hex(bytes);
  out.document.format = "text";

  Result<Text> text = Normalize(bytes, options.normalize);
  if (!text.ok()) return Status(text.status().code(), path + ": " + text.status().message());
  out.document.encoding = text->encoding();
  out.document.repairs = text->repairs();

  // Recognition reads the text only, not its layout: on a long text it runs on a second thread
  // while this one analyses the layout and the header, the two about equal in cost.
  std::vector<Mention> mentions;
  Layout layout;
  const size_t size = text->view().size();
  internal::RunBoth([&] { mentions = impl_->rules->Recognize(text->view()); },
                    [&] {
                      layout = AnalyzeLayout(text->view(), options.layout);
                      out.meta = BuildMeta(layout, text->view(), impl_->places, options.layout);
                    },
                    size >= kParallelRecognizeMinBytes && size <= kParallelRecognizeMaxBytes);

  InferYears(mentions, text->view(), out.meta.date);
  TypeFiguresByColumnUnits(layout, mentions);

  out.facts = LinkFacts(*impl_->lexicon, text->view(), layout, mentions, out.meta, options.link);
  for (Fact& f : out.facts) f.span = text->SpanOf(f.span.normalized, bytes);
  for (Mention& m : mentions) m.span = text->SpanOf(m.span.normalized, bytes);
  out.references = MergeReferences(mentions);

  for (const Section& s : layout.sections) out.sections.push_back(s);
  for (const LayoutTable& t : layout.tables) {
    Table table;
    table.span = text->SpanOf(t.range, bytes);
    table.header = t.header;
    table.rows = t.rows;
    for (const TextRange& r : t.row_ranges) table.row_lines.push_back(text->OriginalLine(text->OriginalBegin(r.begin)));
    out.tables.push_back(std::move(table));
  }
  for (Section& s : out.sections) s.line = text->OriginalLine(text->OriginalBegin(s.range.begin));

  // Audit: checks over the facts, each flag with its evidence spans.
  AuditInput audit_input;
  audit_input.text = text->view();
  audit_input.layout = &layout;
  audit_input.mentions = &mentions;
  audit_input.facts = &out.facts;
  audit_input.meta = &out.meta;
  audit_input.references = &out.references;
  audit_input.span_of = [&](TextRange r) { return text->SpanOf(r, bytes); };
  AuditResult audit = Audit(*impl_->audit, audit_input, options.audit);
  out.flags = std::move(audit.flags);
  out.checks = std::move(audit.checks);
  for (size_t i = 0; i < out.facts.size() && i < audit.readings.size(); ++i) {
    out.facts[i].scope = std::move(audit.readings[i].scope);
    out.facts[i].qualifiers = std::move(audit.readings[i].qualifiers);
    out.facts[i].basis = std::move(audit.readings[i].basis);
  }
  std::vector<FactReading>().swap(audit.readings);
  out.mentions = std::move(mentions);
  if (stages) {
    stages->mentions = out.mentions;
    stages->layout = std::move(layout);
    stages->text = std::move(text).value();
  }
  return out;
}

}  // namespace baocao
