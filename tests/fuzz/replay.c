/* replay.c — main() for a fuzz harness without libFuzzer: feeds every file named on the
 * command line (a folder: every file in it, in name order) once through
 * LLVMFuzzerTestOneInput. `make test` and `make asan` build each harness this way with the
 * normal compiler and replay tests/fuzz/corpus/NAME, so the harnesses keep compiling and
 * every stored seed and past crash is re-run under the sanitizers.
 * SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fuzz/fuzz.h"
#include "util/file.h"

static int replay_file(const char *path)
{
    err e = {0};
    size_t len;
    char *buf = file_read_all(path, &len, &e);
    if (!buf) {
        fprintf(stderr, "replay: %s\n", e.msg);
        return -1;
    }
    LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
    free(buf);
    return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|FOLDER...\n", argv[0]);
        return 2;
    }
    size_t n = 0;
    for (int i = 1; i < argc; i++) {
        struct dirent **list;
        int k = scandir(argv[i], &list, NULL, by_name);
        if (k < 0) { /* not a folder: a file */
            if (replay_file(argv[i]))
                return 1;
            n++;
            continue;
        }
        int bad = 0;
        for (int j = 0; j < k; j++) {
            if (list[j]->d_name[0] != '.' && !bad) {
                char p[4096];
                snprintf(p, sizeof p, "%s/%s", argv[i], list[j]->d_name);
                bad = replay_file(p);
                n++;
            }
            free(list[j]);
        }
        free(list);
        if (bad)
            return 1;
    }
    printf("%s: %zu inputs replayed\n", argv[0], n);
    return 0;
}
