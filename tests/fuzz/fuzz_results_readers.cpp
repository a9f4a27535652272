// libFuzzer target for the readers of results files: compare, export and sensitivity
// (everything built on sim/io/results_reader.h).
//
// Structure-aware: at start-up two valid results files are written in-process (the tiny region
// with interventions, 8 draws; with uncertain parameters and --keep-draws, 16 draws). Each input
// is a mutation program applied to a copy of one of them through the HDF5 API, so every mutated
// file is valid HDF5 and any failure is lissim's, not libhdf5's:
//   byte 0: which valid file (bit 0) and the comparison's format; then 4 bytes per operation (at most 12): operation, object (2 bytes,
//   an index into the file's objects), parameter. Operations shrink, extend, flatten or deepen a
//   dataset, delete or duplicate an object, retype it (strings, integers), fill it with NaN, inf,
//   1e308 or 0, and set or delete root attributes (draws, years, format, filetype).
// The mutated file is then compared with the original (text, markdown, CSV), exported, and read
// by the sensitivity command's readers. Only the documented exceptions (sim/errors.h) may come
// out; a crash, a hang, a leak, a sanitizer report or any other exception is a finding.
//
// Byte-level fuzzing of the HDF5 format itself (LISSIM_FUZZ_HDF5_BYTES=1: each input is the
// whole file) exercises libhdf5's parser, whose crashes on hostile files are known upstream;
// it runs outside CI (tests/fuzz/README.md).
#include <hdf5.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <typeinfo>
#include <vector>

#include "fuzz_support.h"
#include "sim/config/scenario_loader.h"
#include "sim/engine/monte_carlo.h"
#include "sim/engine/simulator.h"
#include "sim/errors.h"
#include "sim/io/hdf5_file.h"
#include "sim/io/results_reader.h"
#include "sim/io/results_writer.h"
#include "sim/compare/comparison.h"
#include "sim/compare/comparison_report.h"
#include "sim/export/results_export.h"
#include "sim/sensitivity/draw_outputs.h"
#include "sim/sensitivity/regression.h"

