#pragma once
// A thin RAII layer over the HDF5 C API for what lissim writes and reads: groups, numeric
// and string datasets in C (row-major) order, attributes, chunked compressed datasets
// filled row block by row block, and axes as dimension scales (H5DS, libhdf5's high-level
// library). Object time tracking is off, so identical runs give identical datasets. Every
// failure throws IoError naming the file and object.
#include <hdf5.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace lissim::sim {

// Owns one HDF5 identifier and closes it with the right function.
class H5Handle {
 public:
  H5Handle() = default;
  H5Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  H5Handle(H5Handle&& o) noexcept : id_(o.id_), close_(o.close_) { o.id_ = H5I_INVALID_HID; }
  H5Handle& operator=(H5Handle&& o) noexcept;
  H5Handle(const H5Handle&) = delete;
  H5Handle& operator=(const H5Handle&) = delete;
  ~H5Handle() { reset(); }
  hid_t get() const { return id_; }
  void reset();
  // Gives up ownership without closing.
  hid_t release() {
    const hid_t id = id_;
    id_ = H5I_INVALID_HID;
    return id;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
  herr_t (*close_)(hid_t) = nullptr;
};

// The dimension scales of one file by axis name ("year" -> /years): the latest scale made for
// an axis is the one attached to the datasets written after it.
using H5ScaleIndex = std::map<std::string, H5Handle>;

// A location (file or group) that attributes and datasets can be written to.
class H5Location {
 public:
  H5Location(hid_t id, std::string file, std::string path, std::shared_ptr<H5ScaleIndex> scales = nullptr)
      : id_(id), file_(std::move(file)), path_(std::move(path)), scales_(std::move(scales)) {}
  hid_t id() const { return id_; }
  const std::string& path() const { return path_; }

  void attribute(const std::string& name, const std::string& value) const;
  void attribute(const std::string& name, double value) const;
  void attribute(const std::string& name, std::int64_t value) const;
  void attribute(const std::string& name, const std::vector<int>& values) const;
  void attribute(const std::string& name, const std::vector<double>& values) const;
  void attribute(const std::string& name, const std::vector<std::string>& values) const;

 protected:
  [[noreturn]] void fail(const std::string& what) const;
  hid_t id_;
  std::string file_;
  std::string path_;
  std::shared_ptr<H5ScaleIndex> scales_;
};

class H5Dataset : public H5Location {
 public:
  H5Dataset(H5Handle handle, std::string file, std::string path, std::vector<hsize_t> dims,
            std::shared_ptr<H5ScaleIndex> scales = nullptr)
      : H5Location(handle.get(), std::move(file), std::move(path), std::move(scales)),
        handle_(std::move(handle)),
        dims_(std::move(dims)) {}
  // Writes rows [first_row, first_row + rows) of a 1-D or 2-D dataset from row-major data.
  void write_rows(hsize_t first_row, hsize_t rows, const double* data) const;
  // Reads a whole 1-D dataset back (as doubles).
  std::vector<double> read_vector() const;
  void set_units(const std::string& units, const std::string& description) const;
  // Makes this 1-D dataset the dimension scale of `axis`, attached to the datasets that name
  // the axis in set_dims from now on.
  void make_scale(const std::string& axis) const;
  // Names the axes: the `dims` attribute (read by format 1 readers), each axis's H5DS label,
  // and its dimension scale. Throws if an axis has no scale or the lengths differ: every axis
  // of a lissim file has one.
  void set_dims(const std::vector<std::string>& axes) const;

 private:
  H5Handle handle_;
  std::vector<hsize_t> dims_;
};

class H5Group : public H5Location {
 public:
  H5Group(H5Handle handle, std::string file, std::string path, std::shared_ptr<H5ScaleIndex> scales = nullptr)
      : H5Location(handle.get(), std::move(file), std::move(path), std::move(scales)), handle_(std::move(handle)) {}
  H5Group group(const std::string& name) const;  // creates it
  // Makes `name` another name for the object at `target` (an absolute path).
  void hard_link(const std::string& target, const std::string& name) const;
  // Row-major data with the given shape.
  H5Dataset write(const std::string& name, const std::vector<hsize_t>& dims, const double* data) const;
  H5Dataset write(const std::string& name, const std::vector<int>& values) const;
  H5Dataset write(const std::string& name, const std::vector<std::uint8_t>& bytes) const;  // uint8, compressed
  H5Dataset write(const std::string& name, const std::vector<std::string>& values) const;
  // A 2-D dataset written later by rows, chunked and deflate-compressed.
  H5Dataset create_chunked(const std::string& name, hsize_t rows, hsize_t cols, bool single_precision) const;
  // The same for a 1-D dataset of `rows` doubles.
  H5Dataset create_chunked(const std::string& name, hsize_t rows) const;
  // 0, 1, ..., count - 1 as int64, chunked and compressed: the scale of an index axis (draws).
  H5Dataset write_index(const std::string& name, hsize_t count) const;

 private:
  H5Handle handle_;
};

// A new HDF5 file (fails if it exists).
class H5OutputFile {
 public:
  explicit H5OutputFile(const std::string& path);
  H5Group& root() { return root_; }
  void close();  // flushes and closes; throws on failure

 private:
  std::string path_;
  H5Handle file_;
  std::shared_ptr<H5ScaleIndex> scales_;
  H5Group root_;
};

// Silences HDF5's own error printing; lissim reports errors itself.
void quiet_hdf5_errors();

// Now, as the `created_utc` attribute of every lissim file: "2026-11-22T08:00:00Z".
std::string utc_now();

}  // namespace lissim::sim
