/* arena.c — bump allocator over a chain of blocks. SPDX-License-Identifier: MIT */
#include "util/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

typedef struct block {
    struct block *next; /* older block */
    size_t size;        /* usable bytes in data */
    size_t used;        /* bytes handed out */
    alignas(max_align_t) unsigned char data[];
} block;

struct arena {
    block *head;       /* newest block, allocations come from here */
    size_t block_size; /* default usable size of a new block */
};

arena *arena_new(size_t block_size)
{
    arena *a = xcalloc(1, sizeof *a);
    a->block_size = block_size ? block_size : 64 * 1024;
    return a;
}

void *arena_alloc(arena *a, size_t size)
{
    const size_t align = alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (!a->head || a->head->size - a->head->used < size) {
        size_t bsize = size > a->block_size ? size : a->block_size;
        block *b = xmalloc(sizeof *b + bsize);
        b->next = a->head;
        b->size = bsize;
        b->used = 0;
        a->head = b;
    }
    void *p = a->head->data + a->head->used;
    a->head->used += size;
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    size_t len = strlen(s) + 1;
    char *d = arena_alloc(a, len);
    memcpy(d, s, len);
    return d;
}

void arena_reset(arena *a)
{
    if (!a || !a->head)
        return;
    block *b = a->head->next;
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
    /* keep the newest (largest-or-default) block */
    a->head->next = NULL;
    a->head->used = 0;
}

void arena_free(arena *a)
{
    if (!a)
        return;
    block *b = a->head;
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}
