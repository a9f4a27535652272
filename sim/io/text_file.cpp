#include "sim/io/text_file.h"

#include <fstream>

#include "sim/errors.h"
#include "sim/io/atomic_output.h"

namespace lissim::sim {

void write_text_file(const std::string& path, const std::string& text, bool overwrite) {
  AtomicOutput target(path, overwrite);
  {
    std::ofstream out(target.temporary_path(), std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) throw IoError(path + ": cannot write (disk full or no permission?)");
  }
  target.commit();
}

}  // namespace lissim::sim
