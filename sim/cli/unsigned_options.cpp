#include "sim/cli/unsigned_options.h"

#include <string>

#include "sim/errors.h"

namespace lissim::sim {

void reject_negative_values(const Arguments& args, std::initializer_list<const char*> unsigned_options) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    for (const char* name : unsigned_options) {
      const std::string option = std::string("--") + name;
      std::string value;
      if (args[i] == option && i + 1 < args.size()) value = args[i + 1];
      else if (args[i].rfind(option + "=", 0) == 0) value = args[i].substr(option.size() + 1);
      else continue;
      if (!value.empty() && value.front() == '-')
        throw InputError(option + ": got " + value.substr(0, 40) + ", must be a whole number >= 0");
    }
  }
}

}  // namespace lissim::sim
