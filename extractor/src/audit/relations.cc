// Reading rules/audit/*.rel: one relation, scope, stock list or word list a line (grammar in
// rules/audit/README.md). Every error names file:line.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "audit/audit_impl.h"
#include "baocao/audit/audit.h"
#include "baocao/link/link.h"
#include "baocao/normalize/text.h"
#include "core/strings.h"

namespace baocao {
namespace {

using internal::Trim;

std::vector<std::string> Split(std::string_view s, char sep) { return internal::SplitTrimmed(s, sep, true); }

// A comment starts with '#' at the start of a line or after white space.
std::string StripComment(std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) return std::string(line.substr(0, i));
  }
  return std::string(line);
}

bool IsId(const std::string& s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':';
  });
}

}  // namespace

std::vector<std::string> FoldPhrase(std::string_view phrase) {
  std::vector<std::string> out;
  std::istringstream in{std::string(phrase)};
  std::string word;
  while (in >> word) {
    if (word == "{n}") {
      out.push_back(kNumberSlot);
      continue;
    }
    for (std::string& t : Tokenize(word)) out.push_back(std::move(t));
  }
  return out;
}

Status AuditRules::LoadCatalogue(const std::string& rules_dir) {
  for (const std::string& name : {std::string("/indicators.tsv"), std::string("/indicators/extra.tsv")}) {
    std::ifstream in(rules_dir + name, std::ios::binary);
    if (!in) {
      if (name == "/indicators.tsv") return Status(ErrorCode::kBadRules, rules_dir + name + ": cannot read the indicator catalogue");
      continue;
    }
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (header) { header = false; continue; }
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> cols = Split(line, '\t');
      if (cols.size() < 2) continue;
      IndicatorLabel& label = catalogue[cols[0]];
      label.kind = cols[1];
      if (cols.size() > 2) label.unit = cols[2];
      if (cols.size() > 3) label.vi = cols[3];
      if (cols.size() > 4) label.en = cols[4];
    }
  }
  return Status::Ok();
}

namespace {

// Reads one rule file into AuditRules, a line at a time; every error names file:line.
class RuleFileReader {
 public:
  RuleFileReader(AuditRules& rules, const std::string& file, const std::string& display)
      : rules_(rules), file_(file), display_(display.empty() ? file : display) {}

  Status Read(std::string_view content) {
    std::istringstream in{std::string(content)};
    std::string raw;
    while (std::getline(in, raw)) {
      ++line_no_;
      std::string line = Trim(StripComment(raw));
      if (line.empty()) continue;
      size_t space = line.find_first_of(" \t");
      directive_ = line.substr(0, space);
      rest_ = space == std::string::npos ? "" : Trim(line.substr(space));
      where_ = display_ + ":" + std::to_string(line_no_);
      if (Status st = Line(); !st.ok()) return st;
    }
    return CloseExamples();
  }

 private:
  Status Line() {
    if (directive_ == "holds:" || directive_ == "breaks:") return Example(directive_ == "holds:");
    if (Status st = CloseExamples(); !st.ok()) return st;
    if (directive_ == "examples") return Examples();
    Status st = Directive();
    if (st.ok()) Remember();
    return st;
  }

  Status Directive() {
    if (directive_ == "sum" || directive_ == "exclusive") return SumLike();
    if (directive_ == "partition") return Partition();
    if (directive_ == "ratio") return Ratio();
    if (directive_ == "part") return Part();
    if (directive_ == "cap") return Cap();
    if (directive_ == "stock") return Stock();
    if (directive_ == "scope" || directive_ == "words") return ScopeOrWords();
    return Fail("unknown directive '" + directive_ +
                "' (sum, exclusive, partition, ratio, part, cap, stock, scope, words; examples, holds:, breaks:)");
  }

  Status Fail(const std::string& why) const {
    return Status(ErrorCode::kBadRules, file_ + ":" + std::to_string(line_no_) + ": " + why);
  }

  Status Known(const std::string& id) const {
    if (!IsId(id)) return Fail("'" + id + "' is not an indicator id");
    if (id.rfind("kind:", 0) == 0) return Status::Ok();
    if (!rules_.catalogue.empty() && !rules_.catalogue.count(id)) return Fail("unknown indicator '" + id + "' (not in indicators.tsv)");
    return Status::Ok();
  }

  Status Alternatives(const std::string& text, std::vector<std::string>* out) const {
    for (const std::string& id : Split(text, '|')) {
      if (id.empty()) return Fail("empty alternative in '" + text + "'");
      if (Status st = Known(id); !st.ok()) return st;
      out->push_back(id);
    }
    return Status::Ok();
  }

  Status Add(Relation r) {
    r.where = where_;
    rules_.relations.push_back(std::move(r));
    return Status::Ok();
  }

