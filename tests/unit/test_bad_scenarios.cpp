// Every bad scenario file gets exit code 2 and a message naming the file, line, key path and
// the rule broken (tests/data/bad/).
#include <catch2/catch.hpp>

#include "run_lissim.h"

using lissim::test::run_lissim;
using lissim::test::source_path;

namespace {

struct BadCase {
  const char* file;      // in tests/data/bad/
  const char* location;  // "file:line:" as it must appear (file as given on the command line)
  const char* key_path;
  const char* fragment;  // the rule broken
};

const BadCase kCases[] = {
    {"typo_key.yaml", "typo_key.yaml:3:", "draw", "unknown key 'draw'; did you mean 'draws'?"},
    {"wrong_type.yaml", "wrong_type.yaml:3:", "draws", "got 'many', must be a whole number"},
    {"share_out_of_range.yaml", "share_out_of_range.yaml:5:", "calibration.labour_market.resident_share_of_job_growth",
     "got 1.4, must be in [0, 1]"},
    {"negative_sd.yaml", "negative_sd.yaml:5:", "calibration.national_cycle.sd_pct", "got -1, must be >= 0"},
    {"missing_key.yaml", "missing_key.yaml:2:", "name", "missing key 'name'"},
    {"bad_distribution.yaml", "bad_distribution.yaml:5:", "calibration.sector_defaults.jobs_share_trend_pct.dist",
     "got 'gaussian', must be one of normal, lognormal, uniform, triangular, pert, beta"},
    {"malformed.yaml", "malformed.yaml:4:", "", "malformed YAML"},
    {"distribution_negative_sd.yaml", "distribution_negative_sd.yaml:5:",
     "calibration.sector_defaults.relative_productivity_trend_pct", "sd is -0.1, but must be > 0"},
    {"unbounded_support.yaml", "unbounded_support.yaml:5:", "calibration.national_cycle.persistence",
     "must all be [0, 1); add lower/upper bounds"},
    {"nested_typo.yaml", "nested_typo.yaml:5:", "calibration.national_cycle.persistance",
     "did you mean 'persistence'?"},
    {"unknown_sector.yaml", "unknown_sector.yaml:5:", "calibration.sectors.alpah", "did you mean 'alpha'?"},
    {"horizon_too_early.yaml", "horizon_too_early.yaml:3:", "horizon", "must be after the base year 2014"},
    {"missing_seed_data.yaml", "missing_seed_data.yaml:2:", "seed_data", "must be a folder with baseline.yaml"},
    {"asymmetric_correlation.yaml", "asymmetric_correlation.yaml:5:",
     "calibration.correlation.productivity.matrix[1][0]", "must be symmetric"},
    {"not_positive_definite.yaml", "not_positive_definite.yaml:5:", "calibration.correlation.jobs",
     "not positive definite"},
    {"duplicate_key.yaml", "duplicate_key.yaml:4:", "draws", "duplicate key"},
    {"bad_indicator.yaml", "bad_indicator.yaml:7:", "targets.targets[0].indicator", "did you mean 'jobs_change'?"},
    {"tab_indent.yaml", "tab_indent.yaml:4:", "", "malformed YAML"},
    {"deadline_after_horizon.yaml", "tiny/targets.yaml:2:", "targets.deadline", "must not be after the horizon 2018"},
    {"bad_name.yaml", "bad_name.yaml:1:", "name", "must be an identifier"},
    {"alias_bomb.yaml", "alias_bomb.yaml:3:", "", "aliases expanding without bound"},
    {"intervention_weights.yaml", "intervention_weights.yaml:10:", "interventions[0].sectors",
     "the weights add up to 1.2, must add up to 1"},
    {"intervention_unknown_partner.yaml", "intervention_unknown_partner.yaml:22:",
     "interventions[0].complementarity.skills_intervention", "must be the id of another intervention"},
    {"evidence_unknown_type.yaml", "evidence_unknown_type.yaml:6:", "interventions[0].evidence",
     "unknown evidence type 'business_suport'"},
    {"evidence_no_source.yaml", "evidence/no_source.yaml:8:", "evidence.no_source.channels.jobs.gross_per_gbp_m",
     "without a source"},
    {"evidence_bad_share.yaml", "evidence/bad_share.yaml:9:", "interventions[0].channels.employment.sustained_rate",
     "got 1.3, must be in [0, 1]"},
};

}  // namespace

