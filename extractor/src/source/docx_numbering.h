// List numbering as Word prints it ("1.", "a)", "II.", "-"), from word/numbering.xml
// (source/docx_numbering.cc). Internal to the source layer (docx_walk.cc).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "source/xml_tree.h"

namespace baocao::internal {

class DocxNumbering {
 public:
  DocxNumbering() = default;   // no numbering.xml: no labels
  explicit DocxNumbering(const XmlTree& numbering);

  // The label of the next paragraph of list `num_id` at level `level` ("3.", "b)", "-"), its
  // counter advanced and the deeper levels' reset; empty for an unknown list or a level that
  // prints nothing. Formats: decimal (and decimalZero), lowerLetter, upperLetter, lowerRoman,
  // upperRoman, bullet (a symbol font's private-use bullet printed as "•"); others as decimal.
  std::string Next(int num_id, int level);

 private:
  struct Level {
    int start = 1;
    std::string format = "decimal";
    std::string text;   // lvlText: "%1.", "%1.%2.", "-"
  };
  std::map<int, std::vector<Level>> abstract_;      // abstractNumId -> levels
  std::map<int, std::pair<int, std::map<int, int>>> nums_;   // numId -> abstractNumId, start overrides
  std::map<int, std::vector<int>> counters_;        // numId -> the counters of its levels
};

}  // namespace baocao::internal
