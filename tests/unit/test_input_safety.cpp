// What lissim reads and writes (README "Guarantees"): only regular files, bounded reads,
// UTF-8 text, outputs that are neither special files nor inputs, short messages.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/config/diagnostics.h"
#include "sim/errors.h"
#include "sim/io/atomic_output.h"
#include "sim/util/input_file.h"
#include "sim/util/utf8_check.h"
#include "sim/sweep/sweep_spec.h"

namespace fs = std::filesystem;
using namespace lissim::sim;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string templ = (fs::temp_directory_path() / "lissim-safety-XXXXXX").string();
    REQUIRE(::mkdtemp(templ.data()) != nullptr);
    path = templ;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string file(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return (path / name).string();
  }
};

}  // namespace

TEST_CASE("first_invalid_utf8 accepts well-formed UTF-8 and finds the first bad byte", "[safety]") {
  CHECK_FALSE(first_invalid_utf8("plain ASCII\n"));
  CHECK_FALSE(first_invalid_utf8("caf\xc3\xa9 \xc2\xa3 \xe2\x82\xac \xf0\x9f\x8f\xad \xf4\x8f\xbf\xbf"));  // é £ € 🏭 U+10FFFF
  struct Case {
    std::string text;
    int line, column;
    unsigned char byte;
  };
  for (const Case& c : {Case{"caf\xe9", 1, 4, 0xE9},                  // Latin-1
                        Case{"a\nb\n\x93q\x94", 3, 1, 0x93},           // cp1252 quotes, third line
                        Case{"x\xc0\xaf", 1, 2, 0xC0},                 // overlong '/'
                        Case{"\xe0\x80\xaf", 1, 1, 0xE0},              // overlong, 3 bytes
                        Case{"s\xed\xa0\x80", 1, 2, 0xED},             // a surrogate
                        Case{"\xf4\x90\x80\x80", 1, 1, 0xF4},          // above U+10FFFF
                        Case{"\xf5\x80\x80\x80", 1, 1, 0xF5},          // no such lead byte
                        Case{"ok \xe2\x82", 1, 4, 0xE2},               // cut short at the end
                        Case{"\x80", 1, 1, 0x80},                      // a lone continuation byte
                        Case{std::string("\xff\xfe", 2) + "n", 1, 1, 0xFF}}) {  // UTF-16 BOM
    const auto bad = first_invalid_utf8(c.text);
    REQUIRE(bad);
    CHECK(bad->line == c.line);
    CHECK(bad->column == c.column);
    CHECK(bad->byte == c.byte);
  }
}

TEST_CASE("read_regular_file reads regular files up to the limit and nothing else", "[safety]") {
  TempDir dir;
  std::string problem;
  const std::string small = dir.file("small.yaml", "name: x\n");
  CHECK(read_regular_file(small, 8, "8 bytes", problem) == std::optional<std::string>("name: x\n"));
  CHECK_FALSE(read_regular_file(small, 7, "7 bytes", problem));
  CHECK(problem == "file is larger than 7 bytes");

  const std::string fifo = (dir.path / "fifo").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_FALSE(read_regular_file(fifo, 1 << 20, "1 MiB", problem));  // returns at once: no writer needed
  CHECK(problem == "is a FIFO (named pipe), must be a regular file");

  CHECK_FALSE(read_regular_file("/dev/zero", 1 << 20, "1 MiB", problem));
  CHECK(problem == "is a character device, must be a regular file");
  const fs::path link = dir.path / "zero.yaml";
  fs::create_symlink("/dev/zero", link);
  CHECK_FALSE(read_regular_file(link.string(), 1 << 20, "1 MiB", problem));
  CHECK(problem == "is a character device, must be a regular file");
  CHECK_FALSE(read_regular_file(dir.path.string(), 1 << 20, "1 MiB", problem));
  CHECK(problem == "is a folder, must be a regular file");
  CHECK_FALSE(read_regular_file((dir.path / "missing").string(), 1 << 20, "1 MiB", problem));
  CHECK(problem.rfind("cannot open file: ", 0) == 0);

  CHECK_THROWS_WITH(require_regular_file(fifo, "a results file"),
                    Catch::Contains("is a FIFO (named pipe), must be a results file"));
}