TEST_CASE("bad scenario files are rejected with file, line, key path and rule", "[config][cli]") {
  for (const BadCase& c : kCases) {
    const std::string file = source_path(std::string("tests/data/bad/") + c.file);
    for (const char* command : {"validate", "run"}) {
      INFO(command << " " << c.file);
      const std::string output = std::string(command) == "run" ? " -o /nonexistent/never.h5" : "";
      const auto result = run_lissim(std::string(command) + " " + file + output);
      INFO(result.output);
      CHECK(result.exit_code == 2);
      CHECK(result.output.find(c.location) != std::string::npos);
      const std::string key = std::string(": error: ") + c.key_path + (c.key_path[0] ? ": " : "");
      CHECK(result.output.find(key) != std::string::npos);
      CHECK(result.output.find(c.fragment) != std::string::npos);
    }
  }
}

TEST_CASE("all problems in a scenario are reported at once", "[config]") {
  const std::string file = source_path("tests/data/tiny_deterministic.yaml");
  const auto result = run_lissim("validate " + file +
                                 " --set calibration.national_cycle.sd_pct=-2"
                                 " --set calibration.labour_market.migration_response=abc"
                                 " --set calibration.national_cycle.persistense=0.1");
  INFO(result.output);
  CHECK(result.exit_code == 2);
  CHECK(result.output.find("calibration.national_cycle.sd_pct: got -2, must be >= 0") != std::string::npos);
  CHECK(result.output.find("calibration.labour_market.migration_response: got 'abc', must be a number") !=
        std::string::npos);
  CHECK(result.output.find("did you mean 'persistence'?") != std::string::npos);
  CHECK(result.output.find("command line (--set calibration.national_cycle.sd_pct=-2)") != std::string::npos);
}

TEST_CASE("set overrides reject non-finite numbers and unknown paths", "[config][cli]") {
  const std::string file = source_path("tests/data/tiny_deterministic.yaml");
  auto result = run_lissim("validate " + file + " --set calibration.national_cycle.sd_pct=.nan");
  CHECK(result.exit_code == 2);
  CHECK(result.output.find("must be a number") != std::string::npos);
  result = run_lissim("validate " + file + " --set calibration.national_cycle.sd_pct=1e999");
  CHECK(result.exit_code == 2);
  CHECK(result.output.find("calibration.national_cycle.sd_pct") != std::string::npos);
  result = run_lissim("validate " + file + " --set baseline.sectors[gamma].jobs=5");
  CHECK(result.exit_code == 2);
  CHECK(result.output.find("no list element 'gamma'") != std::string::npos);
  result = run_lissim("validate " + file + " --set baseline.sectors[beta].jobs=3500");
  CHECK(result.exit_code == 0);
}

TEST_CASE("command-line usage errors exit with code 2", "[cli]") {
  CHECK(run_lissim("").exit_code == 2);
  CHECK(run_lissim("frobnicate").exit_code == 2);
  CHECK(run_lissim("run").exit_code == 2);
  CHECK(run_lissim("run a.yaml b.yaml").exit_code == 2);
  CHECK(run_lissim("run " + source_path("tests/data/tiny_deterministic.yaml") + " --draws many").exit_code == 2);
  const auto missing = run_lissim("run /no/such/scenario.yaml");
  CHECK(missing.exit_code == 2);
  CHECK(missing.output.find("/no/such/scenario.yaml: error: cannot open file") != std::string::npos);
  const auto version = run_lissim("--version");
  CHECK(version.exit_code == 0);
  CHECK(version.output.rfind("lissim ", 0) == 0);
}
