#include "sim/io/results_reader.h"

#include <algorithm>
#include <filesystem>

#include "sim/errors.h"
#include "sim/io/results_writer.h"

namespace lissim::sim {
namespace {

// Releases the buffers HDF5 allocated for variable-length strings.
void reclaim(hid_t type, hid_t space, void* buffer) {
#if H5_VERSION_GE(1, 12, 0)
  H5Treclaim(type, space, H5P_DEFAULT, buffer);
#else
  H5Dvlen_reclaim(type, space, H5P_DEFAULT, buffer);
#endif
}

std::size_t element_count(hid_t space) {
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  return n < 0 ? 0 : static_cast<std::size_t>(n);
}

// Reads the strings of a dataset or attribute; `read` does the H5Dread/H5Aread. Handles
// variable-length strings (what lissim writes) and fixed-length ones (what other tools may).
template <typename Read>
bool read_strings(hid_t file_type, hid_t space, Read read, std::vector<std::string>& out) {
  if (H5Tget_class(file_type) != H5T_STRING) return false;
  const std::size_t n = element_count(space);
  out.clear();
  if (H5Tis_variable_str(file_type) > 0) {
    H5Handle memory_type(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(memory_type.get(), H5T_VARIABLE);
    H5Tset_cset(memory_type.get(), H5Tget_cset(file_type));
    std::vector<char*> buffer(n, nullptr);
    if (n > 0 && read(memory_type.get(), static_cast<void*>(buffer.data())) < 0) return false;
    for (const char* text : buffer) out.emplace_back(text ? text : "");
    if (n > 0) reclaim(memory_type.get(), space, buffer.data());
    return true;
  }
  const std::size_t size = H5Tget_size(file_type);
  if (size == 0) return false;
  H5Handle memory_type(H5Tcopy(file_type), H5Tclose);
  std::vector<char> buffer(n * size, '\0');
  if (n > 0 && read(memory_type.get(), static_cast<void*>(buffer.data())) < 0) return false;
  for (std::size_t i = 0; i < n; ++i) {
    std::string text(buffer.data() + i * size, size);
    text.erase(std::find(text.begin(), text.end(), '\0'), text.end());
    if (H5Tget_strpad(file_type) == H5T_STR_SPACEPAD) text.erase(text.find_last_not_of(' ') + 1);
    out.push_back(std::move(text));
  }
  return true;
}

herr_t collect_attribute_name(hid_t, const char* name, const H5A_info_t*, void* names) {
  static_cast<std::vector<std::string>*>(names)->emplace_back(name);
  return 0;
}

}  // namespace

ResultsReader::ResultsReader(const std::string& path, std::vector<std::string> filetypes)
    : path_(path), filetypes_(std::move(filetypes)) {
  quiet_hdf5_errors();
  std::error_code ec;
  if (!std::filesystem::exists(path_, ec)) throw InputError(path_ + ": no such file");
  if (std::filesystem::is_directory(path_, ec)) throw InputError(path_ + ": is a folder, not a results file");
  if (H5Fis_hdf5(path_.c_str()) <= 0)
    throw InputError(path_ + ": not an HDF5 file (expected a lissim results file written by lissim run)");
  file_ = H5Handle(H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (file_.get() < 0) throw InputError(path_ + ": cannot open: damaged or truncated HDF5 file");
  check_format();
}

void ResultsReader::damaged(const std::string& what) const {
  throw InputError(path_ + ": damaged results file: " + what);
}

void ResultsReader::check_format() {
  const std::string what = filetypes_.size() == 1 && filetypes_[0] == kFiletype ? "results file" : "file";
  if (!has_attribute("/", "filetype")) throw InputError(path_ + ": no filetype attribute; not a lissim " + what);
  const AttributeValue filetype = attribute("/", "filetype");
  const bool known = filetype.kind == AttributeValue::Kind::text && filetype.texts.size() == 1 &&
                     std::find(filetypes_.begin(), filetypes_.end(), filetype.texts[0]) != filetypes_.end();
  if (!known) {
    std::string expected;
    for (const auto& f : filetypes_) expected += (expected.empty() ? "'" : filetypes_.size() > 1 ? ", '" : "") + f + "'";
    throw InputError(path_ + ": filetype is '" + (filetype.texts.empty() ? std::string("?") : filetype.texts[0]) +
                     "', expected " + (filetypes_.size() > 1 ? "one of " : "") + expected + "; not a lissim " + what);
  }
  filetype_ = filetype.texts[0];
  if (!has_attribute("/", "format_version")) throw InputError(path_ + ": no format_version attribute");
  const AttributeValue version = attribute("/", "format_version");
  if (version.kind != AttributeValue::Kind::integer || version.integers.empty())
    throw InputError(path_ + ": format_version is not an integer array");
  if (version.integers[0] < kOldestFormatMajor || version.integers[0] > kFormatMajor) {
    std::string text;
    for (const auto part : version.integers) {
      if (!text.empty()) text += '.';
      text += std::to_string(part);
    }
    throw InputError(path_ + ": format_version is " + text + ", but this lissim reads major versions " +
                     std::to_string(kOldestFormatMajor) + " to " + std::to_string(kFormatMajor) + " only");
  }
}

bool ResultsReader::exists(const std::string& object) const {
  if (object == "/") return true;
  // H5Lexists needs every parent to exist, so check the path one component at a time.
  std::string prefix;
  std::size_t start = 1;
  while (start <= object.size()) {
    const std::size_t end = std::min(object.find('/', start), object.size());
    prefix += '/';
    prefix += object.substr(start, end - start);
    if (H5Lexists(file_.get(), prefix.c_str(), H5P_DEFAULT) <= 0) return false;
    start = end + 1;
  }
  return true;
}

bool ResultsReader::is_group(const std::string& object) const {
  if (!exists(object)) return false;
  const H5Handle handle = open_object(object);
  return H5Iget_type(handle.get()) == H5I_GROUP;
}

H5Handle ResultsReader::open_object(const std::string& object) const {
  H5Handle handle(H5Oopen(file_.get(), object.c_str(), H5P_DEFAULT), H5Oclose);
  if (handle.get() < 0) damaged("missing " + object);
  return handle;
}

H5Handle ResultsReader::open_dataset(const std::string& dataset) const {
  H5Handle handle(H5Dopen2(file_.get(), dataset.c_str(), H5P_DEFAULT), H5Dclose);
  if (handle.get() < 0) damaged("missing dataset " + dataset);
  return handle;
}

H5Handle ResultsReader::open_attribute(const std::string& object, const std::string& name) const {
  H5Handle handle(H5Aopen_by_name(file_.get(), object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  if (handle.get() < 0) damaged("missing attribute " + name + " of " + object);
  return handle;
}

std::vector<std::string> ResultsReader::members(const std::string& group) const {
  H5Handle handle(H5Gopen2(file_.get(), group.c_str(), H5P_DEFAULT), H5Gclose);
  if (handle.get() < 0) damaged("missing group " + group);
  H5G_info_t info{};
  if (H5Gget_info(handle.get(), &info) < 0) damaged("cannot list " + group);
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t size = H5Lget_name_by_idx(handle.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (size < 0) damaged("cannot list " + group);
    std::string name(static_cast<std::size_t>(size) + 1, '\0');
    H5Lget_name_by_idx(handle.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT);
    name.resize(static_cast<std::size_t>(size));
    names.push_back(std::move(name));
  }
  return names;
}

bool ResultsReader::has_attribute(const std::string& object, const std::string& name) const {
  if (!exists(object)) return false;
  return H5Aexists_by_name(file_.get(), object.c_str(), name.c_str(), H5P_DEFAULT) > 0;
}

std::vector<std::string> ResultsReader::attribute_names(const std::string& object) const {
  const H5Handle handle = open_object(object);
  std::vector<std::string> names;
  hsize_t index = 0;
  if (H5Aiterate2(handle.get(), H5_INDEX_NAME, H5_ITER_INC, &index, collect_attribute_name, &names) < 0)
    damaged("cannot list the attributes of " + object);
  return names;
}

AttributeValue ResultsReader::attribute(const std::string& object, const std::string& name) const {
  const H5Handle attr = open_attribute(object, name);
  const H5Handle type(H5Aget_type(attr.get()), H5Tclose);
  const H5Handle space(H5Aget_space(attr.get()), H5Sclose);
  const std::string where = "attribute " + name + " of " + object;
  if (type.get() < 0 || space.get() < 0) damaged("cannot read " + where);
  AttributeValue value;
  value.scalar = H5Sget_simple_extent_type(space.get()) == H5S_SCALAR;
  const std::size_t n = element_count(space.get());
  const hid_t id = attr.get();
  switch (H5Tget_class(type.get())) {
    case H5T_STRING:
      value.kind = AttributeValue::Kind::text;
      if (!read_strings(
              type.get(), space.get(), [id](hid_t t, void* buf) { return H5Aread(id, t, buf); }, value.texts))
        damaged("cannot read " + where);
      break;
    case H5T_INTEGER:
      value.kind = AttributeValue::Kind::integer;
      value.integers.resize(n);
      if (n > 0 && H5Aread(id, H5T_NATIVE_INT64, value.integers.data()) < 0) damaged("cannot read " + where);
      break;
    case H5T_FLOAT:
      value.kind = AttributeValue::Kind::real;
      value.reals.resize(n);
      if (n > 0 && H5Aread(id, H5T_NATIVE_DOUBLE, value.reals.data()) < 0) damaged("cannot read " + where);
      break;
    default:
      damaged(where + " has a type lissim does not write");
  }
  return value;
}

std::string ResultsReader::text_attribute(const std::string& object, const std::string& name) const {
  const AttributeValue value = attribute(object, name);
  if (value.kind != AttributeValue::Kind::text || value.texts.size() != 1)
    damaged("attribute " + name + " of " + object + " is not a string");
  return value.texts[0];
}

std::vector<std::string> ResultsReader::texts_attribute(const std::string& object, const std::string& name) const {
  const AttributeValue value = attribute(object, name);
  if (value.kind != AttributeValue::Kind::text) damaged("attribute " + name + " of " + object + " is not text");
  return value.texts;
}

std::vector<double> ResultsReader::reals_attribute(const std::string& object, const std::string& name) const {
  const AttributeValue value = attribute(object, name);
  if (value.kind == AttributeValue::Kind::real) return value.reals;
  if (value.kind == AttributeValue::Kind::integer)
    return std::vector<double>(value.integers.begin(), value.integers.end());
  damaged("attribute " + name + " of " + object + " is not numeric");
}

double ResultsReader::real_attribute(const std::string& object, const std::string& name) const {
  const std::vector<double> values = reals_attribute(object, name);
  if (values.size() != 1) damaged("attribute " + name + " of " + object + " is not a single number");
  return values[0];
}

std::int64_t ResultsReader::integer_attribute(const std::string& object, const std::string& name) const {
  const AttributeValue value = attribute(object, name);
  if (value.kind != AttributeValue::Kind::integer || value.integers.size() != 1)
    damaged("attribute " + name + " of " + object + " is not a whole number");
  return value.integers[0];
}

std::vector<hsize_t> ResultsReader::shape(const std::string& dataset) const {
  const H5Handle set = open_dataset(dataset);
  const H5Handle space(H5Dget_space(set.get()), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) damaged("cannot read the shape of " + dataset);
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  if (rank > 0) H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  return dims;
}

NumericArray ResultsReader::numbers(const std::string& dataset) const {
  const H5Handle set = open_dataset(dataset);
  const H5Handle type(H5Dget_type(set.get()), H5Tclose);
  const H5T_class_t type_class = H5Tget_class(type.get());
  if (type_class != H5T_FLOAT && type_class != H5T_INTEGER) damaged(dataset + " is not numeric");
  NumericArray array;
  array.shape = shape(dataset);
  std::size_t n = 1;
  for (const hsize_t d : array.shape) n *= static_cast<std::size_t>(d);
  array.values.resize(n);
  if (n > 0 && H5Dread(set.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, array.values.data()) < 0)
    damaged("cannot read " + dataset);
  return array;
}

std::vector<double> ResultsReader::column(const std::string& dataset, std::size_t col) const {
  const std::vector<hsize_t> dims = shape(dataset);
  if (dims.size() != 2 || col >= dims[1]) damaged(dataset + " has no column " + std::to_string(col));
  const H5Handle set = open_dataset(dataset);
  const H5Handle file_space(H5Dget_space(set.get()), H5Sclose);
  const hsize_t start[2] = {0, col};
  const hsize_t count[2] = {dims[0], 1};
  const H5Handle memory_space(H5Screate_simple(2, count, nullptr), H5Sclose);
  std::vector<double> values(static_cast<std::size_t>(dims[0]));
  if (values.empty()) return values;
  if (H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr) < 0 ||
      H5Dread(set.get(), H5T_NATIVE_DOUBLE, memory_space.get(), file_space.get(), H5P_DEFAULT, values.data()) < 0)
    damaged("cannot read " + dataset);
  return values;
}

std::vector<std::string> ResultsReader::texts(const std::string& dataset) const {
  const H5Handle set = open_dataset(dataset);
  const H5Handle type(H5Dget_type(set.get()), H5Tclose);
  const H5Handle space(H5Dget_space(set.get()), H5Sclose);
  std::vector<std::string> out;
  const hid_t id = set.get();
  if (!read_strings(
          type.get(), space.get(),
          [id](hid_t t, void* buf) { return H5Dread(id, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf); }, out))
    damaged("cannot read strings from " + dataset);
  return out;
}

}  // namespace lissim::sim
