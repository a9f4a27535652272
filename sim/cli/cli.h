#pragma once
// The lissim command line (README.md, "Using lissim"): `lissim COMMAND [options]`. Returns the
// exit code; exceptions from below are mapped to exit codes here and nowhere else.
namespace lissim::sim {

int run_cli(int argc, char** argv);

}  // namespace lissim::sim
