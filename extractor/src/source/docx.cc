// Word .docx to text (baocao/source/docx.h): the parts read from the zip (source/zip.h), each
// parsed into a tree (source/xml_tree.h) and walked as tools/docx-text walks it.
#include "baocao/source/docx.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "source/docx_walk.h"
#include "source/xml_tree.h"
#include "source/zip.h"

namespace baocao {

namespace {

using internal::DocxWalker;
using internal::XmlTree;

constexpr std::string_view kZipMagic = "PK\x03\x04";
constexpr std::string_view kEmptyZipMagic = "PK\x05\x06";
constexpr std::array<unsigned char, 8> kOle2Magic = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
// OLE2 (MS-CFB): the header takes the first 512 bytes; directory entries are 128 bytes, sector-
// aligned, so every entry starts at a multiple of 128 past the header; an entry's name is UTF-16LE
// in its first 64 bytes and its length in bytes (with the terminating NUL) at offset 64.
constexpr size_t kOle2HeaderBytes = 512;
constexpr size_t kOle2EntryBytes = 128;
constexpr size_t kOle2NameLengthOffset = 64;
constexpr std::string_view kEncryptionInfo = "EncryptionInfo";

constexpr const char* kDocumentPart = "word/document.xml";
constexpr const char* kFootnotesPart = "word/footnotes.xml";
constexpr const char* kEndnotesPart = "word/endnotes.xml";
constexpr const char* kNumberingPart = "word/numbering.xml";
constexpr std::string_view kNotesSeparator = "__________";   // as Word prints the notes' rule

// Whether the OLE2 directory holds an entry named `name` (ASCII).
bool HasOle2Entry(std::string_view bytes, std::string_view name) {
  const size_t name_bytes = 2 * (name.size() + 1);
  for (size_t at = kOle2HeaderBytes; at + kOle2EntryBytes <= bytes.size(); at += kOle2EntryBytes) {
    const auto* entry = reinterpret_cast<const unsigned char*>(bytes.data() + at);
    if (entry[kOle2NameLengthOffset] != name_bytes || entry[kOle2NameLengthOffset + 1] != 0) continue;
    bool same = true;
    for (size_t i = 0; i < name.size() && same; ++i) {
      same = entry[2 * i] == static_cast<unsigned char>(name[i]) && entry[2 * i + 1] == 0;
    }
    if (same) return true;
  }
  return false;
}

Result<XmlTree> ReadPart(const internal::ZipArchive& zip, const char* part, const DocxLimits& limits,
                         size_t& budget) {
  Result<std::string> xml = zip.Read(part, limits.max_part_bytes, budget);
  if (!xml.ok()) return xml.status();
  return XmlTree::Parse(*xml, part, DocxWalker::TextElements());
}

// The notes of `part` (footnotes or endnotes) after the body's lines; their count.
// The first notes written are preceded by a blank line and the separator.
Result<int> AddNotes(const internal::ZipArchive& zip, const char* part, bool footnotes, const DocxLimits& limits,
                     size_t& budget, internal::DocxNumbering& numbering, internal::DocxLines& lines) {
  if (!zip.Has(part)) return 0;
  Result<XmlTree> tree = ReadPart(zip, part, limits, budget);
  if (!tree.ok()) return tree.status();
  internal::DocxLines notes;
  const int count = DocxWalker(*tree, &numbering).Notes(footnotes, notes);
  if (notes.empty()) return count;
  const bool separated = std::any_of(lines.begin(), lines.end(), [](const auto& l) { return l.first == kNotesSeparator; });
  if (!separated) {
    while (!lines.empty() && lines.back().first.empty()) lines.pop_back();
    lines.push_back({"", {}});
    lines.push_back({std::string(kNotesSeparator), {}});
  }
  lines.insert(lines.end(), std::make_move_iterator(notes.begin()), std::make_move_iterator(notes.end()));
  return count;
}

DocxDocument Assemble(internal::DocxLines lines) {
  DocxDocument doc;
  while (!lines.empty() && lines.back().first.empty()) lines.pop_back();
  for (auto& [text, origin] : lines) {
    doc.lines.push_back({doc.text.size(), origin});
    for (char c : text) {
      if (c != '\r') doc.text += c;
    }
    doc.text += '\n';
  }
  return doc;
}

}  // namespace

bool LooksLikeZip(std::string_view bytes) {
  return bytes.substr(0, kZipMagic.size()) == kZipMagic || bytes.substr(0, kEmptyZipMagic.size()) == kEmptyZipMagic;
}

bool LooksLikeOle2(std::string_view bytes) {
  return bytes.size() >= kOle2Magic.size() && std::memcmp(bytes.data(), kOle2Magic.data(), kOle2Magic.size()) == 0;
}

Status CheckOle2(std::string_view bytes) {
  if (HasOle2Entry(bytes, kEncryptionInfo)) {
    return Status(ErrorCode::kEncrypted,
                  "a password-protected (encrypted) Office file: remove the password in Word, then read the .docx");
  }
  return Status(ErrorCode::kNeedsConverter,
                "a Word 97-2003 .doc (or other OLE2 file): convert it with LibreOffice "
                "(package libreoffice-writer: soffice --headless --convert-to docx FILE)");
}

Result<DocxDocument> ReadDocx(std::string_view bytes, const DocxLimits& limits) {
  Result<internal::ZipArchive> zip = internal::ZipArchive::Open(bytes);
  if (!zip.ok()) return zip.status();
  if (!zip->Has(kDocumentPart)) {
    return Status(ErrorCode::kUnsupported,
                  "not a document this engine reads: a zip without word/document.xml (an .xlsx, a .pptx, an archive?)");
  }
  size_t budget = limits.max_total_bytes;
  internal::DocxNumbering numbering;
  if (zip->Has(kNumberingPart)) {
    Result<XmlTree> tree = ReadPart(*zip, kNumberingPart, limits, budget);
    if (!tree.ok()) return tree.status();
    numbering = internal::DocxNumbering(*tree);
  }
  internal::DocxLines lines;
  std::vector<DocxTableShape> tables;
  int paragraphs = 0;
  {
    Result<XmlTree> tree = ReadPart(*zip, kDocumentPart, limits, budget);
    if (!tree.ok()) return tree.status();
    DocxWalker walker(*tree, &numbering);
    Status body = walker.Body(lines, tables, paragraphs);
    if (!body.ok()) return body;
  }
  Result<int> footnotes = AddNotes(*zip, kFootnotesPart, true, limits, budget, numbering, lines);
  if (!footnotes.ok()) return footnotes.status();
  Result<int> endnotes = AddNotes(*zip, kEndnotesPart, false, limits, budget, numbering, lines);
  if (!endnotes.ok()) return endnotes.status();
  DocxDocument doc = Assemble(std::move(lines));
  doc.tables = std::move(tables);
  doc.paragraphs = paragraphs;
  doc.footnotes = *footnotes;
  doc.endnotes = *endnotes;
  return doc;
}

}  // namespace baocao
