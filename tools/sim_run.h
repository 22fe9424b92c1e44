/* hotline-sim run: a load and correctness run against a live broker, with
 * simulated customers on the web chat and simulated agents on the channel. */
#ifndef HL_SIM_RUN_H
#define HL_SIM_RUN_H

/* The "run" command. argv[0] is the command's name ("run"), as in main();
 * the options follow (see the usage in sim_run.c or `run --help`); an
 * argv that starts directly with the options is accepted too.
 * Prints the figures (text, or one JSON object with --json) on stdout and
 * progress and problems on stderr. Returns the process exit status: 0 when
 * no acknowledged line was lost and none was duplicated, reordered or
 * misdelivered; 1 when one was, or the run could not be carried out;
 * 2 for a usage error. */
int hl_sim_cmd_run(int argc, char **argv);

#endif
