/* hotline-sim's subcommands: each is one entry point, listed in sim.c's
 * command table. Adding one is one new file plus one table entry. */
#ifndef HL_SIM_H
#define HL_SIM_H

/* `hotline-sim replay FILE [--json]`: feeds the routing engine the JSON
 * Lines scenario FILE ("-" for standard input) and prints each decision,
 * timers' included, one per line, then a per-queue summary. See
 * docs/routing-replay.md. `argv[0]` is "replay". Returns the exit code:
 * 0, 1 when some input lines were refused (each named on stderr), 2 for a
 * usage error or an unreadable file. */
int hl_sim_cmd_replay(int argc, char **argv);

#endif
