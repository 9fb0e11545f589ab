// expat behind one file (source/xml_tree.h). expat 2.5 is streaming, small and fast, guards
// against billion laughs itself since 2.4, and loads no external entity unless asked; on top
// of that a DOCTYPE stops the parse, so no entity is ever declared.
#include "source/xml_tree.h"

#include <expat.h>

#include <cstring>
#include <memory>

namespace baocao::internal {

namespace {

constexpr char kNamespaceSeparator = '\x01';

// Namespace URI to the short prefix names carry (xml_tree.h).
struct NamespacePrefix {
  const char* uri;
  const char* prefix;
};
constexpr NamespacePrefix kPrefixes[] = {
    {"http://schemas.openxmlformats.org/wordprocessingml/2006/main", "w:"},
    {"http://purl.oclc.org/ooxml/wordprocessingml/main", "w:"},
    {"http://schemas.openxmlformats.org/officeDocument/2006/math", "m:"},
    {"http://purl.oclc.org/ooxml/officeDocument/math", "m:"},
    {"http://schemas.openxmlformats.org/markup-compatibility/2006", "mc:"},
};

std::string ShortName(const char* expat_name) {
  const char* sep = std::strchr(expat_name, kNamespaceSeparator);
  if (!sep) return expat_name;
  std::string_view uri(expat_name, static_cast<size_t>(sep - expat_name));
  for (const NamespacePrefix& p : kPrefixes) {
    if (uri == p.uri) return std::string(p.prefix) + (sep + 1);
  }
  return std::string("x:") + (sep + 1);
}

}  // namespace

struct XmlBuilder {
  XmlTree tree;
  XmlLimits limits;
  XML_Parser parser = nullptr;
  std::vector<uint32_t> open;        // the open elements
  std::vector<uint32_t> last_child;  // the last child of each open element
  std::vector<bool> text_names;      // by name id: keep the character data
  Status failure;

  uint32_t Intern(const std::string& name) {
    auto [it, added] = tree.ids_.emplace(name, static_cast<uint32_t>(tree.ids_.size()));
    if (added) text_names.push_back(false);
    return it->second;
  }

  void Fail(ErrorCode code, const std::string& message) {
    if (failure.ok()) failure = Status(code, message);
    XML_StopParser(parser, XML_FALSE);
  }

  void Start(const char* name, const char** attrs) {
    if (tree.nodes_.size() >= limits.max_nodes || open.size() >= static_cast<size_t>(limits.max_depth)) {
      Fail(ErrorCode::kExpansionLimit, "more elements or deeper nesting than the reader takes");
      return;
    }
    const uint32_t id = static_cast<uint32_t>(tree.nodes_.size());
    XmlTree::Node node;
    node.name = Intern(ShortName(name));
    node.attr_begin = static_cast<uint32_t>(tree.attrs_.size());
    for (const char** a = attrs; *a; a += 2) {
      std::string attr = ShortName(a[0]);
      if (attr.rfind("w:rsid", 0) == 0 || attr.rfind("x:", 0) == 0) continue;   // revision ids, other vocabularies
      tree.attrs_.push_back({Intern(attr), a[1]});
    }
    node.attr_count = static_cast<uint32_t>(tree.attrs_.size()) - node.attr_begin;
    node.text_begin = static_cast<uint32_t>(tree.text_.size());
    tree.nodes_.push_back(node);
    if (!open.empty()) {
      uint32_t& last = last_child.back();
      if (last == XmlTree::kNone) tree.nodes_[open.back()].first_child = id;
      else tree.nodes_[last].next_sibling = id;
      last = id;
    }
    open.push_back(id);
    last_child.push_back(XmlTree::kNone);
  }

  void End() {
    open.pop_back();
    last_child.pop_back();
  }

  void Text(const char* s, int len) {
    if (open.empty()) return;
    XmlTree::Node& node = tree.nodes_[open.back()];
    // Text elements (w:t) have no children, so their data is contiguous at the end of text_.
    if (!text_names[node.name] || last_child.back() != XmlTree::kNone) return;
    tree.text_.append(s, static_cast<size_t>(len));
    node.text_size += static_cast<uint32_t>(len);
  }
};

namespace {

void OnStart(void* data, const char* name, const char** attrs) { static_cast<XmlBuilder*>(data)->Start(name, attrs); }
void OnEnd(void* data, const char*) { static_cast<XmlBuilder*>(data)->End(); }
void OnText(void* data, const char* s, int len) { static_cast<XmlBuilder*>(data)->Text(s, len); }
void OnDoctype(void* data, const char*, const char*, const char*, int) {
  static_cast<XmlBuilder*>(data)->Fail(ErrorCode::kUnsafeXml, "declares a DOCTYPE (entities are never expanded)");
}

}  // namespace

Result<XmlTree> XmlTree::Parse(std::string_view xml, const std::string& part,
                               std::initializer_list<const char*> text_elements, const XmlLimits& limits) {
  XmlBuilder b;
  b.limits = limits;
  for (const char* name : text_elements) b.text_names[b.Intern(name)] = true;
  std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(XML_ParserCreateNS(nullptr, kNamespaceSeparator),
                                                                      &XML_ParserFree);
  if (!parser) return Status(ErrorCode::kInternal, part + ": expat could not start");
  b.parser = parser.get();
  XML_SetUserData(b.parser, &b);
  XML_SetElementHandler(b.parser, OnStart, OnEnd);
  XML_SetCharacterDataHandler(b.parser, OnText);
  XML_SetStartDoctypeDeclHandler(b.parser, OnDoctype);
  XML_SetParamEntityParsing(b.parser, XML_PARAM_ENTITY_PARSING_NEVER);
  const bool parsed = XML_Parse(b.parser, xml.data(), static_cast<int>(xml.size()), XML_TRUE) == XML_STATUS_OK;
  const std::string where = part + ":" + std::to_string(XML_GetCurrentLineNumber(b.parser));
  if (!b.failure.ok()) return Status(b.failure.code(), where + ": " + b.failure.message());
  if (!parsed) {
    return Status(ErrorCode::kCorrupt, where + ": not well-formed XML (" + XML_ErrorString(XML_GetErrorCode(b.parser)) + ")");
  }
  return std::move(b.tree);
}

uint32_t XmlTree::Id(std::string_view name) const {
  auto it = ids_.find(std::string(name));
  return it == ids_.end() ? kNone : it->second;
}

uint32_t XmlTree::Child(uint32_t node, uint32_t name_id) const {
  for (uint32_t c = first_child(node); c != kNone; c = next_sibling(c)) {
    if (nodes_[c].name == name_id) return c;
  }
  return kNone;
}

std::string_view XmlTree::text(uint32_t node) const {
  return std::string_view(text_).substr(nodes_[node].text_begin, nodes_[node].text_size);
}

const std::string* XmlTree::Attribute(uint32_t node, uint32_t name_id) const {
  const Node& n = nodes_[node];
  for (uint32_t i = n.attr_begin; i < n.attr_begin + n.attr_count; ++i) {
    if (attrs_[i].name == name_id) return &attrs_[i].value;
  }
  return nullptr;
}

}  // namespace baocao::internal