TEST_CASE("an output target is never a special file, a folder or an input", "[safety]") {
  TempDir dir;
  CHECK_THROWS_AS(check_output_target("", true), InputError);
  CHECK_THROWS_WITH(check_output_target(dir.path.string(), true), Catch::Contains("is a folder, must be a file name"));
  const std::string existing = dir.file("r.h5", "x");
  CHECK_THROWS_WITH(check_output_target(existing, false), Catch::Contains("file exists; use --force"));
  CHECK_NOTHROW(check_output_target(existing, true));
  CHECK_NOTHROW(check_output_target((dir.path / "new" / "r.h5").string(), false));

  const std::string fifo = (dir.path / "out.fifo").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THROWS_WITH(check_output_target(fifo, true), Catch::Contains("is a FIFO (named pipe), not a regular file"));
  const fs::path link = dir.path / "link.h5";
  fs::create_symlink(fifo, link);
  CHECK_THROWS_WITH(check_output_target(link.string(), true), Catch::Contains("is a link to a FIFO"));
  CHECK_THROWS_AS(AtomicOutput(fifo, true), InputError);

  const fs::path alias = dir.path / "alias.h5";
  fs::create_hard_link(existing, alias);
  CHECK_THROWS_WITH(check_output_is_not_input(alias.string(), {existing}), Catch::Contains("is an input of this command"));
  CHECK_NOTHROW(check_output_is_not_input(alias.string(), {(dir.path / "other").string()}));
  CHECK_NOTHROW(check_output_is_not_input((dir.path / "new.h5").string(), {existing}));
}

TEST_CASE("diagnostics quote at most a few hundred characters of a value", "[safety]") {
  Diagnostics diag;
  diag.error(SourceLocation{"f.yaml", 1, 1}, std::string(5000, 'k'), "got '" + std::string(100000, 'v') + "'");
  REQUIRE(diag.messages().size() == 1);
  const std::string& line = diag.messages()[0];
  CHECK(line.size() < 1000);
  CHECK(line.find("(5000 characters in all)") != std::string::npos);
  CHECK(line.find("(100006 characters in all)") != std::string::npos);
}

TEST_CASE("a sweep may not put one key on two axes, or on an axis and in set:", "[safety]") {
  TempDir dir;
  const std::string scenario = dir.file("s.yaml", "name: s\n");
  const std::string two_axes = dir.file("two.yaml",
                                        "scenario: s.yaml\naxes:\n  - key: a.b\n    values: [1]\n"
                                        "  - key: a.b\n    values: [2]\n");
  CHECK_THROWS_WITH(load_sweep(two_axes), Catch::Contains("two.yaml:5:10: error: axes[1].key: 'a.b' is already the key of axes[0]"));
  const std::string set_and_axis =
      dir.file("set.yaml", "scenario: s.yaml\nset:\n  a.b: 3\naxes:\n  - key: a.b\n    values: [1]\n");
  CHECK_THROWS_WITH(load_sweep(set_and_axis), Catch::Contains("'a.b' is also fixed by set: ("));
  const std::string fine = dir.file("fine.yaml", "scenario: s.yaml\nset:\n  a.c: 3\naxes:\n  - key: a.b\n    values: [1, 2]\n");
  const SweepSpec spec = load_sweep(fine);
  const std::vector<SweepPoint> points = expand_points(spec);
  REQUIRE(points.size() == 2);
  REQUIRE(points[1].set_origins.size() == 2);  // set: first, then the axis
  CHECK(points[1].set_origins[0].line == 3);
  CHECK(points[1].set_origins[1].line == 5);
}
