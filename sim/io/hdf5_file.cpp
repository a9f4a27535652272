#include "sim/io/hdf5_file.h"

#include <hdf5_hl.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cerrno>
#include <cstring>

#include "sim/errors.h"

namespace lissim::sim {
namespace {

// Why a write failed, when the system said so: HDF5's own message is silenced and would not
// name the cause anyway. Only storage errors: errno may be stale after other failures.
std::string storage_reason() {
  const int error = errno;
  if (error == ENOSPC || error == EDQUOT || error == EFBIG || error == EIO || error == EROFS)
    return std::string(": ") + std::strerror(error) + (error == ENOSPC || error == EDQUOT ? " (disk full)" : "");
  return "";
}

H5Handle checked(hid_t id, herr_t (*close)(hid_t), const std::string& file, const std::string& what) {
  if (id < 0) throw IoError(file + ": cannot " + what + storage_reason());
  return H5Handle(id, close);
}

void check(herr_t status, const std::string& file, const std::string& what) {
  if (status < 0) throw IoError(file + ": cannot " + what + storage_reason());
}

// Creation properties shared by groups and datasets: no timestamps, so runs are reproducible.
H5Handle untimed(hid_t property_class) {
  H5Handle plist(H5Pcreate(property_class), H5Pclose);
  H5Pset_obj_track_times(plist.get(), false);
  return plist;
}

H5Handle utf8_string_type() {
  H5Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(type.get(), H5T_VARIABLE);
  H5Tset_cset(type.get(), H5T_CSET_UTF8);
  return type;
}

std::string join(const std::string& path, const std::string& name) {
  return path == "/" ? "/" + name : path + "/" + name;
}

}  // namespace

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

void quiet_hdf5_errors() {
  // The error stack is per thread (Debian's HDF5 is thread-safe): silence each thread once.
  thread_local bool quiet = false;
  if (!quiet) H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr), quiet = true;
}

H5Handle& H5Handle::operator=(H5Handle&& o) noexcept {
  if (this != &o) {
    reset();
    id_ = o.id_;
    close_ = o.close_;
    o.id_ = H5I_INVALID_HID;
  }
  return *this;
}

void H5Handle::reset() {
  if (id_ >= 0 && close_) close_(id_);
  id_ = H5I_INVALID_HID;
}

void H5Location::fail(const std::string& what) const {
  throw IoError(file_ + ": " + path_ + ": cannot " + what + storage_reason());
}

