/* Input path expansion: order, filters, loops, empty directories. */
#include <check.h>
#include "check_run.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "readers/reader.h"

#define TREE LS_TEST_DATA "/inputs/tree"

static int nd;
static ls_diag_kind kinds[16];
static char msgs[16][512];
static char files[16][512];

static void on_diag(void *user, const ls_diag *d)
{
    (void)user;
    if (nd < 16) {
        kinds[nd] = d->kind;
        snprintf(msgs[nd], sizeof msgs[nd], "%s", d->message);
        snprintf(files[nd], sizeof files[nd], "%s", d->file);
    }
    nd++;
}

static const ls_diag_sink SINK = {on_diag, NULL};

static char tmp[64];

static void make_tmp(void)
{
    strcpy(tmp, "/tmp/ls_paths_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmp));
}

static void touch(const char *rel)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", tmp, rel);
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ck_assert_int_ge(fd, 0);
    close(fd);
}

static void sub(const char *rel)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", tmp, rel);
    ck_assert_int_eq(mkdir(p, 0755), 0);
}

static void rm_tmp(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    ck_assert_int_eq(system(cmd), 0);
}

static void expect_path(const ls_pathlist *l, size_t i, const char *rel)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", tmp, rel);
    ck_assert_uint_gt(l->count, i);
    ck_assert_str_eq(l->paths[i], p);
}

START_TEST(tree_sorted_and_filtered)
{
    ls_pathlist l = {0};
    uint64_t failed = 0;
    nd = 0;
    ck_assert_int_eq(ls_paths_expand(TREE, &l, &SINK, &failed), LS_OK);
    /* any case of a lead file name is read (§5a); every other file is
     * named, not read, and not a failure */
    ck_assert_uint_eq(l.count, 5);
    ck_assert_str_eq(l.paths[0], TREE "/UPPER.JSON");
    ck_assert_str_eq(l.paths[1], TREE "/a.jsonl");
    ck_assert_str_eq(l.paths[2], TREE "/b.json");
    ck_assert_str_eq(l.paths[3], TREE "/sub/c.json");
    ck_assert_str_eq(l.paths[4], TREE "/sub/z.json");
    ck_assert_uint_eq(failed, 0);
    ck_assert_int_eq(nd, 2); /* a.json.bak, notes.txt */
    for (int i = 0; i < nd; i++)
        ck_assert_int_eq(kinds[i], LS_DIAG_FILE_SKIPPED);
    /* files are taken as given whatever their name; "-" is kept; order of calls kept */
    ck_assert_int_eq(ls_paths_expand(TREE "/notes.txt", &l, &SINK, &failed), LS_OK);
    ck_assert_int_eq(ls_paths_expand("-", &l, &SINK, &failed), LS_OK);
    ck_assert_uint_eq(l.count, 7);
    ck_assert_str_eq(l.paths[5], TREE "/notes.txt");
    ck_assert_str_eq(l.paths[6], "-");
    ls_pathlist_free(&l);
    ck_assert_uint_eq(l.count, 0);
}
END_TEST

START_TEST(byte_order_of_full_paths)
{
    make_tmp();
    touch("a.json");
    sub("a");
    touch("a/b.json");
    touch("B.json");
    touch("\xc3\xa9.json");
    touch("a-b.jsonl");
    touch("x.JSON");
    touch("y.json~");
    ls_pathlist l = {0};
    uint64_t failed = 0;
    ck_assert_int_eq(ls_paths_expand(tmp, &l, &SINK, &failed), LS_OK);
    ck_assert_uint_eq(l.count, 6);
    expect_path(&l, 0, "B.json");
    expect_path(&l, 1, "a-b.jsonl");
    expect_path(&l, 2, "a.json");
    expect_path(&l, 3, "a/b.json");
    expect_path(&l, 4, "x.JSON");
    expect_path(&l, 5, "\xc3\xa9.json");
    ls_pathlist_free(&l);
    rm_tmp();
}
END_TEST

/* CSV and compressed lead files (§5a): .gz or .zst after a lead file
 * name, any case; a compression suffix alone, or another one, is not. */
START_TEST(csv_and_compressed_names)
{
    make_tmp();
    static const char *const lead_files[] = {"a.csv", "b.CSV.GZ", "c.json.gz", "d.jsonl.zst",
                                             "e.NDJSON.Zst", "f.zst.json"};
    static const char *const other_files[] = {"g.gz", "h.zst", "i.json.bz2", "j.gz.json.tar",
                                              "k.csv.gz.bak", ".gz"};
    for (size_t i = 0; i < 6; i++)
        touch(lead_files[i]);
    for (size_t i = 0; i < 6; i++)
        touch(other_files[i]);
    ls_pathlist l = {0};
    uint64_t failed = 0;
    nd = 0;
    ck_assert_int_eq(ls_paths_expand(tmp, &l, &SINK, &failed), LS_OK);
    ck_assert_uint_eq(l.count, 6);
    for (size_t i = 0; i < 6; i++)
        expect_path(&l, i, lead_files[i]);
    ck_assert_int_eq(nd, 6);
    for (int i = 0; i < nd; i++)
        ck_assert_int_eq(kinds[i], LS_DIAG_FILE_SKIPPED);
    ck_assert_uint_eq(failed, 0);
    ls_pathlist_free(&l);
    rm_tmp();
}
END_TEST

