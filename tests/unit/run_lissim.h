#pragma once
// Runs lissim's command line in this process, as main does (sim::run_cli), and captures what
// it writes: std::cout and std::cerr together, in order, as a shell's 2>&1 would, or std::cout
// alone when the arguments end in " 2>/dev/null". The unit tests thus call the code (under the
// sanitizers too) instead of starting the binary; the Python tests run the binary itself.
#include <iostream>
#include <sstream>
#include <utility>
#include <string>
#include <vector>

#include "sim/cli/cli.h"

namespace lissim::test {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Puts std::cout and std::cerr back (buffer and format) however the command ends.
class CapturedOutput {
 public:
  CapturedOutput(std::streambuf* out, std::streambuf* err)
      : cout_(std::cout.rdbuf(out)), cerr_(std::cerr.rdbuf(err)), cout_format_(nullptr), cerr_format_(nullptr) {
    cout_format_.copyfmt(std::cout);
    cerr_format_.copyfmt(std::cerr);
  }
  ~CapturedOutput() {
    std::cout.copyfmt(cout_format_);
    std::cerr.copyfmt(cerr_format_);
    std::cout.rdbuf(cout_);
    std::cerr.rdbuf(cerr_);
  }
  CapturedOutput(const CapturedOutput&) = delete;
  CapturedOutput& operator=(const CapturedOutput&) = delete;

 private:
  std::streambuf* cout_;
  std::streambuf* cerr_;
  std::ios cout_format_, cerr_format_;
};

// Splits a command line as a shell would for the tests' arguments: at spaces, except inside
// single or double quotes, which are removed.
inline std::vector<std::string> split_words(const std::string& line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (const char c : line) {
    if (quote) {
      if (c == quote) quote = 0; else word += c;
    } else if (c == '\'' || c == '"') {
      quote = c, in_word = true;
    } else if (c == ' ') {
      if (in_word) words.push_back(word);
      word.clear(), in_word = false;
    } else {
      word += c, in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

inline CommandResult run_lissim(const std::string& arguments) {
  std::string line = arguments;
  const std::string discard_errors = " 2>/dev/null";
  const bool stdout_only = line.size() >= discard_errors.size() &&
                           line.compare(line.size() - discard_errors.size(), discard_errors.size(), discard_errors) == 0;
  if (stdout_only) line.resize(line.size() - discard_errors.size());
  std::vector<std::string> args{"lissim"};
  for (std::string& word : split_words(line)) args.push_back(std::move(word));
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  std::ostringstream captured, discarded;
  CommandResult result;
  {
    const CapturedOutput capture(captured.rdbuf(), stdout_only ? discarded.rdbuf() : captured.rdbuf());
    result.exit_code = sim::run_cli(static_cast<int>(args.size()), argv.data());
  }
  result.output = captured.str();
  return result;
}

inline std::string source_path(const std::string& relative) { return std::string(LISSIM_SOURCE_DIR) + "/" + relative; }

}  // namespace lissim::test
