#pragma once
// Exceptions thrown below main; main maps them to the exit codes in README.md ("Using lissim").
#include <stdexcept>
#include <string>

namespace lissim::sim {

enum class ExitCode : int { ok = 0, bad_input = 2, io = 3, model = 4, internal = 70 };

class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

// Bad usage or bad input: a scenario, seed or results file that breaks a rule.
class InputError : public Error {
 public:
  explicit InputError(const std::string& message) : Error(ExitCode::bad_input, message) {}
};

// A file could not be read, written or renamed.
class IoError : public Error {
 public:
  explicit IoError(const std::string& message) : Error(ExitCode::io, message) {}
};

// The model produced something it must not (e.g. non-finite values).
class ModelError : public Error {
 public:
  explicit ModelError(const std::string& message) : Error(ExitCode::model, message) {}
};

}  // namespace lissim::sim
