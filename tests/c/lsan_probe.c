/* Leaks one block on purpose. Run by ctest only in the native sanitizer
 * build, where the test passes when LeakSanitizer reports the leak: it
 * proves leak detection is active for the whole native suite. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void leak_one_block(void)
{
    char *volatile block = malloc(4096);
    if (block != NULL)
        memset(block, 'x', 4096);
    block = NULL; /* the only pointer is gone: the block is unreachable */
}

int main(void)
{
    leak_one_block();
    puts("lsan_probe: one 4096-byte block leaked on purpose");
    return 0;
}
