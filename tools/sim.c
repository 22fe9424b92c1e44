/* hotline-sim: the demo driver, load generator and routing replay runner; dispatches to its subcommands. */
#include "sim.h"
#include "sim_run.h"

#include <stdio.h>
#include <string.h>

/* One subcommand, as tmux's cmd_entry: name, usage line, what it does. */
struct sim_cmd_entry {
	const char *name;
	const char *usage;
	const char *summary;
	int (*exec)(int argc, char **argv);
};

static const struct sim_cmd_entry sim_cmds[] = {
	{
		.name = "replay",
		.usage = "replay FILE [--json]",
		.summary = "feed the routing engine a scenario file and print its decisions",
		.exec = hl_sim_cmd_replay,
	},
	{
		.name = "run",
		.usage = "run --broker URL --pin FP --web WS …",
		.summary = "simulated customers and agents against a live broker, every line checked",
		.exec = hl_sim_cmd_run,
	},
};

static void usage(FILE *f)
{
	fprintf(f, "usage: hotline-sim COMMAND [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof sim_cmds / sizeof sim_cmds[0]; i++)
		fprintf(f, "  %-28s %s\n", sim_cmds[i].usage, sim_cmds[i].summary);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	for (size_t i = 0; i < sizeof sim_cmds / sizeof sim_cmds[0]; i++)
		if (strcmp(argv[1], sim_cmds[i].name) == 0)
			return sim_cmds[i].exec(argc - 1, argv + 1);
	fprintf(stderr, "hotline-sim: unknown command \"%s\"\n", argv[1]);
	usage(stderr);
	return 2;
}
