// Internal: the parsed lexicon (see lexicon.cc for the file grammar).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/link/link.h"

namespace baocao {

using Phrase = std::vector<std::string>;  // folded words, contiguous
using Term = std::vector<Phrase>;         // alternatives: any one may occur
using Cue = std::vector<Term>;            // all terms must occur

struct Entry {
  std::string id;          // indicator id; empty for a fraction entry
  std::string kind;        // rate | count | money | rank | fraction
  std::vector<Cue> cues;
  std::vector<Phrase> excluded;
  std::vector<Phrase> bases;    // what a rate may be measured against ("so với tổng dân số")
  std::string numerator;   // fraction entries: the indicators of the parts
  std::string denominator;
};

struct Lexicon::Impl {
  std::vector<IndicatorInfo> infos;
  std::vector<Entry> entries;
  std::vector<LexiconExample> examples;
  std::map<std::string, std::vector<std::string>> aliases;  // folded unit -> folded nouns
  std::vector<Phrase> target_words;     // make a value a target
  std::vector<Phrase> actual_words;     // make a value an actual even where targets are usual
  std::vector<Phrase> target_sections;  // section titles whose values are targets
  std::vector<Phrase> actual_sections;  // section titles whose values are results

  Status AddFile(const std::string& content, const std::string& file);
  const IndicatorInfo* Find(const std::string& id) const;
  const Entry* Best(const std::vector<std::string>& tokens, std::string_view kind, int* score) const;
  bool NounFits(std::string_view noun, const std::string& unit) const;
};

std::vector<std::string> Tokenize(std::string_view text);
// The first token where `phrase` reads, word for word or with two of its words run together in
// one token (OCR's missed space); -1 if nowhere.
int FindPhrase(const std::vector<std::string>& tokens, const Phrase& phrase);

}  // namespace baocao
