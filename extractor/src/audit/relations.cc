// Reading rules/audit/*.rel: one relation, scope, stock list or word list a line (grammar in
// rules/audit/README.md). Every error names file:line.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "audit/audit_impl.h"
#include "baocao/audit.h"
#include "baocao/link.h"
#include "baocao/text.h"
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

Status AuditRules::AddFile(std::string_view content, const std::string& file, const std::string& display) {
  std::istringstream in{std::string(content)};
  std::string raw;
  int line_no = 0;
  while (std::getline(in, raw)) {
    ++line_no;
    std::string where = (display.empty() ? file : display) + ":" + std::to_string(line_no);
    auto fail = [&](const std::string& why) {
      return Status(ErrorCode::kBadRules, file + ":" + std::to_string(line_no) + ": " + why);
    };
    std::string line = Trim(StripComment(raw));
    if (line.empty()) continue;
    size_t space = line.find_first_of(" \t");
    std::string directive = line.substr(0, space);
    std::string rest = space == std::string::npos ? "" : Trim(line.substr(space));
    auto known = [&](const std::string& id) -> Status {
      if (!IsId(id)) return fail("'" + id + "' is not an indicator id");
      if (id.rfind("kind:", 0) == 0) return Status::Ok();
      if (!catalogue.empty() && !catalogue.count(id)) return fail("unknown indicator '" + id + "' (not in indicators.tsv)");
      return Status::Ok();
    };
    auto alternatives = [&](const std::string& text, std::vector<std::string>* out) -> Status {
      for (const std::string& id : Split(text, '|')) {
        if (id.empty()) return fail("empty alternative in '" + text + "'");
        if (Status st = known(id); !st.ok()) return st;
        out->push_back(id);
      }
      return Status::Ok();
    };

    if (directive == "sum" || directive == "exclusive") {
      size_t eq = rest.find('=');
      if (eq == std::string::npos) return fail("expected '" + directive + " TOTAL = PART + PART ...'");
      Relation r;
      r.kind = directive == "sum" ? Relation::Kind::kSum : Relation::Kind::kExclusive;
      r.anchor = Trim(rest.substr(0, eq));
      if (Status st = known(r.anchor); !st.ok()) return st;
      for (const std::string& part : Split(rest.substr(eq + 1), '+')) {
        std::vector<std::string> ids;
        if (part.empty()) return fail("empty part in '" + rest + "'");
        if (Status st = alternatives(part, &ids); !st.ok()) return st;
        r.members.push_back(std::move(ids));
      }
      if (r.members.size() < 2) return fail("a " + directive + " needs at least two parts");
      r.where = where;
      relations.push_back(std::move(r));
    } else if (directive == "partition") {
      std::vector<std::string> words = Split(rest, ' ');
      words.erase(std::remove(words.begin(), words.end(), ""), words.end());
      if (words.size() != 3 || words[1] != "by") return fail("expected 'partition INDICATOR by SCOPE'");
      if (Status st = known(words[0]); !st.ok()) return st;
      if (std::none_of(scopes.begin(), scopes.end(), [&](const Scope& s) { return s.name == words[2]; })) {
        return fail("unknown scope '" + words[2] + "' (define it with 'scope NAME = ...' above)");
      }
      Relation r;
      r.kind = Relation::Kind::kPartition;
      r.anchor = words[0];
      r.scope = words[2];
      r.where = where;
      relations.push_back(std::move(r));
    } else if (directive == "ratio") {
      size_t eq = rest.find('='), slash = rest.find('/');
      if (eq == std::string::npos || slash == std::string::npos || slash < eq) return fail("expected 'ratio RATE = NUMERATOR / DENOMINATOR'");
      Relation r;
      r.kind = Relation::Kind::kRatio;
      r.anchor = Trim(rest.substr(0, eq));
      if (Status st = known(r.anchor); !st.ok()) return st;
      std::vector<std::string> num, den;
      if (Status st = alternatives(Trim(rest.substr(eq + 1, slash - eq - 1)), &num); !st.ok()) return st;
      if (Status st = alternatives(Trim(rest.substr(slash + 1)), &den); !st.ok()) return st;
      r.members = {num, den};
      r.where = where;
      relations.push_back(std::move(r));
    } else if (directive == "part") {
      size_t le = rest.find("<=");
      if (le == std::string::npos) return fail("expected 'part PART <= WHOLE'");
      Relation r;
      r.kind = Relation::Kind::kPartWhole;
      r.anchor = Trim(rest.substr(0, le));
      if (Status st = known(r.anchor); !st.ok()) return st;
      std::vector<std::string> wholes;
      if (Status st = alternatives(Trim(rest.substr(le + 2)), &wholes); !st.ok()) return st;
      r.members = {wholes};
      r.where = where;
      relations.push_back(std::move(r));
    } else if (directive == "cap") {
      size_t le = rest.find("<=");
      if (le == std::string::npos) return fail("expected 'cap INDICATOR <= NUMBER' or 'cap kind:rate <= NUMBER'");
      Relation r;
      r.kind = Relation::Kind::kCap;
      r.anchor = Trim(rest.substr(0, le));
      if (Status st = known(r.anchor); !st.ok()) return st;
      std::string number = Trim(rest.substr(le + 2));
      char* end = nullptr;
      r.limit = std::strtod(number.c_str(), &end);
      if (number.empty() || !end || *end) return fail("'" + number + "' is not a number");
      r.where = where;
      relations.push_back(std::move(r));
    } else if (directive == "stock") {
      std::vector<std::string> ids = Split(rest, ' ');
      ids.erase(std::remove(ids.begin(), ids.end(), ""), ids.end());
      if (ids.empty()) return fail("expected 'stock INDICATOR ...'");
      for (const std::string& id : ids) {
        if (Status st = known(id); !st.ok()) return st;
        stocks.push_back(id);
      }
    } else if (directive == "scope" || directive == "words") {
      size_t eq = rest.find('=');
      if (eq == std::string::npos) return fail("expected '" + directive + " NAME = phrase | phrase ...'");
      std::string name = Trim(rest.substr(0, eq));
      if (!IsId(name)) return fail("'" + name + "' is not a name (a-z, 0-9, _)");
      std::vector<std::vector<std::string>> phrases;
      for (const std::string& phrase : Split(rest.substr(eq + 1), '|')) {
        std::vector<std::string> words = FoldPhrase(phrase);
        if (words.empty()) return fail("empty phrase in '" + rest + "'");
        phrases.push_back(std::move(words));
      }
      if (directive == "scope") {
        std::string display = Split(rest.substr(eq + 1), '|').front();
        if (size_t slot = display.find("{n}"); slot != std::string::npos) display = Trim(display.erase(slot, 3));
        scopes.push_back({name, display, std::move(phrases)});
      } else {
        auto& list = words[name];
        for (auto& p : phrases) {
          std::string joined;
          for (const std::string& w : p) joined += (joined.empty() ? "" : " ") + w;
          list.push_back(joined);
        }
        auto& as_written = written[name];
        for (const std::string& phrase : Split(rest.substr(eq + 1), '|')) as_written.push_back(phrase);
      }
    } else {
      return fail("unknown directive '" + directive +
                  "' (sum, exclusive, partition, ratio, part, cap, stock, scope, words)");
    }
  }
  return Status::Ok();
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
