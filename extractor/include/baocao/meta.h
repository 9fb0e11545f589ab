// Document meta (docs/OUTPUT.md "meta"): kind, number, symbol, issuer, ward, province, date,
// signer, built from the Layout and the normalized text.
//
//   baocao::Result<baocao::Gazetteer> places = baocao::Gazetteer::Load("rules/places/provinces.txt");
//   if (!places.ok()) ...;   // kBadRules: the file is missing or empty
//   baocao::Meta meta = baocao::BuildMeta(layout, text.view(), *places);
//
// Province names are only taken from the gazetteer (data in rules/places/), matched without
// regard to case or tone-mark placement, and returned in the gazetteer's spelling.
// Thread safety: a loaded Gazetteer is immutable; BuildMeta is a pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "baocao/document.h"
#include "baocao/layout.h"
#include "baocao/status.h"

namespace baocao {

class Gazetteer {
 public:
  static Result<Gazetteer> Load(const std::string& path);
  static Gazetteer FromNames(std::vector<std::string> names);
  const std::vector<std::string>& provinces() const { return provinces_; }
  // The gazetteer's spelling of `name` ("hoà bình" -> "Hòa Bình"), or empty when unknown.
  std::string Canonical(std::string_view name) const;

 private:
  std::vector<std::string> provinces_;
  std::vector<std::string> keys_;  // FoldKey of each province, same order
};

Meta BuildMeta(const Layout& layout, std::string_view text, const Gazetteer& places);

}  // namespace baocao
