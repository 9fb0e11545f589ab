// XML parsed into a compact tree: the one file that talks to expat (source/xml_tree.cc).
// Internal to the source layer (docx.cc).
//
// Names are namespace-qualified by a short fixed prefix, whatever prefix the document chose:
// WordprocessingML's main namespace (transitional or strict) is "w:", OMML's "m:", markup
// compatibility's "mc:"; any other namespace is "x:", no namespace no prefix ("w:p",
// "w:val", "m:t"). Only the character data of the elements named in `text_elements` is kept.
//
// Never resolves an entity: a DOCTYPE (and so any entity declaration, internal or external) is
// refused (kUnsafeXml) before anything it declares is read; Word never writes one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "baocao/core/status.h"

namespace baocao::internal {

struct XmlLimits {
  size_t max_nodes = size_t{1} << 24;   // elements: 16 M, about 450 MiB of tree; a part of the
                                        // 64 MiB the zip reader allows has at most 8 M
  int max_depth = 256;                  // nesting: tables in tables rarely go past 4 levels,
                                        // and the walk over the tree recurses this deep
};

class XmlTree {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // kCorrupt on XML that is not well-formed, kUnsafeXml on a DOCTYPE, kExpansionLimit past
  // the limits; the message names `part` and the line.
  static Result<XmlTree> Parse(std::string_view xml, const std::string& part,
                               std::initializer_list<const char*> text_elements, const XmlLimits& limits = {});

  // The id of a name ("w:p"), kNone when no element or attribute of the document has it.
  uint32_t Id(std::string_view name) const;
  size_t name_count() const { return ids_.size(); }   // ids run from 0 to name_count() - 1
  uint32_t root() const { return nodes_.empty() ? kNone : 0; }
  uint32_t name(uint32_t node) const { return nodes_[node].name; }
  uint32_t first_child(uint32_t node) const { return nodes_[node].first_child; }
  uint32_t next_sibling(uint32_t node) const { return nodes_[node].next_sibling; }
  // The first child named `name_id`, or kNone.
  uint32_t Child(uint32_t node, uint32_t name_id) const;
  // The character data of a text element.
  std::string_view text(uint32_t node) const;
  // The value of attribute `name_id` of `node`, or nullptr.
  const std::string* Attribute(uint32_t node, uint32_t name_id) const;

 private:
  struct Node {
    uint32_t name = kNone;
    uint32_t first_child = kNone;
    uint32_t next_sibling = kNone;
    uint32_t attr_begin = 0;
    uint32_t attr_count = 0;
    uint32_t text_begin = 0;
    uint32_t text_size = 0;
  };
  struct Attr {
    uint32_t name;
    std::string value;
  };
  friend struct XmlBuilder;
  std::vector<Node> nodes_;
  std::vector<Attr> attrs_;
  std::string text_;
  std::unordered_map<std::string, uint32_t> ids_;
};

}  // namespace baocao::internal
