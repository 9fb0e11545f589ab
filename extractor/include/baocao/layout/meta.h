// Document meta (docs/OUTPUT.md "meta"): kind, number, symbol, issuer, ward, province, date,
// signer, built from the Layout and the normalized text.
//
//   baocao::Result<baocao::Gazetteer> places = baocao::Gazetteer::Load("rules/places/provinces.txt");
//   if (!places.ok()) ...;   // kBadRules: the file is missing, empty, or has a bad line (file:line)
//   baocao::Meta meta = baocao::BuildMeta(layout, text.view(), *places);
//
// Where each field comes from:
//   kind, number, symbol, date, title, place   the header (Layout::header); kind "other" when
//                                              neither a kind line, "V/v" nor a symbol says it;
//                                              without a date line, the date of "Chứng nhận lần
//                                              đầu: ngày …" (certificates) or of the decision a
//                                              document says it was issued with ("(Ban hành kèm
//                                              theo Quyết định số … ngày …)")
//   signer, signer_title, recipients           the closing block
//   issuer, ward   the header's issuer lines ("ỦY BAN NHÂN DÂN / PHƯỜNG CHÍ LINH" -> "UBND
//                  phường Chí Linh"). A body under a parent is the issuer: under a council it is
//                  named with the council's unit and place ("UBND TỈNH LÀO CAI" / "SỞ CÔNG
//                  THƯƠNG" -> "Sở Công Thương tỉnh Lào Cai", "VĂN PHÒNG" -> "Văn phòng UBND tỉnh
//                  Lào Cai"), under a ministry or another body it stands alone ("BỘ CÔNG THƯƠNG"
//                  / "CỤC HÓA CHẤT" -> "Cục Hóa chất"), a team (Đoàn, Tổ) is named with the body
//                  that set it up ("Đoàn kiểm tra - Sở Công Thương Lào Cai"). A cell written as one
//                  line is cut where a province's name ends and a body's begins. Without issuer
//                  lines, the body a "(Ban hành kèm theo Quyết định số … của Bộ trưởng Bộ X)"
//                  names; else the text's "UBND|Ủy ban nhân dân <phường|xã|...> <Name>" mentions
//                  whose name is the place of the date line (spelled as most mentions spell it),
//                  written "UBND phường Chí Linh"; ward is the name of a phường, xã, thị trấn or
//                  đặc khu
//   province       the province the issuer block names ("UBND TỈNH LÂM ĐỒNG"); none for a national
//                  body (Bộ, Cục, Chính phủ, Văn phòng Chính phủ, Quốc hội ...) whose block names
//                  none, whatever its text or place line names; otherwise the gazetteer's name
//                  mentioned most often ("tỉnh Khánh Hòa", "UBND tỉnh Thái Nguyên", "Thành ủy Hải
//                  Phòng", "Smart Hải Phòng"), ties to the earliest; absent when none is mentioned
//
// Province names are only taken from the gazetteer (data in rules/places/), matched without
// regard to case or tone-mark placement, and returned in the gazetteer's spelling. A name in
// the text counts when a word such as "tỉnh", "thành phố", "TP", "Tỉnh ủy", "Thành ủy" stands
// before it, or when it is capitalized as the gazetteer writes it and is not the name of a
// smaller unit ("phường Hòa Bình"). Gazetteer file: one unit a line, "#" starts a comment,
// "Name | alias | ~alias" gives other spellings, "~" marking one that counts only after such a
// word ("~Hồ Chí Minh", also a person's name).
//
// Thread safety: a loaded Gazetteer is immutable; BuildMeta is a pure function.
// Complexity: BuildMeta is linear in the text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "baocao/core/document.h"
#include "baocao/layout/layout.h"
#include "baocao/core/status.h"

namespace baocao {

class Gazetteer {
 public:
  static Result<Gazetteer> Load(const std::string& path);
  // Reads the file format from `content`; `name` stands in for the file name in errors.
  static Result<Gazetteer> Parse(std::string_view content, const std::string& name);
  // One entry per string, in the file's line syntax ("Name | alias"); bad entries are skipped.
  static Gazetteer FromNames(std::vector<std::string> names);

  const std::vector<std::string>& provinces() const { return provinces_; }
  // The gazetteer's spelling of `name` ("hoà bình" -> "Hòa Bình"), or empty when unknown.
  std::string Canonical(std::string_view name) const;

  // One way of writing a unit's name, as folded words.
  struct Spelling {
    std::vector<std::string> words;   // "ba", "ria", "vung", "tau"
    std::vector<bool> capitals;       // which words the gazetteer capitalizes
    size_t province = 0;              // index into provinces()
    bool needs_context = false;       // "~": counts only after "tỉnh", "thành phố" ...
  };
  const std::vector<Spelling>& spellings() const { return spellings_; }
  // Spellings whose first folded word is `word`, longest first.
  const std::vector<size_t>* StartingWith(const std::string& word) const;

 private:
  Status Add(std::string_view line, const std::string& where, bool strict);

  std::vector<std::string> provinces_;
  std::vector<std::string> keys_;  // FoldKey of each province, same order
  std::vector<Spelling> spellings_;
  std::unordered_map<std::string, std::vector<size_t>> by_first_word_;
  std::unordered_map<std::string, size_t> by_key_;   // folded words joined by ' ' -> province
};

// `options.limits`: the thresholds of meta's reading (LayoutLimits' meta_* and issuer_* fields).
Meta BuildMeta(const Layout& layout, std::string_view text, const Gazetteer& places,
               const LayoutOptions& options = {});

}  // namespace baocao
