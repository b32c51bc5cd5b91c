/*
 * engine.c - scanners for the server's worker threads.
 *
 * One default ruleset is compiled at start and shared; a fixed pool of
 * scanners over it (one per worker thread, since a scanner is used by one
 * thread at a time) is handed out under a mutex.
 *
 * A request may carry its own policy text. Compiling a ruleset is far more
 * expensive than a scan, so compiled policy rulesets are kept in a small LRU
 * cache keyed by the policy's content (hash, then an exact compare). Such a
 * request gets a fresh scanner over the cached ruleset, freed afterwards.
 * An entry pushed out of the cache while requests still use it is freed by
 * the last of them.
 */
#include "handler.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct policy_entry {
    uint64_t hash;
    char *text;
    size_t len;
    tact_ruleset *rs;
    unsigned refs;
    uint64_t used; /* engine clock at last use: the LRU order */
    bool evicted;
} policy_entry;

struct srv_engine {
    pthread_mutex_t mu;
    pthread_cond_t freed;
    tact_ruleset *rs;
    tact_scanner **pool; /* free scanners: pool[0..nfree) */
    tact_scanner **all;
    unsigned nfree, n;
    policy_entry *cache[SRV_POLICY_CACHE];
    uint64_t clock;
};

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return h;
}

int srv_engine_new(unsigned scanners, srv_engine **out, tact_error *err)
{
    *out = NULL;
    if (scanners == 0)
        scanners = 1;
    srv_engine *e = calloc(1, sizeof *e);
    if (!e)
        return TACT_ENOMEM;
    if (pthread_mutex_init(&e->mu, NULL) != 0) {
        free(e);
        return TACT_ENOMEM;
    }
    if (pthread_cond_init(&e->freed, NULL) != 0) {
        pthread_mutex_destroy(&e->mu);
        free(e);
        return TACT_ENOMEM;
    }
    int rc = tact_ruleset_compile(NULL, &e->rs, err);
    if (rc != TACT_OK)
        goto fail;
    e->pool = calloc(scanners, sizeof *e->pool);
    e->all = calloc(scanners, sizeof *e->all);
    if (!e->pool || !e->all) {
        rc = TACT_ENOMEM;
        goto fail;
    }
    for (unsigned i = 0; i < scanners; i++) {
        rc = tact_scanner_new(e->rs, NULL, &e->all[i], err);
        if (rc != TACT_OK)
            goto fail;
        e->n++;
        e->pool[e->nfree++] = e->all[i];
    }
    *out = e;
    return TACT_OK;
fail:
    srv_engine_free(e);
    return rc;
}

static void entry_free(policy_entry *pe)
{
    if (!pe)
        return;
    tact_ruleset_free(pe->rs);
    free(pe->text);
    free(pe);
}

void srv_engine_free(srv_engine *e)
{
    if (!e)
        return;
    for (unsigned i = 0; i < e->n; i++)
        tact_scanner_free(e->all[i]);
    for (size_t i = 0; i < SRV_POLICY_CACHE; i++)
        entry_free(e->cache[i]);
    tact_ruleset_free(e->rs);
    free(e->pool);
    free(e->all);
    pthread_cond_destroy(&e->freed);
    pthread_mutex_destroy(&e->mu);
    free(e);
}

/* Find a cached ruleset for this policy and take a reference; NULL if none.
 * Called with the lock held. */
static policy_entry *cache_find(srv_engine *e, uint64_t h, const char *policy, size_t len)
{
    for (size_t i = 0; i < SRV_POLICY_CACHE; i++) {
        policy_entry *pe = e->cache[i];
        if (pe && pe->hash == h && pe->len == len && memcmp(pe->text, policy, len) == 0) {
            pe->refs++;
            pe->used = ++e->clock;
            return pe;
        }
    }
    return NULL;
}

/* Put a new entry (already holding one reference) in the cache, pushing out
 * the least recently used. Called with the lock held. */
static void cache_insert(srv_engine *e, policy_entry *pe)
{
    size_t victim = 0;
    for (size_t i = 0; i < SRV_POLICY_CACHE; i++) {
        if (!e->cache[i]) {
            victim = i;
            break;
        }
        if (e->cache[i]->used < e->cache[victim]->used)
            victim = i;
    }
    policy_entry *old = e->cache[victim];
    if (old) {
        if (old->refs == 0)
            entry_free(old);
        else
            old->evicted = true;
    }
    pe->used = ++e->clock;
    e->cache[victim] = pe;
}

static int acquire_policy(srv_engine *e, const char *policy, size_t len, srv_lease *lease,
                          tact_error *err)
{
    uint64_t h = fnv1a(policy, len);
    pthread_mutex_lock(&e->mu);
    policy_entry *pe = cache_find(e, h, policy, len);
    pthread_mutex_unlock(&e->mu);
    if (!pe) {
        /* Compile outside the lock; two requests with the same new policy
         * may both compile it, and the second copy simply replaces one. */
        pe = calloc(1, sizeof *pe);
        if (!pe)
            return TACT_ENOMEM;
        pe->text = malloc(len ? len : 1);
        if (!pe->text) {
            free(pe);
            return TACT_ENOMEM;
        }
        memcpy(pe->text, policy, len);
        pe->len = len;
        pe->hash = h;
        pe->refs = 1;
        tact_ruleset_options o = TACT_RULESET_OPTIONS_INIT;
        o.policy = policy;
        o.policy_len = len;
        int rc = tact_ruleset_compile(&o, &pe->rs, err);
        if (rc != TACT_OK) {
            entry_free(pe);
            return rc;
        }
        pthread_mutex_lock(&e->mu);
        cache_insert(e, pe);
        pthread_mutex_unlock(&e->mu);
    }
    int rc = tact_scanner_new(pe->rs, NULL, &lease->sc, err);
    if (rc != TACT_OK) {
        lease->sc = NULL;
        lease->slot = pe;
        srv_engine_release(e, lease);
        return rc;
    }
    lease->slot = pe;
    return TACT_OK;
}

int srv_engine_acquire(srv_engine *e, const char *policy, size_t policy_len, srv_lease *lease,
                       tact_error *err)
{
    lease->sc = NULL;
    lease->slot = NULL;
    if (policy)
        return acquire_policy(e, policy, policy_len, lease, err);
    pthread_mutex_lock(&e->mu);
    while (e->nfree == 0)
        pthread_cond_wait(&e->freed, &e->mu);
    lease->sc = e->pool[--e->nfree];
    pthread_mutex_unlock(&e->mu);
    return TACT_OK;
}

void srv_engine_release(srv_engine *e, srv_lease *lease)
{
    policy_entry *pe = lease->slot;
    if (!pe) {
        if (!lease->sc)
            return;
        pthread_mutex_lock(&e->mu);
        e->pool[e->nfree++] = lease->sc;
        pthread_cond_signal(&e->freed);
        pthread_mutex_unlock(&e->mu);
        lease->sc = NULL;
        return;
    }
    tact_scanner_free(lease->sc);
    lease->sc = NULL;
    lease->slot = NULL;
    pthread_mutex_lock(&e->mu);
    bool gone = --pe->refs == 0 && pe->evicted;
    pthread_mutex_unlock(&e->mu);
    if (gone)
        entry_free(pe);
}
