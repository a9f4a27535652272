// lissim: local industrial strategy scenario simulator. All work happens in lissim_sim.
#include "sim/cli/cli.h"

int main(int argc, char** argv) { return lissim::sim::run_cli(argc, argv); }
