#include "sim/sensitivity/sensitivity_writer.h"

#include "sim/errors.h"
#include "sim/io/atomic_output.h"
#include "sim/io/file_header.h"
#include "sim/io/hdf5_file.h"

namespace lissim::sim {
namespace {

void write_coefficients(const H5Group& group, const std::string& name, const std::vector<Coefficient>& values,
                        const std::string& what) {
  const std::vector<hsize_t> dims{values.size()};
  std::vector<double> value, low, high, p;
  for (const auto& c : values) {
    value.push_back(c.value);
    low.push_back(c.low);
    high.push_back(c.high);
    p.push_back(c.p_value);
  }
  const std::pair<std::string, std::string> sets[] = {
      {name, what + " of each factor (NaN: not ranked)"},
      {name + "_low", "Lower end of the confidence interval of " + name},
      {name + "_high", "Upper end of the confidence interval of " + name},
      {name + "_p_value", "Two-sided p-value of " + name + " = 0 (Student's t)"}};
  const std::vector<double>* data[] = {&value, &low, &high, &p};
  for (std::size_t i = 0; i < 4; ++i) {
    const H5Dataset set = group.write(sets[i].first, dims, data[i]->data());
    set.set_units("1", sets[i].second);
    set.set_dims({"factor"});
  }
}

}  // namespace

void write_sensitivity_file(const std::string& target, bool overwrite, const SensitivitySource& source,
                            const std::vector<ExplainedOutput>& outputs) {
  if (outputs.empty()) throw InputError("sensitivity: nothing to write");
  AtomicOutput output(target, overwrite);
  {
    H5OutputFile file(output.temporary_path());
    H5Group& root = file.root();
    write_file_header(root, kSensitivityFiletype, kSensitivityFormatMajor, kSensitivityFormatMinor);
    root.attribute("source_file", source.file);
    root.attribute("source_scenario_sha256", source.scenario_sha256);
    root.attribute("confidence", outputs.front().sensitivity.confidence);
    const H5Group sensitivity = root.group("sensitivity");
    const H5Dataset factors = sensitivity.write("factors", outputs.front().sensitivity.names);
    factors.set_units("", "Key paths of the sampled parameters, in the order of every dataset below");
    factors.make_scale("factor");
    for (const auto& explained : outputs) {
      const RegressionSensitivity& s = explained.sensitivity;
      const H5Group group = sensitivity.group(explained.output.request.label());
      group.attribute("source", explained.output.source);
      group.attribute("units", explained.output.units);
      group.attribute("description", explained.output.description);
      group.attribute("r2_linear", s.r2_linear);
      group.attribute("r2_rank", s.r2_rank);
      group.attribute("draws_used", static_cast<std::int64_t>(s.rows_used));
      group.attribute("draws_dropped", static_cast<std::int64_t>(s.rows_dropped));
      write_coefficients(group, "prcc", s.prcc, "Partial rank correlation coefficient with the output");
      write_coefficients(group, "src", s.src, "Standardised regression coefficient of the output");
    }
    file.close();
  }
  output.commit();
}

}  // namespace lissim::sim
