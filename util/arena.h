/* arena.h — bump allocator for scratch memory and strings that die with their owner.
 * SPDX-License-Identifier: MIT */
#ifndef UTIL_ARENA_H
#define UTIL_ARENA_H

#include <stddef.h>

typedef struct arena arena;

/* New empty arena; blocks of at least block_size bytes (0 = 64 KiB). Caller frees. */
arena *arena_new(size_t block_size);

/* size bytes aligned for any type, valid until arena_reset/arena_free. Aborts on OOM. */
void *arena_alloc(arena *a, size_t size);

/* Copy of s in the arena. */
char *arena_strdup(arena *a, const char *s);

/* Forgets every allocation but keeps the first block for reuse. */
void arena_reset(arena *a);

/* Frees everything; NULL is a no-op. */
void arena_free(arena *a);

#endif