void H5Location::attribute(const std::string& name, const std::string& value) const {
  H5Handle type = utf8_string_type();
  H5Handle space(H5Screate(H5S_SCALAR), H5Sclose);
  H5Handle attr(H5Acreate2(id_, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  const char* text = value.c_str();
  if (attr.get() < 0 || H5Awrite(attr.get(), type.get(), &text) < 0) fail("write attribute " + name);
}

void H5Location::attribute(const std::string& name, double value) const {
  H5Handle space(H5Screate(H5S_SCALAR), H5Sclose);
  H5Handle attr(H5Acreate2(id_, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  if (attr.get() < 0 || H5Awrite(attr.get(), H5T_NATIVE_DOUBLE, &value) < 0) fail("write attribute " + name);
}

void H5Location::attribute(const std::string& name, std::int64_t value) const {
  H5Handle space(H5Screate(H5S_SCALAR), H5Sclose);
  H5Handle attr(H5Acreate2(id_, name.c_str(), H5T_STD_I64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  if (attr.get() < 0 || H5Awrite(attr.get(), H5T_NATIVE_INT64, &value) < 0) fail("write attribute " + name);
}

void H5Location::attribute(const std::string& name, const std::vector<int>& values) const {
  const hsize_t n = values.size();
  H5Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose);
  H5Handle attr(H5Acreate2(id_, name.c_str(), H5T_STD_I32LE, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  if (attr.get() < 0 || H5Awrite(attr.get(), H5T_NATIVE_INT, values.data()) < 0) fail("write attribute " + name);
}

void H5Location::attribute(const std::string& name, const std::vector<double>& values) const {
  const hsize_t n = values.size();
  H5Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose);
  H5Handle attr(H5Acreate2(id_, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  if (attr.get() < 0 || H5Awrite(attr.get(), H5T_NATIVE_DOUBLE, values.data()) < 0) fail("write attribute " + name);
}

void H5Location::attribute(const std::string& name, const std::vector<std::string>& values) const {
  H5Handle type = utf8_string_type();
  const hsize_t n = values.size();
  H5Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose);
  H5Handle attr(H5Acreate2(id_, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  std::vector<const char*> texts;
  for (const auto& v : values) texts.push_back(v.c_str());
  if (attr.get() < 0 || H5Awrite(attr.get(), type.get(), texts.data()) < 0) fail("write attribute " + name);
}

void H5Dataset::write_rows(hsize_t first_row, hsize_t rows, const double* data) const {
  if (rows == 0) return;
  const int rank = static_cast<int>(dims_.size());
  H5Handle file_space(H5Dget_space(id_), H5Sclose);
  const hsize_t start[2] = {first_row, 0};
  const hsize_t count[2] = {rows, rank > 1 ? dims_.at(1) : 1};
  H5Handle memory_space(H5Screate_simple(rank, count, nullptr), H5Sclose);
  if (H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr) < 0 ||
      H5Dwrite(id_, H5T_NATIVE_DOUBLE, memory_space.get(), file_space.get(), H5P_DEFAULT, data) < 0)
    fail("write rows");
}

std::vector<double> H5Dataset::read_vector() const {
  std::vector<double> out(dims_.empty() ? 0 : dims_[0]);
  if (!out.empty() && H5Dread(id_, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0) fail("read back");
  return out;
}

void H5Dataset::set_units(const std::string& units, const std::string& description) const {
  attribute("units", units);
  attribute("description", description);
}

void H5Dataset::make_scale(const std::string& axis) const {
  if (dims_.size() != 1 || !scales_ || H5DSset_scale(id_, axis.c_str()) < 0) fail("make the scale of axis " + axis);
  H5Iinc_ref(id_);  // the index holds its own reference, closed with it
  (*scales_)[axis] = H5Handle(id_, H5Dclose);
}

void H5Dataset::set_dims(const std::vector<std::string>& axes) const {
  if (axes.size() != dims_.size()) fail("name the axes: " + std::to_string(axes.size()) + " names for rank " +
                                        std::to_string(dims_.size()));
  // Every axis is checked before anything is written.
  std::vector<hid_t> scales;
  for (std::size_t i = 0; i < axes.size(); ++i) {
    const auto scale = scales_ ? scales_->find(axes[i]) : H5ScaleIndex::iterator{};
    if (!scales_ || scale == scales_->end()) fail("attach axis " + axes[i] + ": the file has no scale for it");
    H5Handle space(H5Dget_space(scale->second.get()), H5Sclose);
    hsize_t length = 0;
    H5Sget_simple_extent_dims(space.get(), &length, nullptr);
    if (length != dims_[i])
      fail("attach axis " + axes[i] + ": the scale has " + std::to_string(length) + " values, the axis " +
           std::to_string(dims_[i]));
    scales.push_back(scale->second.get());
  }
  attribute("dims", axes);
  for (std::size_t i = 0; i < axes.size(); ++i) {
    const auto index = static_cast<unsigned>(i);
    if (H5DSset_label(id_, index, axes[i].c_str()) < 0 || H5DSattach_scale(id_, scales[i], index) < 0)
      fail("attach axis " + axes[i]);
  }
}

H5Group H5Group::group(const std::string& name) const {
  H5Handle gcpl = untimed(H5P_GROUP_CREATE);
  const std::string path = join(path_, name);
  return H5Group(checked(H5Gcreate2(id_, name.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT), H5Gclose, file_,
                         "create group " + path),
                 file_, path, scales_);
}

void H5Group::hard_link(const std::string& target, const std::string& name) const {
  if (H5Lcreate_hard(id_, target.c_str(), id_, name.c_str(), H5P_DEFAULT, H5P_DEFAULT) < 0)
    fail("link " + name + " to " + target);
}

H5Dataset H5Group::write(const std::string& name, const std::vector<hsize_t>& dims, const double* data) const {
  H5Handle dcpl = untimed(H5P_DATASET_CREATE);
  H5Handle space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose);
  const std::string path = join(path_, name);
  H5Handle set = checked(H5Dcreate2(id_, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                         H5Dclose, file_, "create dataset " + path);
  check(H5Dwrite(set.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), file_, "write " + path);
  return H5Dataset(std::move(set), file_, path, dims, scales_);
}

H5Dataset H5Group::write(const std::string& name, const std::vector<int>& values) const {
  H5Handle dcpl = untimed(H5P_DATASET_CREATE);
  const std::vector<hsize_t> dims{values.size()};
  H5Handle space(H5Screate_simple(1, dims.data(), nullptr), H5Sclose);
  const std::string path = join(path_, name);
  H5Handle set = checked(H5Dcreate2(id_, name.c_str(), H5T_STD_I32LE, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                         H5Dclose, file_, "create dataset " + path);
  check(H5Dwrite(set.get(), H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), file_, "write " + path);
  return H5Dataset(std::move(set), file_, path, dims, scales_);
}

H5Dataset H5Group::write(const std::string& name, const std::vector<std::uint8_t>& bytes) const {
  H5Handle dcpl = untimed(H5P_DATASET_CREATE);
  const std::vector<hsize_t> dims{bytes.size()};
  if (!bytes.empty()) {  // packed flags compress well where most draws agree
    const hsize_t chunk = std::min<hsize_t>(bytes.size(), 1u << 20);
    check(H5Pset_chunk(dcpl.get(), 1, &chunk), file_, "chunk " + join(path_, name));
    check(H5Pset_deflate(dcpl.get(), 4), file_, "compress " + join(path_, name));
  }
  H5Handle space(H5Screate_simple(1, dims.data(), nullptr), H5Sclose);
  const std::string path = join(path_, name);
  H5Handle set = checked(H5Dcreate2(id_, name.c_str(), H5T_STD_U8LE, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                         H5Dclose, file_, "create dataset " + path);
  if (!bytes.empty())
    check(H5Dwrite(set.get(), H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()), file_, "write " + path);
  return H5Dataset(std::move(set), file_, path, dims, scales_);
}

H5Dataset H5Group::write(const std::string& name, const std::vector<std::string>& values) const {
  H5Handle dcpl = untimed(H5P_DATASET_CREATE);
  H5Handle type = utf8_string_type();
  const std::vector<hsize_t> dims{values.size()};
  H5Handle space(H5Screate_simple(1, dims.data(), nullptr), H5Sclose);
  const std::string path = join(path_, name);
  H5Handle set = checked(H5Dcreate2(id_, name.c_str(), type.get(), space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                         H5Dclose, file_, "create dataset " + path);
  std::vector<const char*> texts;
  for (const auto& v : values) texts.push_back(v.c_str());
  if (!texts.empty())
    check(H5Dwrite(set.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, texts.data()), file_, "write " + path);
  return H5Dataset(std::move(set), file_, path, dims, scales_);
}

H5Dataset H5Group::create_chunked(const std::string& name, hsize_t rows, hsize_t cols, bool single_precision) const {
  H5Handle dcpl = untimed(H5P_DATASET_CREATE);
  const std::vector<hsize_t> dims{rows, cols};
  const hsize_t chunk[2] = {std::max<hsize_t>(1, std::min<hsize_t>(rows, 4096)), std::max<hsize_t>(1, cols)};
  if (rows > 0 && cols > 0) {
    H5Pset_chunk(dcpl.get(), 2, chunk);
    H5Pset_shuffle(dcpl.get());
    H5Pset_deflate(dcpl.get(), 4);
  }
  H5Handle space(H5Screate_simple(2, dims.data(), nullptr), H5Sclose);
  const std::string path = join(path_, name);
  const hid_t type = single_precision ? H5T_IEEE_F32LE : H5T_IEEE_F64LE;
  H5Handle set = checked(H5Dcreate2(id_, name.c_str(), type, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                         H5Dclose, file_, "create dataset " + path);
  return H5Dataset(std::move(set), file_, path, dims, scales_);
}

H5Dataset H5Group::create_chunked(const std::string& name, hsize_t rows) const {
  H5Handle dcpl = untimed(H5P_DATASET_CREATE);
  const std::vector<hsize_t> dims{rows};
  const hsize_t chunk[1] = {std::max<hsize_t>(1, std::min<hsize_t>(rows, 65536))};
  if (rows > 0) {
    H5Pset_chunk(dcpl.get(), 1, chunk);
    H5Pset_shuffle(dcpl.get());
    H5Pset_deflate(dcpl.get(), 4);
  }
  H5Handle space(H5Screate_simple(1, dims.data(), nullptr), H5Sclose);
  const std::string path = join(path_, name);
  H5Handle set = checked(H5Dcreate2(id_, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                         H5Dclose, file_, "create dataset " + path);
  return H5Dataset(std::move(set), file_, path, dims, scales_);
}

H5Dataset H5Group::write_index(const std::string& name, hsize_t count) const {
  H5Handle dcpl = untimed(H5P_DATASET_CREATE);
  const hsize_t block = std::max<hsize_t>(1, std::min<hsize_t>(count, 65536));
  if (count > 0) {
    H5Pset_chunk(dcpl.get(), 1, &block);
    H5Pset_shuffle(dcpl.get());
    H5Pset_deflate(dcpl.get(), 4);
  }
  H5Handle space(H5Screate_simple(1, &count, nullptr), H5Sclose);
  const std::string path = join(path_, name);
  H5Handle set = checked(H5Dcreate2(id_, name.c_str(), H5T_STD_I64LE, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                         H5Dclose, file_, "create dataset " + path);
  std::vector<std::int64_t> values(block);
  for (hsize_t first = 0; first < count; first += block) {
    const hsize_t rows = std::min(block, count - first);
    for (hsize_t i = 0; i < rows; ++i) values[i] = static_cast<std::int64_t>(first + i);
    H5Handle file_space(H5Dget_space(set.get()), H5Sclose);
    H5Handle memory_space(H5Screate_simple(1, &rows, nullptr), H5Sclose);
    if (H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &first, nullptr, &rows, nullptr) < 0 ||
        H5Dwrite(set.get(), H5T_NATIVE_INT64, memory_space.get(), file_space.get(), H5P_DEFAULT, values.data()) < 0)
      throw IoError(file_ + ": cannot write " + path + storage_reason());
  }
  return H5Dataset(std::move(set), file_, path, {count}, scales_);
}

H5OutputFile::H5OutputFile(const std::string& path)
    : path_(path),
      file_(checked(H5Fcreate(path.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, H5P_DEFAULT), H5Fclose, path, "create file")),
      scales_(std::make_shared<H5ScaleIndex>()),
      root_(checked(H5Gopen2(file_.get(), "/", H5P_DEFAULT), H5Gclose, path, "open root group"), path, "/", scales_) {}

void H5OutputFile::close() {
  scales_->clear();
  root_ = H5Group(H5Handle(), path_, "/");
  if (H5Fflush(file_.get(), H5F_SCOPE_GLOBAL) < 0) throw IoError(path_ + ": cannot flush" + storage_reason());
  if (H5Fclose(file_.release()) < 0) throw IoError(path_ + ": cannot close" + storage_reason());
}

}  // namespace lissim::sim