START_TEST(missing_and_empty)
{
    ls_pathlist l = {0};
    uint64_t failed = 0;
    nd = 0;
    ck_assert_int_eq(ls_paths_expand(TREE "/nope", &l, &SINK, &failed), LS_OK);
    ck_assert_uint_eq(l.count, 0);
    ck_assert_uint_eq(failed, 1);
    ck_assert_int_eq(nd, 1);
    ck_assert_int_eq(kinds[0], LS_DIAG_IO);
    ck_assert_str_eq(files[0], TREE "/nope");

    make_tmp();
    touch("readme.txt");
    sub("empty");
    nd = 0;
    ck_assert_int_eq(ls_paths_expand(tmp, &l, &SINK, &failed), LS_OK);
    ck_assert_uint_eq(l.count, 0);
    ck_assert_uint_eq(failed, 2);
    ck_assert_int_eq(nd, 2);
    ck_assert_int_eq(kinds[0], LS_DIAG_FILE_SKIPPED);
    ck_assert_int_eq(kinds[1], LS_DIAG_EMPTY);
    ck_assert_str_eq(files[1], tmp);
    rm_tmp();
}
END_TEST

START_TEST(symlink_loops)
{
    make_tmp();
    touch("x.json");
    sub("d");
    touch("d/y.json");
    char p[512];
    snprintf(p, sizeof p, "%s/d/up", tmp);
    ck_assert_int_eq(symlink("..", p), 0); /* back to the top: a loop */
    snprintf(p, sizeof p, "%s/self", tmp);
    ck_assert_int_eq(symlink("self", p), 0); /* resolves to itself */
    snprintf(p, sizeof p, "%s/link.json", tmp);
    ck_assert_int_eq(symlink("x.json", p), 0); /* a link to a file is read */
    ls_pathlist l = {0};
    uint64_t failed = 0;
    nd = 0;
    ck_assert_int_eq(ls_paths_expand(tmp, &l, &SINK, &failed), LS_OK);
    ck_assert_uint_eq(l.count, 3);
    expect_path(&l, 0, "d/y.json");
    expect_path(&l, 1, "link.json");
    expect_path(&l, 2, "x.json");
    ck_assert_uint_eq(failed, 2);
    ck_assert_int_eq(nd, 2);
    int loop = -1, self = -1;
    for (int i = 0; i < 2; i++) {
        ck_assert_int_eq(kinds[i], LS_DIAG_IO);
        if (strstr(msgs[i], "loop"))
            loop = i;
        if (strstr(files[i], "/self"))
            self = i;
    }
    ck_assert_int_ge(loop, 0);
    ck_assert_int_ge(self, 0);
    ck_assert_int_ne(loop, self);
    ls_pathlist_free(&l);
    rm_tmp();
}
END_TEST

START_TEST(unreadable_directory)
{
    if (geteuid() == 0)
        return; /* root reads everything: nothing to test */
    make_tmp();
    sub("locked");
    touch("ok.json");
    char p[512];
    snprintf(p, sizeof p, "%s/locked", tmp);
    chmod(p, 0);
    ls_pathlist l = {0};
    uint64_t failed = 0;
    nd = 0;
    ck_assert_int_eq(ls_paths_expand(tmp, &l, &SINK, &failed), LS_OK);
    chmod(p, 0755);
    ck_assert_uint_eq(l.count, 1);
    ck_assert_uint_eq(failed, 1);
    ck_assert_int_eq(kinds[0], LS_DIAG_IO);
    ls_pathlist_free(&l);
    rm_tmp();
}
END_TEST

START_TEST(ten_thousand_files)
{
    make_tmp();
    sub("s");
    char rel[64];
    /* created in an order unlike the sorted one */
    for (int i = 0; i < 10000; i++) {
        int k = (i * 7919) % 10000;
        snprintf(rel, sizeof rel, "%s%05d.json", k % 2 ? "s/" : "", k);
        touch(rel);
    }
    ls_pathlist l = {0};
    uint64_t failed = 0;
    ck_assert_int_eq(ls_paths_expand(tmp, &l, &SINK, &failed), LS_OK);
    ck_assert_uint_eq(l.count, 10000);
    ck_assert_uint_eq(failed, 0);
    expect_path(&l, 0, "00000.json");
    expect_path(&l, 4999, "09998.json");
    expect_path(&l, 5000, "s/00001.json");
    expect_path(&l, 9999, "s/09999.json");
    for (size_t i = 1; i < l.count; i++)
        ck_assert_int_lt(strcmp(l.paths[i - 1], l.paths[i]), 0);
    ls_pathlist_free(&l);
    rm_tmp();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("readers_paths");
    TCase *tc = tcase_create("paths");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, tree_sorted_and_filtered);
    tcase_add_test(tc, byte_order_of_full_paths);
    tcase_add_test(tc, csv_and_compressed_names);
    tcase_add_test(tc, missing_and_empty);
    tcase_add_test(tc, symlink_loops);
    tcase_add_test(tc, unreadable_directory);
    tcase_add_test(tc, ten_thousand_files);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
