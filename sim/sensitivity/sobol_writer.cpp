#include "sim/sensitivity/sobol_writer.h"

#include <tuple>

#include "sim/io/atomic_output.h"
#include "sim/io/file_header.h"
#include "sim/io/hdf5_file.h"
#include "sim/io/results_writer.h"

namespace lissim::sim {
namespace {

void write_morris(H5Group& g, const std::vector<MorrisFactor>& factors) {
  const auto k = static_cast<hsize_t>(factors.size());
  std::vector<double> mu, mu_star, sigma;
  for (const MorrisFactor& f : factors) mu.push_back(f.mu), mu_star.push_back(f.mu_star), sigma.push_back(f.sigma);
  const char* step = "output units per unit-cube step";
  for (const auto& [name, values, description] :
       {std::tuple{"mu", &mu, "Mean elementary effect"}, std::tuple{"mu_star", &mu_star, "Mean absolute elementary effect"},
        std::tuple{"sigma", &sigma, "Sd of the elementary effects"}}) {
    const H5Dataset set = g.write(name, {k}, values->data());
    set.set_units(step, description);
    set.set_dims({"factor"});
  }
}

void write_sobol(H5Group& g, const SobolIndices& s, const AnalyticIndices* exact) {
  const auto k = static_cast<hsize_t>(s.factors.size());
  auto put = [&](const char* name, const std::vector<double>& v, const char* description) {
    const H5Dataset set = g.write(name, {k}, v.data());
    set.set_units("1", description);
    set.set_dims({"factor"});
  };
  std::vector<double> s1, st, s1_low, s1_high, st_low, st_high, s1_conf, st_conf;
  for (const FactorIndices& f : s.factors) {
    s1.push_back(f.first_order.value), st.push_back(f.total.value);
    s1_low.push_back(f.first_order.low), s1_high.push_back(f.first_order.high);
    st_low.push_back(f.total.low), st_high.push_back(f.total.high);
    s1_conf.push_back((f.first_order.high - f.first_order.low) / 2), st_conf.push_back((f.total.high - f.total.low) / 2);
  }
  put("S1", s1, "First-order Sobol index (Saltelli 2010)");
  put("ST", st, "Total Sobol index (Jansen 1999)");
  put("S1_low", s1_low, "Lower end of the bootstrap interval of S1");
  put("S1_high", s1_high, "Upper end of the bootstrap interval of S1");
  put("ST_low", st_low, "Lower end of the bootstrap interval of ST");
  put("ST_high", st_high, "Upper end of the bootstrap interval of ST");
  put("S1_conf", s1_conf, "Half-width of the bootstrap interval of S1");
  put("ST_conf", st_conf, "Half-width of the bootstrap interval of ST");
  if (exact) {
    put("S1_exact", exact->first_order, "Analytic first-order index of the test function");
    put("ST_exact", exact->total, "Analytic total index of the test function");
  }
  g.attribute("confidence", s.confidence);
  g.attribute("mean", s.mean);
  g.attribute("variance", s.variance);
  g.attribute("rows_dropped", static_cast<std::int64_t>(s.rows_dropped));
  g.attribute("warnings", s.warnings.empty() ? std::vector<std::string>{""} : s.warnings);
}

}  // namespace

void write_sobol_file(const std::string& target, bool overwrite, const SobolAnalysis& a) {
  quiet_hdf5_errors();
  AtomicOutput output(target, overwrite);
  {
    H5OutputFile file(output.temporary_path());
    H5Group& root = file.root();
    write_file_header(root, kSobolFiletype, kFormatMajor, kFormatMinor);
    const bool morris = a.method == SobolMethod::morris;
    root.attribute("method", std::string(method_name(a.method)));
    root.attribute("subject", a.subject);
    root.attribute("base_samples_or_trajectories", static_cast<std::int64_t>(a.base_samples_or_trajectories));
    root.attribute("model_evaluations", static_cast<std::int64_t>(a.evaluations));
    H5Group top = root.group(morris ? "morris" : "sobol");
    const H5Dataset factors = top.write("factors", a.factors);
    factors.set_units("", "Factor names: a parameter, a group of parameters, or macro_shocks");
    factors.make_scale("factor");
    const H5Dataset members = top.write("factor_parameters", a.factor_members);
    members.set_units("", "The parameters each factor moves, comma-separated");
    members.set_dims({"factor"});
    for (std::size_t o = 0; o < a.outputs.size(); ++o) {
      H5Group g = top.group(a.outputs[o]);
      if (morris)
        write_morris(g, a.morris[o]);
      else
        write_sobol(g, a.sobol[o], a.exact.empty() ? nullptr : &a.exact[o]);
    }
    file.close();
  }
  output.commit();
}

}  // namespace lissim::sim
