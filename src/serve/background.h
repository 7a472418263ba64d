/* Proposals worked out off the HTTP threads (background.c): one thread
 * runs the session's suggest source for the edit the page last asked
 * about; the answers are kept by request text (the labels and leads are
 * the session's, fixed), so asking again, or going back to a text, costs
 * nothing.  A newer edit stops the computation in flight for another text
 * and drops the one waiting: only the latest edit's proposals are worked
 * out, and a result is only ever given for the text it was computed on. */
#ifndef LS_SERVE_BACKGROUND_H
#define LS_SERVE_BACKGROUND_H
#include <stdint.h>
#include "session.h"

typedef enum ls_srv_bg_state {
    LS_SRV_BG_DONE = 0,  /* *json: the source's answer (free it) */
    LS_SRV_BG_COMPUTING, /* started or under way: ask again */
    LS_SRV_BG_FAILED     /* *status: why */
} ls_srv_bg_state;

/* Starts the thread; 0, or -1 (memory, threads). */
int ls_srv_bg_new(ls_srv *s, ls_srv_bg **out);
/* Stops the computation in flight, waits for the thread. */
void ls_srv_bg_free(ls_srv_bg *bg);

/* The proposals for e's request text: cached, or their computation
 * started (replacing any other) and COMPUTING. */
ls_srv_bg_state ls_srv_bg_get(ls_srv_bg *bg, ls_srv_eval *e, char **json, ls_status *status);

/* A newer edit came in: the computation in flight stops, the waiting one
 * is dropped. */
void ls_srv_bg_supersede(ls_srv_bg *bg);

/* Computations started, stopped before their end, and finished (tests,
 * the page's counters); the last waits for the thread to be idle first
 * when wait is non-zero. */
typedef struct ls_srv_bg_counts {
    uint64_t started, stopped, finished;
} ls_srv_bg_counts;
ls_srv_bg_counts ls_srv_bg_counts_of(ls_srv_bg *bg, int wait);

#endif
