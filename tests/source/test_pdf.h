// Test helpers for the PDF source stage: tiny PDFs written by hand (ASCII text in Helvetica,
// WinAnsi), and pages of positioned words for the page layout, so each behaviour is tested on
// the smallest input that shows it.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "source/page_model.h"

namespace baocao::testing_util {

// One text item of a PDF page: PDF user space (origin bottom left), font size.
struct PdfText {
  double x = 72, y = 770;
  std::string text;          // ASCII
  double size = 11;
  bool rotated = false;      // drawn turned a quarter (text running up the page)
};

struct PdfPageSpec {
  std::vector<PdfText> texts;
  int rotate = 0;            // the page's /Rotate
  bool image_only = false;   // no text: a grey square, as a scan would have
  std::string drawing{};     // more content-stream operators, drawn first ("0.5 w 90 700 m 90 600 l S")
};

// A complete PDF (classic xref table) of the given pages.
inline std::string MakePdf(const std::vector<PdfPageSpec>& pages) {
  std::vector<std::string> objects;   // bodies; object n is objects[n-1]
  auto add = [&](std::string body) {
    objects.push_back(std::move(body));
    return static_cast<int>(objects.size());
  };
  int catalog = add("");
  int tree = add("");
  int font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  std::string kids;
  for (const PdfPageSpec& page : pages) {
    std::string content = page.drawing.empty() ? std::string() : page.drawing + "\n";
    if (page.image_only) {
      content += "0.5 g 72 72 451 698 re f";
    } else {
      for (const PdfText& t : page.texts) {
        std::string escaped;
        for (char c : t.text) {
          if (c == '(' || c == ')' || c == '\\') escaped += '\\';
          escaped += c;
        }
        char head[160];
        if (t.rotated) {
          std::snprintf(head, sizeof head, "BT /F1 %.2f Tf 0 1 -1 0 %.2f %.2f Tm (", t.size, t.x, t.y);
        } else {
          std::snprintf(head, sizeof head, "BT /F1 %.2f Tf %.2f %.2f Td (", t.size, t.x, t.y);
        }
        content += head + escaped + ") Tj ET\n";
      }
    }
    int stream = add("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream");
    std::string rotate = page.rotate ? " /Rotate " + std::to_string(page.rotate) : "";
    int p = add("<< /Type /Page /Parent " + std::to_string(tree) + " 0 R /MediaBox [0 0 595 842] /Contents " +
                std::to_string(stream) + " 0 R /Resources << /Font << /F1 " + std::to_string(font) + " 0 R >> >>" +
                rotate + " >>");
    kids += std::to_string(p) + " 0 R ";
  }
  objects[catalog - 1] = "<< /Type /Catalog /Pages " + std::to_string(tree) + " 0 R >>";
  objects[tree - 1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>";
  std::string out = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char line[24];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    out += line;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root " + std::to_string(catalog) +
         " 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

// Pages of words for the page layout. Each piece is a run of words set from `x`, on the line
// whose top is `y` (reading frame: y grows downwards); every character is `size / 2` wide, a
// space `size / 4`, a line `1.15 * size` high.
struct Piece {
  float x;
  std::string text;
};

struct LineSpec {
  float y;
  std::vector<Piece> pieces;
  float size = 12;
};

inline size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

inline pdf_internal::PageModel MakePage(const std::vector<LineSpec>& lines, int number = 1) {
  pdf_internal::PageModel page;
  page.number = number;
  page.width = 595;
  page.height = 842;
  for (const LineSpec& line : lines) {
    float h = 1.15f * line.size, em = line.size / 2, space = line.size / 4;
    for (const Piece& piece : line.pieces) {
      float x = piece.x;
      size_t start = 0;
      while (start <= piece.text.size()) {
        size_t end = piece.text.find(' ', start);
        if (end == std::string::npos) end = piece.text.size();
        std::string word = piece.text.substr(start, end - start);
        if (!word.empty()) {
          pdf_internal::Word w;
          w.text = word;
          w.box = {x, line.y, x + em * static_cast<float>(CodePoints(word)), line.y + h};
          w.page_box = w.box;
          w.space_after = end < piece.text.size();
          page.words.push_back(w);
          x = w.box.x1 + space;
        }
        start = end + 1;
      }
    }
  }
  page.lines = pdf_internal::BuildLines(page.words, ComposeTuning{});
  return page;
}

}  // namespace baocao::testing_util
