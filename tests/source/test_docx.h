// Test helpers for the Word source stage: zip archives written in memory with libzip (the
// library the reader opens them with), and the smallest .docx around a body's XML, so each
// behaviour is tested on the smallest input that shows it.
#pragma once

#include <zip.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace baocao::testing_util {

using ZipMembers = std::vector<std::pair<std::string, std::string>>;

// A zip archive of `members` (deflated), as bytes.
inline std::string MakeZip(const ZipMembers& members) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(buffer);   // still ours after zip_close, to read the archive back
  zip_t* zip = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  for (const auto& [name, data] : members) {
    zip_source_t* member = zip_source_buffer(zip, data.data(), data.size(), 0);
    zip_file_add(zip, name.c_str(), member, ZIP_FL_ENC_UTF_8);
  }
  zip_close(zip);
  std::string out;
  if (zip_source_open(buffer) == 0) {
    char chunk[4096];
    for (zip_int64_t n; (n = zip_source_read(buffer, chunk, sizeof chunk)) > 0;) out.append(chunk, static_cast<size_t>(n));
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

constexpr const char* kWordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

// word/document.xml around `body` (the children of w:body).
inline std::string DocumentXml(const std::string& body) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"") +
         kWordNamespace + "\"><w:body>" + body + "</w:body></w:document>";
}

// A paragraph of one run of `text`.
inline std::string P(const std::string& text) { return "<w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>"; }

// A table cell holding `content` (paragraphs or a table), with the cell properties `pr`.
inline std::string Tc(const std::string& content, const std::string& pr = "") {
  return "<w:tc>" + (pr.empty() ? "" : "<w:tcPr>" + pr + "</w:tcPr>") + content + "</w:tc>";
}

// A .docx: content types, document.xml around `body`, and any `more` parts.
inline std::string MakeDocx(const std::string& body, ZipMembers more = {}) {
  ZipMembers members = {{"[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
                        {"word/document.xml", DocumentXml(body)}};
  for (auto& m : more) members.push_back(std::move(m));
  return MakeZip(members);
}

}  // namespace baocao::testing_util