  // sum T = A + B + C; exclusive T = A + B + C
  Status SumLike() {
    size_t eq = rest_.find('=');
    if (eq == std::string::npos) return Fail("expected '" + directive_ + " TOTAL = PART + PART ...'");
    Relation r;
    r.kind = directive_ == "sum" ? Relation::Kind::kSum : Relation::Kind::kExclusive;
    r.anchor = Trim(rest_.substr(0, eq));
    if (Status st = Known(r.anchor); !st.ok()) return st;
    for (const std::string& part : Split(rest_.substr(eq + 1), '+')) {
      std::vector<std::string> ids;
      if (part.empty()) return Fail("empty part in '" + rest_ + "'");
      if (Status st = Alternatives(part, &ids); !st.ok()) return st;
      r.members.push_back(std::move(ids));
    }
    if (r.members.size() < 2) return Fail("a " + directive_ + " needs at least two parts");
    return Add(std::move(r));
  }

  // partition X by SCOPE
  Status Partition() {
    std::vector<std::string> words = Split(rest_, ' ');
    words.erase(std::remove(words.begin(), words.end(), ""), words.end());
    if (words.size() != 3 || words[1] != "by") return Fail("expected 'partition INDICATOR by SCOPE'");
    if (Status st = Known(words[0]); !st.ok()) return st;
    if (std::none_of(rules_.scopes.begin(), rules_.scopes.end(), [&](const Scope& s) { return s.name == words[2]; })) {
      return Fail("unknown scope '" + words[2] + "' (define it with 'scope NAME = ...' above)");
    }
    Relation r;
    r.kind = Relation::Kind::kPartition;
    r.anchor = words[0];
    r.scope = words[2];
    return Add(std::move(r));
  }

  // ratio R = N / D
  Status Ratio() {
    size_t eq = rest_.find('='), slash = rest_.find('/');
    if (eq == std::string::npos || slash == std::string::npos || slash < eq) return Fail("expected 'ratio RATE = NUMERATOR / DENOMINATOR'");
    Relation r;
    r.kind = Relation::Kind::kRatio;
    r.anchor = Trim(rest_.substr(0, eq));
    if (Status st = Known(r.anchor); !st.ok()) return st;
    std::vector<std::string> num, den;
    if (Status st = Alternatives(Trim(rest_.substr(eq + 1, slash - eq - 1)), &num); !st.ok()) return st;
    if (Status st = Alternatives(Trim(rest_.substr(slash + 1)), &den); !st.ok()) return st;
    r.members = {num, den};
    return Add(std::move(r));
  }

  // part P <= W
  Status Part() {
    size_t le = rest_.find("<=");
    if (le == std::string::npos) return Fail("expected 'part PART <= WHOLE'");
    Relation r;
    r.kind = Relation::Kind::kPartWhole;
    r.anchor = Trim(rest_.substr(0, le));
    if (Status st = Known(r.anchor); !st.ok()) return st;
    std::vector<std::string> wholes;
    if (Status st = Alternatives(Trim(rest_.substr(le + 2)), &wholes); !st.ok()) return st;
    r.members = {wholes};
    return Add(std::move(r));
  }

  // cap X <= N
  Status Cap() {
    size_t le = rest_.find("<=");
    if (le == std::string::npos) return Fail("expected 'cap INDICATOR <= NUMBER' or 'cap kind:rate <= NUMBER'");
    Relation r;
    r.kind = Relation::Kind::kCap;
    r.anchor = Trim(rest_.substr(0, le));
    if (Status st = Known(r.anchor); !st.ok()) return st;
    std::string number = Trim(rest_.substr(le + 2));
    char* end = nullptr;
    r.limit = std::strtod(number.c_str(), &end);
    if (number.empty() || !end || *end) return Fail("'" + number + "' is not a number");
    return Add(std::move(r));
  }

  // stock A B C
  Status Stock() {
    std::vector<std::string> ids = Split(rest_, ' ');
    ids.erase(std::remove(ids.begin(), ids.end(), ""), ids.end());
    if (ids.empty()) return Fail("expected 'stock INDICATOR ...'");
    for (const std::string& id : ids) {
      if (Status st = Known(id); !st.ok()) return st;
      rules_.stocks.push_back(id);
    }
    return Status::Ok();
  }

  // scope NAME = phrase | phrase; words NAME = phrase | phrase
  Status ScopeOrWords() {
    size_t eq = rest_.find('=');
    if (eq == std::string::npos) return Fail("expected '" + directive_ + " NAME = phrase | phrase ...'");
    std::string name = Trim(rest_.substr(0, eq));
    if (!IsId(name)) return Fail("'" + name + "' is not a name (a-z, 0-9, _)");
    std::vector<std::vector<std::string>> phrases;
    for (const std::string& phrase : Split(rest_.substr(eq + 1), '|')) {
      std::vector<std::string> words = FoldPhrase(phrase);
      if (words.empty()) return Fail("empty phrase in '" + rest_ + "'");
      phrases.push_back(std::move(words));
    }
    if (directive_ == "scope") {
      std::string display = Split(rest_.substr(eq + 1), '|').front();
      if (size_t slot = display.find("{n}"); slot != std::string::npos) display = Trim(display.erase(slot, 3));
      rules_.scopes.push_back({name, display, std::move(phrases)});
      return Status::Ok();
    }
    auto& list = rules_.words[name];
    for (auto& p : phrases) {
      std::string joined;
      for (const std::string& w : p) joined += (joined.empty() ? "" : " ") + w;
      list.push_back(joined);
    }
    auto& as_written = rules_.written[name];
    for (const std::string& phrase : Split(rest_.substr(eq + 1), '|')) as_written.push_back(phrase);
    return Status::Ok();
  }

