#include "sim/io/results_shape_check.h"

#include <string>
#include <vector>

#include "sim/errors.h"
#include "sim/io/results_reader.h"

namespace lissim::sim {
namespace {

using Shape = std::vector<hsize_t>;

std::string shape_text(const Shape& shape) {
  std::string text = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

struct Sizes {
  hsize_t draws = 0, years = 0, sectors = 0, quantiles = 0, parameters = 0;
};

class ShapeChecker {
 public:
  ShapeChecker(const ResultsReader& file, Sizes sizes) : file_(file), n_(sizes) {}

  void expect(const std::string& dataset, const Shape& expected, const std::string& meaning) const {
    const Shape found = file_.shape(dataset);
    if (found != expected)
      throw InputError(file_.path() + ": damaged results file: " + dataset + " has shape " + shape_text(found) +
                       ", expected " + shape_text(expected) + " (" + meaning + ")");
  }

  // Checks the datasets below `group` whose names the format defines.
  void walk(const std::string& group, int depth) const {
    if (depth > 8) return;  // deeper than the format goes: nothing of lissim's there
    for (const std::string& name : file_.members(group)) {
      const std::string path = (group == "/" ? "/" : group + "/") + name;
      if (file_.is_group(path)) {
        walk(path, depth + 1);
      } else {
        check(path, group, name);
      }
    }
  }

 private:
  void check(const std::string& path, const std::string& parent, const std::string& name) const {
    const bool sector = parent.find("/sectors/") != std::string::npos;
    const std::string leaf_parent = parent.substr(parent.rfind('/') + 1);
    const bool appraisal = leaf_parent == "appraisal" || leaf_parent == "appraisal_national";
    if (appraisal) {
      if (name == "vfm_band_probability") return expect(path, {5}, "one probability per value-for-money band");
      return expect(path, {n_.draws}, "one value per draw");
    }
    if (name == "quantiles")
      return sector ? expect(path, {n_.quantiles, n_.years, n_.sectors}, "quantile levels x years x sectors")
                    : expect(path, {n_.quantiles, n_.years}, "quantile levels x years");
    if (name == "mean" || name == "sd" || name == "defined_fraction")
      return sector ? expect(path, {n_.years, n_.sectors}, "years x sectors") : expect(path, {n_.years}, "one per year");
    if (name == "prob_met" || name == "prob_met_counterfactual") return expect(path, {n_.years}, "one per year");
    if (name == "draws") return expect(path, {n_.draws, n_.years}, "draws x years");
    if (parent == "/parameters") {
      if (name == "samples") return expect(path, {n_.draws, n_.parameters}, "draws x parameters");
      if (name == "units" || name == "distributions") return expect(path, {n_.parameters}, "one per parameter");
    }
  }

  const ResultsReader& file_;
  Sizes n_;
};

hsize_t length(const ResultsReader& file, const std::string& dataset) {
  const Shape shape = file.shape(dataset);
  if (shape.size() != 1) throw InputError(file.path() + ": damaged results file: " + dataset + " has shape " +
                                          shape_text(shape) + ", expected a list");
  return shape[0];
}

}  // namespace

void check_results_shapes(const ResultsReader& file) {
  const auto damaged = [&](const std::string& what) { throw InputError(file.path() + ": damaged results file: " + what); };
  for (const char* name : {"draws", "base_year", "horizon"})
    if (!file.has_attribute("/", name)) damaged(std::string("no root attribute ") + name);
  const std::int64_t draws = file.integer_attribute("/", "draws");
  const std::int64_t base_year = file.integer_attribute("/", "base_year");
  const std::int64_t horizon = file.integer_attribute("/", "horizon");
  if (draws < 1) damaged("draws is " + std::to_string(draws) + ", must be at least 1");
  if (horizon < base_year || horizon - base_year > 1000)
    damaged("base_year " + std::to_string(base_year) + " and horizon " + std::to_string(horizon) + " do not make a span of years");
  for (const char* name : {"/years", "/sectors", "/quantile_levels"})
    if (!file.exists(name)) damaged(std::string("missing dataset ") + name);

  Sizes sizes;
  sizes.draws = static_cast<hsize_t>(draws);
  sizes.years = static_cast<hsize_t>(horizon - base_year + 1);
  sizes.sectors = length(file, "/sectors");
  sizes.quantiles = length(file, "/quantile_levels");
  sizes.parameters = file.exists("/parameters/names") ? length(file, "/parameters/names") : 0;
  const ShapeChecker checker(file, sizes);
  checker.expect("/years", {sizes.years}, "base_year to horizon");
  const NumericArray years = file.numbers("/years");
  for (std::size_t i = 0; i < years.values.size(); ++i)
    if (years.values[i] != static_cast<double>(base_year + static_cast<std::int64_t>(i)))
      damaged("/years is not " + std::to_string(base_year) + ".." + std::to_string(horizon));
  checker.walk("/", 0);
}

}  // namespace lissim::sim
