#include <stdio.h>
#include "leadsieve.h"

int main(void)
{
    printf("leadsieve %s\n", ls_version());
    return 0;
}
