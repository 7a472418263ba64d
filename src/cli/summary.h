/* The figures of a filter run, in a few aligned lines for a terminal. */
#ifndef LS_CLI_SUMMARY_H
#define LS_CLI_SUMMARY_H
#include <stdio.h>
#include "leadsieve.h"

void ls_cli_print_summary(const ls_run *run, FILE *out);

#endif
