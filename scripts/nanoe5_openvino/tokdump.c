/* Build: gcc -O2 -fPIC -shared -fopenmp tokdump.c -o libtokdump.so -lm
 * Exposes e5.c's own tokenizer (tok_content) with the same "query: " prefixing as embed_n. */
#include "e5.c"
int e5_token_ids(e5_model *m, const char *text, int is_query, int *out, int cap) {
    const char *pfx = is_query ? "query: " : "passage: ";
    size_t plen = strlen(pfx), tl = strlen(text);
    char *buf = (char *)malloc(plen + tl + 1);
    memcpy(buf, pfx, plen); memcpy(buf + plen, text, tl + 1);
    int n = tok_content(&m->tok, buf, out, cap);
    free(buf);
    return n;
}