namespace {

namespace fs = std::filesystem;
using namespace lissim::sim;

constexpr std::size_t kMaxOperations = 12;

struct Sandbox {
  fs::path root;
  std::vector<std::string> valid;  // the valid results files
  std::string work;                // the mutated copy
};

std::string write_valid(const fs::path& dir, const std::string& scenario, std::int64_t draws, bool keep_draws) {
  LoadOptions options;
  options.draws = draws;
  const Scenario s = load_scenario((lissim::fuzz::source_dir() / scenario).string(), options);
  const Simulator simulator(s);
  const std::string path = (dir / (s.name + ".h5")).string();
  RunOptions run;
  run.keep_series = keep_draws;
  ResultsWriter writer(path, simulator, keep_draws, /*keep_samples=*/keep_draws);  // else drawn again
  const RunSummary summary = run_monte_carlo(simulator, run, &writer);
  writer.finish(summary);
  return path;
}

Sandbox make_sandbox() {
  Sandbox s;
  s.root = lissim::fuzz::make_sandbox("lissim-fuzz-results", [&s](const fs::path& at) {
    s.valid.push_back(write_valid(at, "tests/data/tiny_interventions.yaml", 8, false));
    s.valid.push_back(write_valid(at, "tests/data/tiny_uncertain.yaml", 16, true));
  });
  s.work = (s.root / "mutated.h5").string();
  quiet_hdf5_errors();
  return s;
}

const Sandbox& sandbox() {
  static const Sandbox s = make_sandbox();
  return s;
}

// ---------------------------------------------------------------- the mutation program

struct Object {
  std::string path;
  bool dataset;
};

herr_t collect(hid_t, const char* name, const H5O_info_t* info, void* out) {
  if (std::strcmp(name, ".") == 0) return 0;
  static_cast<std::vector<Object>*>(out)->push_back({std::string("/") + name, info->type == H5O_TYPE_DATASET});
  return 0;
}

std::vector<Object> objects(hid_t file) {
  std::vector<Object> out;
#if H5_VERSION_GE(1, 12, 0)
  H5Ovisit(file, H5_INDEX_NAME, H5_ITER_INC, collect, &out, H5O_INFO_BASIC);
#else
  H5Ovisit(file, H5_INDEX_NAME, H5_ITER_INC, collect, &out);
#endif
  return out;
}

// The dataset's values as doubles (strings and other types read as empty) and its shape.
std::vector<double> read_values(hid_t file, const std::string& path, std::vector<hsize_t>& dims) {
  const hid_t set = H5Dopen2(file, path.c_str(), H5P_DEFAULT);
  if (set < 0) return {};
  const hid_t space = H5Dget_space(set);
  const int rank = H5Sget_simple_extent_ndims(space);
  dims.assign(static_cast<std::size_t>(std::max(rank, 0)), 0);
  if (rank > 0) H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  const hid_t type = H5Dget_type(set);
  const H5T_class_t type_class = H5Tget_class(type);
  std::vector<double> values;
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  if ((type_class == H5T_FLOAT || type_class == H5T_INTEGER) && n > 0 && n < (1 << 22)) {
    values.resize(static_cast<std::size_t>(n));
    if (H5Dread(set, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0) values.clear();
  }
  H5Tclose(type);
  H5Sclose(space);
  H5Dclose(set);
  return values;
}

// Replaces `path` by a dataset of `dims` (values cycled from `values`, NaN if none) of `type`.
void rewrite(hid_t file, const std::string& path, const std::vector<hsize_t>& dims, const std::vector<double>& values,
             hid_t type) {
  H5Ldelete(file, path.c_str(), H5P_DEFAULT);
  hsize_t n = 1;
  for (const hsize_t d : dims) n *= d;
  if (n > (1u << 20)) return;
  std::vector<double> data(static_cast<std::size_t>(n), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < data.size() && !values.empty(); ++i) data[i] = values[i % values.size()];
  const hid_t space = dims.empty() ? H5Screate(H5S_SCALAR) : H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr);
  const hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
  H5Pset_create_intermediate_group(lcpl, 1);
  const hid_t set = H5Dcreate2(file, path.c_str(), type, space, lcpl, H5P_DEFAULT, H5P_DEFAULT);
  if (set >= 0) {
    if (n > 0) H5Dwrite(set, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data());
    H5Dclose(set);
  }
  H5Pclose(lcpl);
  H5Sclose(space);
}

void write_string_dataset(hid_t file, const std::string& path, const std::string& text) {
  H5Ldelete(file, path.c_str(), H5P_DEFAULT);
  const hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, H5T_VARIABLE);
  const hid_t space = H5Screate(H5S_SCALAR);
  const hid_t set = H5Dcreate2(file, path.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  const char* data = text.c_str();
  if (set >= 0) {
    H5Dwrite(set, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, &data);
    H5Dclose(set);
  }
  H5Sclose(space);
  H5Tclose(type);
}

void set_root_integer(hid_t file, const char* name, std::int64_t value) {
  H5Adelete(file, name);
  const hid_t space = H5Screate(H5S_SCALAR);
  const hid_t attr = H5Acreate2(file, name, H5T_STD_I64LE, space, H5P_DEFAULT, H5P_DEFAULT);
  if (attr >= 0) {
    H5Awrite(attr, H5T_NATIVE_INT64, &value);
    H5Aclose(attr);
  }
  H5Sclose(space);
}

void set_root_text(hid_t file, const char* name, const std::string& text) {
  H5Adelete(file, name);
  const hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, H5T_VARIABLE);
  const hid_t space = H5Screate(H5S_SCALAR);
  const hid_t attr = H5Acreate2(file, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
  const char* data = text.c_str();
  if (attr >= 0) {
    H5Awrite(attr, type, &data);
    H5Aclose(attr);
  }
  H5Sclose(space);
  H5Tclose(type);
}

void mutate(hid_t file, const std::uint8_t* program, std::size_t size) {
  static const std::int64_t kIntegers[] = {0, -1, 1, 2, 3, 7, 8, 9, 15, 16, 17, 2014, 2013, 2030, 1000000,
                                           std::numeric_limits<std::int64_t>::max(),
                                           std::numeric_limits<std::int64_t>::min()};
  static const double kSpecial[] = {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                                    -std::numeric_limits<double>::infinity(), 1e308, -1e308, 0.0, -1.0, 1e-300};
  static const char* kRootIntegers[] = {"draws", "base_year", "horizon", "deadline", "seed"};
  static const char* kRootTexts[] = {"filetype", "scenario_yaml", "scenario_name", "rng_scheme", "scenario_sha256"};
  for (std::size_t op = 0; op < kMaxOperations && 4 * op + 3 < size; ++op) {
    const std::uint8_t* b = program + 4 * op;
    const std::vector<Object> all = objects(file);
    if (all.empty()) return;
    const Object& target = all[(static_cast<std::size_t>(b[1]) << 8 | b[2]) % all.size()];
    const std::uint8_t p = b[3];
    std::vector<hsize_t> dims;
    std::vector<double> values = target.dataset ? read_values(file, target.path, dims) : std::vector<double>{};
    switch (b[0] % 14) {
      case 0:  // shorten or lengthen the first axis
        if (!target.dataset || dims.empty()) break;
        dims[0] = p % (dims[0] + 3);
        rewrite(file, target.path, dims, values, H5T_IEEE_F64LE);
        break;
      case 1:  // flatten
        if (target.dataset) rewrite(file, target.path, {static_cast<hsize_t>(values.size() + p % 3)}, values, H5T_IEEE_F64LE);
        break;
      case 2:  // one more axis
        if (!target.dataset) break;
        dims.push_back(1 + p % 3);
        rewrite(file, target.path, dims, values, H5T_IEEE_F64LE);
        break;
      case 3:  // a scalar
        if (target.dataset) rewrite(file, target.path, {}, values, H5T_IEEE_F64LE);
        break;
      case 4:  // delete the object
        H5Ldelete(file, target.path.c_str(), H5P_DEFAULT);
        break;
      case 5:  // a string in place of numbers
        if (target.dataset) write_string_dataset(file, target.path, std::string(p % 40, 'x'));
        break;
      case 6:  // integers in place of floats
        if (target.dataset) rewrite(file, target.path, dims, values, H5T_STD_I32LE);
        break;
      case 7:  // special values everywhere
        if (target.dataset && !values.empty())
          rewrite(file, target.path, dims, {kSpecial[p % std::size(kSpecial)]}, H5T_IEEE_F64LE);
        break;
      case 8:  // one special value
        if (target.dataset && !values.empty()) {
          values[p % values.size()] = kSpecial[(p / 8) % std::size(kSpecial)];
          rewrite(file, target.path, dims, values, H5T_IEEE_F64LE);
        }
        break;
      case 9:  // a root integer attribute
        set_root_integer(file, kRootIntegers[p % std::size(kRootIntegers)], kIntegers[(p / 8) % std::size(kIntegers)]);
        break;
      case 10:  // a root text attribute
        set_root_text(file, kRootTexts[p % std::size(kRootTexts)], p & 0x80 ? "lissim-results" : std::string(p % 7, '\xff'));
        break;
      case 11:  // delete a root attribute
        H5Adelete(file, p & 1 ? kRootIntegers[(p / 2) % std::size(kRootIntegers)] : kRootTexts[(p / 2) % std::size(kRootTexts)]);
        break;
      case 12:  // a second name for the object somewhere else (a group where a dataset was)
        H5Lcreate_hard(file, all[p % all.size()].path.c_str(), file, (target.path + "_copy").c_str(), H5P_DEFAULT, H5P_DEFAULT);
        if (p & 1) {
          H5Ldelete(file, target.path.c_str(), H5P_DEFAULT);
          H5Lcreate_hard(file, all[p % all.size()].path.c_str(), file, target.path.c_str(), H5P_DEFAULT, H5P_DEFAULT);
        }
        break;
      case 13: {  // an empty group in place of the object
        H5Ldelete(file, target.path.c_str(), H5P_DEFAULT);
        const hid_t group = H5Gcreate2(file, target.path.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        if (group >= 0) H5Gclose(group);
        break;
      }
    }
  }
}

// ---------------------------------------------------------------- the readers

// `format` picks the comparison's format (one per input keeps the target fast).
void read_everything(const std::string& original, const std::string& mutated, std::uint8_t format) {
  try {
    const Comparison comparison = compare_results({original, mutated}, {});
    std::ostringstream sink;
    const ReportFormat formats[] = {ReportFormat::text, ReportFormat::markdown, ReportFormat::csv};
    print_comparison(sink, comparison, formats[format % 3]);
  } catch (const Error&) {
  }
  try {
    const ResultsReader reader(mutated);
    export_results(reader);
  } catch (const Error&) {
  }
  try {
    const ResultsReader reader(mutated);
    const ParameterSamples samples = read_parameter_samples(reader);
    std::vector<OutputRequest> requests = target_requests(reader, "scenario");
    requests.push_back(appraisal_request("all", "bcr"));
    for (const OutputRequest& request : requests) {
      try {
        const DrawOutput output = read_draw_output(reader, request);
        if (output.values.size() != static_cast<std::size_t>(samples.values.rows())) continue;
        const Eigen::VectorXd y =
            Eigen::Map<const Eigen::VectorXd>(output.values.data(), static_cast<Eigen::Index>(output.values.size()));
        regression_sensitivity(samples.values, y, samples.names, 0.95);
      } catch (const Error&) {
      }
    }
  } catch (const Error&) {
  }
}

constexpr const char* kCode = "a results reader";  // what a finding names

bool byte_level() {
  const char* env = std::getenv("LISSIM_FUZZ_HDF5_BYTES");
  return env && std::strcmp(env, "1") == 0;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  sandbox();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Sandbox& box = sandbox();
  if (size == 0) return 0;
  std::error_code ec;
  fs::remove(box.work, ec);
  const std::string& original = box.valid[data[0] % box.valid.size()];
  if (byte_level()) {
    std::ofstream out(box.work, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  } else {
    fs::copy_file(original, box.work, fs::copy_options::overwrite_existing, ec);
    if (ec) {
      std::fprintf(stderr, "lissim fuzz: cannot copy %s: %s\n", original.c_str(), ec.message().c_str());
      std::abort();
    }
    const hid_t file = H5Fopen(box.work.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    if (file < 0) {
      std::fprintf(stderr, "lissim fuzz: cannot open the copy %s\n", box.work.c_str());
      std::abort();
    }
    mutate(file, data + 1, size - 1);
    H5Fclose(file);
  }
  try {
    read_everything(original, box.work, static_cast<std::uint8_t>(data[0] >> 1));
  } catch (const Error&) {
  } catch (const std::exception& e) {
    lissim::fuzz::finding(kCode, typeid(e).name(), e.what());
  } catch (...) {
    lissim::fuzz::finding(kCode, "a non-std exception", "?");
  }
  return 0;
}
