/* One entry point per subcommand; each returns the process exit status
 * (0 ok, 2 invalid request or usage, 1 I/O or internal failure).  argv[0]
 * is the subcommand name. */
#ifndef LS_CLI_COMMANDS_H
#define LS_CLI_COMMANDS_H

int ls_cmd_normalize(int argc, char **argv);
int ls_cmd_filter(int argc, char **argv);
int ls_cmd_lint(int argc, char **argv);
int ls_cmd_score(int argc, char **argv);
int ls_cmd_diff(int argc, char **argv);
int ls_cmd_explain(int argc, char **argv);
int ls_cmd_convert(int argc, char **argv);
int ls_cmd_serve(int argc, char **argv);
int ls_cmd_suggest(int argc, char **argv);

#endif
