// What `baocao serve` makes of the data a client sends: the file's name, its kind, its token.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "baocao/serve/serve.h"
#include "serve/auth.h"
#include "serve/upload.h"

namespace baocao::serve {
namespace {

TEST(SafeUploadName, KeepsOnlyASafeLastComponent) {
  struct Case {
    const char* client;
    const char* safe;
  };
  const Case cases[] = {
      {"chi-linh-2026-01-report.txt", "chi-linh-2026-01-report.txt"},
      {"../../etc/passwd", "passwd"},
      {"..\\..\\Windows\\win.ini", "win.ini"},
      {"/tmp/x/báo cáo quý I.txt", "báo cáo quý I.txt"},
      {"..", "document"},
      {".", "document"},
      {"", "document"},
      {"...", "document"},
      {".bashrc", "bashrc"},
      {"-rf .txt", "rf .txt"},
      {"a<b>|c?.txt", "a_b_c_.txt"},
      {"tab\there.txt", "tab here.txt"},
      {"many    spaces.txt", "many spaces.txt"},
      {"ca\xCC\x81""c.txt", "c\xC3\xA1""c.txt"},                 // NFD "cá" composed
      {"evil\xE2\x80\xAEtxt.exe", "evil_txt.exe"},              // a right-to-left override
      {"bad\xFF\xFEutf8.txt", "bad_utf8.txt"},                  // invalid UTF-8
      {"line\nbreak\r.txt", "line_break_.txt"},
      {"C:\\Users\\x\\Kế hoạch.pdf", "Kế hoạch.pdf"},
  };
  for (const Case& c : cases) EXPECT_EQ(SafeUploadName(c.client), c.safe) << c.client;
}

TEST(SafeUploadName, CutsLongNamesKeepingTheExtensionAndWholeCharacters) {
  std::string name;
  for (int i = 0; i < 100; ++i) name += "ữ";   // 3 bytes each
  std::string safe = SafeUploadName(name + ".pdf");
  EXPECT_LE(safe.size(), 120u);
  EXPECT_EQ(safe.substr(safe.size() - 4), ".pdf");
  EXPECT_EQ((safe.size() - 4) % 3, 0u) << "a character was cut in half";
}

TEST(AsciiFileName, DropsMarksAndKeepsBaseLetters) {
  EXPECT_EQ(AsciiFileName("Báo cáo Đống Đa.txt"), "Bao cao Dong Da.txt");
  EXPECT_EQ(AsciiFileName("ữ.pdf"), "u.pdf");
  EXPECT_EQ(AsciiFileName("日本.txt"), "__.txt");
}

TEST(ClassifyUpload, TellsTextPdfAndRefusedFiles) {
  EXPECT_EQ(ClassifyUpload("%PDF-1.7\n...", "x.txt", "").value(), UploadKind::kPdf);
  EXPECT_EQ(ClassifyUpload(std::string(100, ' ') + "%PDF-1.4", "x", "").value(), UploadKind::kPdf);
  EXPECT_EQ(ClassifyUpload("Báo cáo số 1", "x.txt", "text/plain").value(), UploadKind::kText);
  EXPECT_EQ(ClassifyUpload("Báo cáo số 1", "x", "application/octet-stream").value(), UploadKind::kText);

  Result<UploadKind> named_pdf = ClassifyUpload("<html>404</html>", "report.PDF", "");
  ASSERT_FALSE(named_pdf.ok());
  EXPECT_EQ(named_pdf.status().code(), ErrorCode::kBinary);
  EXPECT_FALSE(ClassifyUpload("plain", "x.txt", "application/pdf; charset=binary").ok());
  // Zips and OLE2 files go to the engine, which reads a .docx and refuses the rest (issue 20).
  EXPECT_EQ(ClassifyUpload(std::string("PK\x03\x04", 4) + "word/document.xml", "r.docx", "").value(), UploadKind::kDocx);
  EXPECT_EQ(ClassifyUpload("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "r.doc", "").value(), UploadKind::kDocx);
  EXPECT_FALSE(ClassifyUpload("\x89PNG\r\n", "scan.txt", "").ok());   // a signature cut short
  EXPECT_FALSE(ClassifyUpload("GIF89a", "scan.gif", "").ok());
  // Images go to the engine, which reads them by OCR; RTF goes to it as Word (issue 20).
  EXPECT_EQ(ClassifyUpload(std::string("II*\0", 4), "scan.tif", "").value(), UploadKind::kImage);
  EXPECT_EQ(ClassifyUpload("\xFF\xD8\xFF\xE0", "photo.txt", "").value(), UploadKind::kImage);
  EXPECT_EQ(ClassifyUpload("\x89PNG\r\n\x1A\n", "scan.png", "").value(), UploadKind::kImage);
  EXPECT_EQ(ClassifyUpload("{\\rtf1\\ansi x}", "r.rtf", "").value(), UploadKind::kDocx);
}

// Issue 20: a stored photograph is served as the image it is, a Word file as Word, never as text.
TEST(SourceContentType, NamesWhatTheBytesAre) {
  struct Case {
    std::string bytes;
    std::string want;
  };
  const Case cases[] = {
      {"%PDF-1.7\n", "application/pdf"},
      {"\xFF\xD8\xFF\xE0\0\x10JFIF", "image/jpeg"},
      {"\x89PNG\r\n\x1A\n\0\0\0\rIHDR", "image/png"},
      {std::string("II*\0\x08\0\0\0", 8), "image/tiff"},
      {std::string("RIFF\x24\0\0\0WEBPVP8 ", 16), "image/webp"},
      {std::string("PK\x03\x04", 4) + "word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "application/msword"},
      {"{\\rtf1\\ansi x}", "application/rtf"},
      {"Báo cáo số 1", "text/plain; charset=windows-1258"},
  };
  for (const Case& c : cases) EXPECT_EQ(SourceContentType(c.bytes, "windows-1258"), c.want) << c.want;
}

TEST(TokenSet, AcceptsOnlyExactTokens) {
  TokenSet tokens({"0123456789abcdef0123", "another-token-of-20ch"});
  EXPECT_TRUE(tokens.Contains("0123456789abcdef0123"));
  EXPECT_TRUE(tokens.Contains("another-token-of-20ch"));
  EXPECT_FALSE(tokens.Contains("0123456789abcdef012"));    // a prefix
  EXPECT_FALSE(tokens.Contains("0123456789abcdef01234"));  // longer
  EXPECT_FALSE(tokens.Contains(""));
  EXPECT_FALSE(TokenSet().Contains("anything"));
}

TEST(BearerToken, ReadsTheAuthorizationHeader) {
  EXPECT_EQ(BearerToken("Bearer abc"), "abc");
  EXPECT_EQ(BearerToken("bearer   abc  "), "abc");
  EXPECT_EQ(BearerToken("Basic abc"), "");
  EXPECT_EQ(BearerToken("Bearer"), "");
  EXPECT_EQ(BearerToken(""), "");
}

TEST(ReadTokenFile, SkipsCommentsAndRefusesWeakTokens) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("baocao-tokens-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto write = [&](const std::string& content) {
    std::ofstream(dir / "tokens", std::ios::binary) << content;
    return ReadTokenFile((dir / "tokens").string());
  };
  Result<std::vector<std::string>> good = write("# auditors\n\n  0123456789abcdef  \r\nfedcba9876543210xyz\n");
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_EQ(*good, (std::vector<std::string>{"0123456789abcdef", "fedcba9876543210xyz"}));
  EXPECT_EQ(write("").status().code(), ErrorCode::kUsage);
  EXPECT_EQ(write("short\n").status().code(), ErrorCode::kUsage);
  EXPECT_EQ(write("with a space 0123456789\n").status().code(), ErrorCode::kUsage);
  // "NAME TOKEN": the name is who marks flags with that token.
  std::vector<std::string> names;
  std::ofstream(dir / "tokens", std::ios::binary) << "kiem.toan.1 0123456789abcdef\nfedcba9876543210xyz\n";
  Result<std::vector<std::string>> named = ReadTokenFile((dir / "tokens").string(), &names);
  ASSERT_TRUE(named.ok()) << named.status().ToString();
  EXPECT_EQ(*named, (std::vector<std::string>{"0123456789abcdef", "fedcba9876543210xyz"}));
  EXPECT_EQ(names, (std::vector<std::string>{"kiem.toan.1", ""}));
  serve::TokenSet set(*named, names);
  EXPECT_EQ(set.NameOf("0123456789abcdef"), "kiem.toan.1");
  EXPECT_EQ(set.NameOf("fedcba9876543210xyz"), "token 2");
  EXPECT_EQ(set.NameOf("not-a-token-at-all"), "");
  EXPECT_FALSE(set.Contains(""));
  EXPECT_EQ(ReadTokenFile((dir / "missing").string()).status().code(), ErrorCode::kNotFound);
  fs::remove_all(dir);
}

TEST(MakeToken, IsRandomHex) {
  Result<std::string> a = MakeToken(), b = MakeToken();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->size(), 64u);
  EXPECT_EQ(a->find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(*a, *b);
}

TEST(IsLoopbackAddress, KnowsLoopbackFromTheRest) {
  EXPECT_TRUE(IsLoopbackAddress("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackAddress("127.1.2.3"));
  EXPECT_TRUE(IsLoopbackAddress("::1"));
  EXPECT_TRUE(IsLoopbackAddress("localhost"));
  EXPECT_TRUE(IsLoopbackAddress("::ffff:127.0.0.1"));   // an IPv4 peer of a socket bound to "::"
  EXPECT_FALSE(IsLoopbackAddress("::ffff:192.0.2.10"));
  EXPECT_FALSE(IsLoopbackAddress("0.0.0.0"));
  EXPECT_FALSE(IsLoopbackAddress("::"));
  EXPECT_FALSE(IsLoopbackAddress("192.168.1.10"));
  EXPECT_FALSE(IsLoopbackAddress("example.org"));
}

}  // namespace
}  // namespace baocao::serve
