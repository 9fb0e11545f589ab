// The pipeline: Source -> Text -> Layout -> Mentions -> references and meta. Each stage reads
// only the previous stage's value; spans reach the original bytes only through Text.
#include "baocao/extract.h"

#include <openssl/evp.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>

#include "baocao/link.h"
#include "baocao/meta.h"
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

namespace {

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

}  // namespace

Result<Engine> Engine::Create(const EngineConfig& config) {
  Engine engine;
  engine.impl_->rules_dir = config.rules_dir.empty() ? DefaultRulesDir() : config.rules_dir;
  Result<RuleSet> rules = RuleSet::Load(engine.impl_->rules_dir);
  if (!rules.ok()) return rules.status();
  engine.impl_->rules.emplace(std::move(rules).value());
  Result<Gazetteer> places = Gazetteer::Load(engine.impl_->rules_dir + "/places/provinces.txt");
  if (!places.ok()) return places.status();
  engine.impl_->places = std::move(places).value();
  Result<Lexicon> lexicon = Lexicon::Load(engine.impl_->rules_dir);
  if (!lexicon.ok()) return lexicon.status();
  engine.impl_->lexicon.emplace(std::move(lexicon).value());
  Result<AuditRules> audit = AuditRules::Load(engine.impl_->rules_dir);
  if (!audit.ok()) return audit.status();
  engine.impl_->audit.emplace(std::move(audit).value());
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

// A date written without its year takes the year of the document's date.
void InferYears(std::vector<Mention>& mentions, const std::optional<std::string>& doc_date) {
  for (Mention& m : mentions) {
    if (m.type != MentionType::kDate || m.iso.rfind("--", 0) != 0) continue;
    if (!doc_date || doc_date->size() < 4) continue;
    m.iso = doc_date->substr(0, 4) + m.iso.substr(1);
    m.year_inferred = true;
  }
}

}  // namespace

Result<Extraction> Engine::ExtractBytes(std::string_view bytes, const std::string& path,
                                        const ExtractOptions& options, Stages* stages) const {
  if (bytes.size() > options.max_bytes) {
    return Status(ErrorCode::kTooLarge, path + ": " + std::to_string(bytes.size()) + " bytes exceeds the limit");
  }
  Extraction out;
  out.document.path = path;
  out.document.bytes = bytes.size();
  out.document.sha256 = Sha256Hex(bytes);
  out.document.format = "text";

  Result<Text> text = Normalize(bytes, options.normalize);
  if (!text.ok()) return Status(text.status().code(), path + ": " + text.status().message());
  out.document.encoding = text->encoding();
  out.document.repairs = text->repairs();

  Layout layout = AnalyzeLayout(text->view());
  std::vector<Mention> mentions = impl_->rules->Recognize(text->view());

  out.meta = BuildMeta(layout, text->view(), impl_->places);
  InferYears(mentions, out.meta.date);

  out.facts = LinkFacts(*impl_->lexicon, text->view(), layout, mentions, out.meta);
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
  out.mentions = std::move(mentions);
  if (stages) {
    stages->mentions = out.mentions;
    stages->layout = std::move(layout);
    stages->text = std::move(text).value();
  }
  return out;
}

}  // namespace baocao