  // A line as an `examples` block names it: its directive and words, white space collapsed.
  static std::string LineKey(const std::string& directive, const std::string& rest) {
    std::string key = directive;
    for (const std::string& w : Split(rest, ' ')) {
      if (!w.empty()) key += " " + w;
    }
    return key;
  }

  // A relation, stock or scope line just read, for the examples blocks below it.
  void Remember() {
    RelationExample about;
    about.directive = directive_;
    if (directive_ == "words") return;
    if (directive_ == "stock") {
      for (const std::string& id : Split(rest_, ' ')) {
        if (!id.empty()) about.indicators.push_back(id);
      }
    } else if (directive_ == "scope") {
      about.scope = rules_.scopes.back().name;
    } else {
      const Relation& r = rules_.relations.back();
      about.relation = r.where;
      about.indicators = {r.anchor};
      for (const auto& alternatives : r.members) about.indicators.insert(about.indicators.end(), alternatives.begin(), alternatives.end());
      about.scope = r.scope;
    }
    stated_[LineKey(directive_, rest_)] = std::move(about);
  }

  // "examples LINE": the examples below are of LINE, a relation, stock or scope line above.
  Status Examples() {
    size_t space = rest_.find_first_of(" \t");
    std::string key = LineKey(rest_.substr(0, space), space == std::string::npos ? "" : rest_.substr(space));
    auto it = stated_.find(key);
    if (it == stated_.end()) return Fail("examples of '" + rest_ + "': no such relation, stock or scope line above in this file");
    open_ = &it->second;
    open_line_ = line_no_;
    open_count_ = 0;
    return Status::Ok();
  }

  // "holds: TEXT", "breaks: TEXT" in an examples block.
  Status Example(bool holds) {
    if (!open_) return Fail("'" + directive_ + "' outside an examples block (write 'examples LINE' above it)");
    if (rest_.empty()) return Fail("'" + directive_ + "' without a text");
    RelationExample example = *open_;
    example.holds = holds;
    // "\n" stands for a line break: a passage of several paragraphs on one line of the file.
    for (size_t at = 0; at < rest_.size(); ++at) {
      if (rest_.compare(at, 2, "\\n") == 0) {
        example.text += '\n';
        ++at;
      } else {
        example.text += rest_[at];
      }
    }
    example.file = display_;
    example.line = line_no_;
    rules_.examples.push_back(std::move(example));
    ++open_count_;
    return Status::Ok();
  }

  // An examples block ends at the next other line; it must hold an example.
  Status CloseExamples() {
    if (!open_) return Status::Ok();
    open_ = nullptr;
    if (open_count_ > 0) return Status::Ok();
    return Status(ErrorCode::kBadRules, file_ + ":" + std::to_string(open_line_) + ": an examples block without holds: or breaks:");
  }

  AuditRules& rules_;
  const std::string& file_;
  const std::string display_;
  int line_no_ = 0;
  std::string where_, directive_, rest_;
  std::map<std::string, RelationExample> stated_;   // relation, stock and scope lines by LineKey
  const RelationExample* open_ = nullptr;           // the examples block being read, if any
  int open_line_ = 0;
  int open_count_ = 0;
};

}  // namespace

Status AuditRules::AddFile(std::string_view content, const std::string& file, const std::string& display) {
  return RuleFileReader(*this, file, display).Read(content);
}

Result<AuditRules> AuditRules::Load(const std::string& rules_dir) {
  namespace fs = std::filesystem;
  AuditRules rules;
  if (Status st = rules.LoadCatalogue(rules_dir); !st.ok()) return st;
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::directory_iterator(rules_dir + "/audit", ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (it->path().extension() == ".rel") files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status(ErrorCode::kBadRules, path.string() + ": cannot read");
    std::stringstream buf;
    buf << in.rdbuf();
    // Flags name the relation as "rules/audit/relations.rel:12" wherever the folder lives.
    std::string display = (fs::path(rules_dir).lexically_normal().filename().string().empty()
                               ? fs::path(rules_dir).lexically_normal().parent_path().filename()
                               : fs::path(rules_dir).lexically_normal().filename()).string() +
                          "/audit/" + path.filename().string();
    if (Status st = rules.AddFile(buf.str(), path.string(), display); !st.ok()) return st;
  }
  return rules;
}

}  // namespace baocao
