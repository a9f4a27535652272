// The H5DS layer of sim/io/hdf5_file.h: set_dims attaches each axis's scale with its label,
// and refuses an axis without a scale or of another length, naming the file and dataset,
// before writing anything.
#include <hdf5.h>
#include <hdf5_hl.h>

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/errors.h"
#include "sim/io/hdf5_file.h"

namespace fs = std::filesystem;
using lissim::sim::H5Dataset;
using lissim::sim::H5OutputFile;
using lissim::sim::IoError;

namespace {

std::string label(hid_t dataset, unsigned axis) {
  char buffer[64] = {};
  H5DSget_label(dataset, axis, buffer, sizeof buffer);
  return buffer;
}

}  // namespace

TEST_CASE("hdf5: set_dims attaches each axis's scale and label", "[hdf5]") {
  const fs::path path = fs::temp_directory_path() / ("lissim_scales_" + std::to_string(::getpid()) + ".h5");
  fs::remove(path);
  {
    lissim::sim::quiet_hdf5_errors();
    H5OutputFile file(path.string());
    const auto& root = file.root();
    const H5Dataset years = root.write("years", std::vector<int>{2014, 2015, 2016});
    years.make_scale("year");
    const H5Dataset draws = root.write_index("draw_index", 5);
    draws.make_scale("draw");
    const std::vector<double> values(15, 1.0);
    const H5Dataset d = root.write("values", {5, 3}, values.data());
    d.set_dims({"draw", "year"});
    CHECK(H5DSis_attached(d.id(), draws.id(), 0) > 0);
    CHECK(H5DSis_attached(d.id(), years.id(), 1) > 0);
    CHECK(H5DSis_attached(d.id(), years.id(), 0) == 0);
    CHECK(label(d.id(), 0) == "draw");
    CHECK(label(d.id(), 1) == "year");
    CHECK(H5DSget_num_scales(d.id(), 1) == 1);

    const H5Dataset other = root.write("other", {3, 5}, values.data());
    CHECK_THROWS_AS(other.set_dims({"year", "sector"}), IoError);  // no sector scale
    CHECK(H5Aexists(other.id(), "dims") == 0);                     // and nothing written
    try {
      other.set_dims({"draw", "year"});  // 3 rows against 5 draws
      FAIL("expected IoError");
    } catch (const IoError& e) {
      const std::string message = e.what();
      INFO(message);
      CHECK(message.find(path.string()) != std::string::npos);
      CHECK(message.find("/other") != std::string::npos);
      CHECK(message.find("the scale has 5 values, the axis 3") != std::string::npos);
    }
    CHECK_THROWS_AS(d.set_dims({"year"}), IoError);  // rank 2, one name
    file.close();
  }
  fs::remove(path);
}
