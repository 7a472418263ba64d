/* `leadsieve <command> [options]`: dispatches to one entry point per
 * subcommand (see commands.h). */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "cli_util.h"
#include "commands.h"
#include "leadsieve.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"explain", ls_cmd_explain, "show why each persona catches or misses each lead"},
    {"filter", ls_cmd_filter, "filter, rank and limit lead files with a by_icp request"},
    {"lint", ls_cmd_lint, "validate a by_icp request and warn about surprising rules"},
    {"normalize", ls_cmd_normalize, "print the normalized form used for matching"},
    {"score", ls_cmd_score, "measure persona precision and recall on labeled leads"},
    {"suggest", ls_cmd_suggest, "propose persona edits that raise F1 on labeled leads"},
    {"diff", ls_cmd_diff, "compare two requests: leads gained, lost and re-assigned"},
    {"convert", ls_cmd_convert, "rewrite a request for the other API (by_icp <-> v1)"},
    {"serve", ls_cmd_serve, "edit a request on a local web page against leads in memory"},
};

static void print_help(FILE *out)
{
    fprintf(out,
            "usage: leadsieve <command> [options] [arguments]\n"
            "\n"
            "Offline persona matching and lead filtering for by_icp requests.\n"
            "\n"
            "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\n"
            "options:\n"
            "  -h, --help     show this help; `leadsieve <command> --help` for a command\n"
            "  --version      print the version\n"
            "\n"
            "examples:\n"
            "  leadsieve filter --request icp.json leads/ > matched.json\n"
            "  leadsieve filter --request icp.json --format csv -o out.csv a.jsonl b.json\n"
            "  leadsieve lint icp.json\n"
            "  leadsieve explain --request icp.json --title \"Geschaftsfuhrer Vertrieb\"\n"
            "  leadsieve normalize \"VP, Sales & Marketing\"\n"
            "  leadsieve score --request icp.json --labels labels.tsv --html report.html leads/\n"
            "  leadsieve suggest --request icp.json --labels labels.tsv --apply 5 -o new.json leads/\n"
            "  leadsieve diff --request new.json --against icp.json leads/\n"
            "  leadsieve convert icp.json -o v1.json\n"
            "  leadsieve serve --request icp.json --labels labels.tsv leads/\n"
            "\n"
            "exit status: 0 ok, 2 invalid request or usage, 1 input/output or internal error\n");
}

int main(int argc, char **argv)
{
    /* A file size limit then fails the write (EFBIG) instead of killing the
     * process, so a temporary output file is cleaned up. */
    signal(SIGXFSZ, SIG_IGN);
    if (argc < 2) {
        print_help(stderr);
        return LS_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        print_help(stdout);
        return LS_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("leadsieve %s\n", ls_version());
        return LS_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    const char *names[sizeof commands / sizeof *commands];
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        names[i] = commands[i].name;
    const char *near = cmd[0] == '-' ? NULL : ls_suggest(cmd, strlen(cmd), names,
                                                          sizeof names / sizeof *names);
    if (near)
        fprintf(stderr, "leadsieve: unknown command '%s' (did you mean '%s'?)\n", cmd, near);
    else
        fprintf(stderr, "leadsieve: unknown %s '%s' (see leadsieve --help)\n",
                cmd[0] == '-' ? "option" : "command", cmd);
    return LS_EXIT_USAGE;
}
