/*
 * tact.h - the public interface of libtact ("think before you post").
 *
 * libtact screens text that a social-care professional is about to post (or
 * has posted) for anything that identifies a service user or a case, and for
 * conduct that professional guidance says must not be published. It returns
 * typed findings with byte spans, a verdict for the whole post, and can write
 * a safe version of the text.
 *
 * Model of use (compile once, scan many):
 *
 *     tact_ruleset *rs = NULL;
 *     tact_scanner *sc = NULL;
 *     const tact_result *res = NULL;
 *     tact_error err;
 *     if (tact_ruleset_compile(NULL, &rs, &err) != TACT_OK) { ... err.message }
 *     if (tact_scanner_new(rs, NULL, &sc, &err) != TACT_OK) { ... }
 *     if (tact_scanner_scan(sc, text, len, 0, &res, &err) == TACT_OK)
 *         for (size_t i = 0; i < res->count; i++)
 *             printf("%s\n", tact_type_name(res->findings[i].type));
 *     tact_scanner_free(sc);
 *     tact_ruleset_free(rs);
 *
 * Threads: a compiled tact_ruleset is immutable and may be shared by any
 * number of threads. A tact_scanner is used by one thread at a time; create
 * one per thread. Nothing in the library uses global mutable state.
 *
 * Text: every text argument is (pointer, length) and need not be
 * NUL-terminated. It must be UTF-8; invalid input fails with TACT_EUTF8
 * unless TACT_SCAN_REPLACE_INVALID is given, in which case each invalid byte
 * is read as U+FFFD. Spans are always byte offsets into the caller's original
 * text, end exclusive.
 *
 * Errors: functions return a tact_status. TACT_OK is 0 and every error is
 * negative. Values are stable and never renumbered. A caller may pass a
 * tact_error to receive a message and a byte offset; NULL is allowed.
 * Messages never contain the text being screened.
 *
 * Memory: the library never aborts or exits. Allocation failure returns
 * TACT_ENOMEM and leaves every handle valid. A handle may be given its own
 * allocator; there is no process-wide allocator setting.
 */
#ifndef TACT_H
#define TACT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(TACT_STATIC)
#define TACT_API
#elif defined(TACT_BUILDING)
#define TACT_API __attribute__((visibility("default")))
#else
#define TACT_API
#endif

/** Library version, as numbers and as "MAJOR.MINOR.PATCH". */
#define TACT_VERSION_MAJOR 0
#define TACT_VERSION_MINOR 1
#define TACT_VERSION_PATCH 0
#define TACT_VERSION_STRING "0.1.0"

/**
 * tact_version - the version of the library actually linked.
 *
 * Returns a static string such as "0.1.0"; never NULL. Thread-safe.
 */
TACT_API const char *tact_version(void);

/* ------------------------------------------------------------------ */
/* Status and errors                                                   */
/* ------------------------------------------------------------------ */

/** Status codes. Stable values: new codes are only ever appended. */
typedef enum tact_status {
    TACT_OK = 0,
    TACT_ENOMEM = -1,    /**< an allocation failed */
    TACT_EINVAL = -2,    /**< an argument is invalid (NULL, bad option) */
    TACT_EUTF8 = -3,     /**< the text is not valid UTF-8 */
    TACT_EPARSE = -4,    /**< malformed input data (JSON, policy file) */
    TACT_EIO = -5,       /**< a file could not be read or written */
    TACT_ERANGE = -6,    /**< input too large, or a buffer too small */
    TACT_EMODEL = -7,    /**< a built-in model or list is corrupt */
    TACT_EINTERNAL = -8, /**< a bug in tact: please report it */
    TACT_EVERSION = -9   /**< an options struct has an unknown version */
} tact_status;

/**
 * tact_strerror - a short English description of a status code.
 *
 * Returns a static string, never NULL (unknown codes give "unknown error").
 * Thread-safe.
 */
TACT_API const char *tact_strerror(int status);

/**
 * Rich error detail, owned by the caller. Pass a pointer to one of these to
 * any function taking `tact_error *err`; on failure it is filled in. On
 * success it is left untouched. NULL is always allowed.
 */
typedef struct tact_error {
    int code;          /**< the tact_status returned */
    size_t offset;     /**< byte offset in the input the error refers to, or
                            SIZE_MAX when it has none */
    char message[200]; /**< NUL-terminated, never contains screened text */
} tact_error;

/* ------------------------------------------------------------------ */
/* Allocator                                                           */
/* ------------------------------------------------------------------ */

/**
 * A caller-supplied allocator, used by the handle it is given to and by
 * everything that handle creates. Any member left NULL makes the whole
 * allocator fall back to malloc/realloc/free. `free` receives NULL never.
 * The functions must be safe to call from whichever thread uses the handle.
 */
typedef struct tact_allocator {
    void *(*malloc)(void *ctx, size_t size);
    void *(*realloc)(void *ctx, void *ptr, size_t size);
    void (*free)(void *ctx, void *ptr);
    void *ctx;
} tact_allocator;

/* ------------------------------------------------------------------ */
/* Findings                                                            */
/* ------------------------------------------------------------------ */

/** What kind of problem a finding is. */
typedef enum tact_category {
    TACT_CAT_IDENTIFIER = 0, /**< could identify a person or a case */
    TACT_CAT_CONDUCT = 1,    /**< professional conduct */
    TACT_CAT_REGISTER = 2    /**< matches the protected-people register */
} tact_category;

/**
 * The type of a finding. Identifier types come first, then conduct types,
 * then register types. Values are stable.
 */
typedef enum tact_type {
    TACT_TYPE_PERSON = 0,
    TACT_TYPE_ADDRESS = 1,
    TACT_TYPE_POSTCODE = 2,
    TACT_TYPE_LOCATION = 3,
    TACT_TYPE_PHONE = 4,
    TACT_TYPE_EMAIL = 5,
    TACT_TYPE_DATE_OF_BIRTH = 6,
    TACT_TYPE_AGE = 7,
    TACT_TYPE_NHS_NUMBER = 8,
    TACT_TYPE_NI_NUMBER = 9,
    TACT_TYPE_CASE_REFERENCE = 10,
    TACT_TYPE_SCHOOL = 11,
    TACT_TYPE_ORGANISATION = 12,
    TACT_TYPE_HANDLE = 13,
    TACT_TYPE_URL = 14,
    TACT_TYPE_GEO_COORDINATES = 15,
    TACT_TYPE_VEHICLE_REGISTRATION = 16,
    TACT_TYPE_CASE_DISCUSSION = 32,
    TACT_TYPE_ABUSE = 33,
    TACT_TYPE_DEROGATORY = 34,
    TACT_TYPE_DISCRIMINATION = 35,
    TACT_TYPE_COLLEAGUE_CRITICISM = 36,
    TACT_TYPE_VENTING = 37,
    TACT_TYPE_BOUNDARY = 38,
    TACT_TYPE_PROTECTED_PERSON = 64
} tact_type;

/** How serious a finding is on its own. */
typedef enum tact_severity {
    TACT_SEV_LOW = 0,
    TACT_SEV_MEDIUM = 1,
    TACT_SEV_HIGH = 2
} tact_severity;

/** The verdict for a whole post. Ordered: a larger value is worse. */
typedef enum tact_verdict {
    TACT_VERDICT_OK = 0,     /**< nothing found that guidance objects to */
    TACT_VERDICT_REVIEW = 1, /**< think again before posting */
    TACT_VERDICT_BLOCK = 2   /**< must not be posted as written */
} tact_verdict;

/**
 * Guidance items a finding concerns, as bits. The default framework is the
 * HCPC standards of conduct, performance and ethics that the HCPC's
 * social-media guidance cites, plus that guidance itself.
 */
#define TACT_GUIDE_HCPC_1 (1u << 0)  /**< "HCPC-1": act in the best interests of service users */
#define TACT_GUIDE_HCPC_2 (1u << 1)  /**< "HCPC-2": respect the confidentiality of service users */
#define TACT_GUIDE_HCPC_3 (1u << 2)  /**< "HCPC-3": keep high standards of personal conduct */
#define TACT_GUIDE_HCPC_13 (1u << 3) /**< "HCPC-13": honesty and integrity; public confidence */
#define TACT_GUIDE_HCPC_SM (1u << 4) /**< "HCPC-SM": the HCPC guidance on social media */
#define TACT_GUIDE_COUNT 5

/** Flags on a finding. */
#define TACT_FINDING_DRIVES_VERDICT (1u << 0) /**< this finding drove the verdict */
#define TACT_FINDING_PUBLIC_FIGURE (1u << 1)  /**< a public figure or author, not a service user */
#define TACT_FINDING_OWN_DETAILS (1u << 2)    /**< the author's own contact details or kin's age */

/**
 * One finding. All strings are static or owned by the scanner and live until
 * the next scan on that scanner (or its free).
 */
typedef struct tact_finding {
    size_t start;             /**< byte offset of the first byte */
    size_t end;               /**< byte offset one past the last byte */
    tact_category category;
    tact_type type;
    tact_severity severity;
    float confidence;         /**< 0..1 */
    unsigned guidance;        /**< TACT_GUIDE_* bits */
    unsigned flags;           /**< TACT_FINDING_* bits */
    const char *rule;         /**< stable rule id, e.g. "phone.uk_mobile" */
    const char *message;      /**< plain-language explanation */
    const char *suggestion;   /**< what to do, or a placeholder like "[NAME]" */
} tact_finding;

/** The result of one scan. Borrowed from the scanner. */
typedef struct tact_result {
    tact_verdict verdict;
    const char *reason;            /**< one plain sentence: why this verdict */
    size_t count;                  /**< number of findings */
    const tact_finding *findings;  /**< sorted by start, then end */
} tact_result;

/* Names of enum values as used in the JSON contract ("person", "block"...).
 * Each returns a static string; unknown values give "unknown". */
TACT_API const char *tact_category_name(tact_category c);
TACT_API const char *tact_type_name(tact_type t);
TACT_API const char *tact_severity_name(tact_severity s);
TACT_API const char *tact_verdict_name(tact_verdict v);

/**
 * tact_type_from_name - parse a type name ("person"); returns 0 on success
 * and stores the type, or TACT_EINVAL for an unknown name.
 */
TACT_API int tact_type_from_name(const char *name, size_t len, tact_type *out);

/**
 * tact_type_category - the category a type belongs to.
 */
TACT_API tact_category tact_type_category(tact_type t);

/**
 * tact_guidance_id - the short id of one guidance bit ("HCPC-2"), or NULL
 * if `bit` is not exactly one known TACT_GUIDE_* bit.
 * tact_guidance_title - its plain-language title.
 */
TACT_API const char *tact_guidance_id(unsigned bit);
TACT_API const char *tact_guidance_title(unsigned bit);

/* ------------------------------------------------------------------ */
/* Ruleset: compile once                                               */
/* ------------------------------------------------------------------ */

typedef struct tact_ruleset tact_ruleset;

#define TACT_RULESET_OPTIONS_VERSION 1

/**
 * Options for tact_ruleset_compile. Initialise with TACT_RULESET_OPTIONS_INIT
 * and change only what you need.
 *
 * policy/policy_len: the text of a local policy file (see tact(5) in the
 * man page: employer names, allow-list, severity overrides), or NULL.
 */
typedef struct tact_ruleset_options {
    unsigned version;
    const tact_allocator *allocator; /**< NULL: malloc */
    const char *policy;              /**< policy file text, or NULL */
    size_t policy_len;
    unsigned flags;                  /**< reserved, 0 */
} tact_ruleset_options;

#define TACT_RULESET_OPTIONS_INIT {TACT_RULESET_OPTIONS_VERSION, NULL, NULL, 0, 0}

/**
 * tact_ruleset_compile - build the immutable ruleset: lexicons, patterns,
 * the name tagger and the conduct classifier, and the policy.
 *
 * opts: may be NULL for defaults.
 * out:  receives the ruleset; the caller frees it with tact_ruleset_free
 *       after every scanner made from it has been freed.
 * Returns TACT_OK, TACT_ENOMEM, TACT_EPARSE (bad policy; err->offset is the
 * byte offset in the policy text), TACT_EVERSION or TACT_EMODEL.
 * Thread-safe (no shared state); the result may be shared between threads.
 */
TACT_API int tact_ruleset_compile(const tact_ruleset_options *opts, tact_ruleset **out,
                                  tact_error *err);

/** tact_ruleset_free - free a ruleset. NULL is a no-op. */
TACT_API void tact_ruleset_free(tact_ruleset *rs);

/**
 * tact_ruleset_guidance_id, tact_ruleset_guidance_title - the id ("HCPC-2",
 * "SWE-2", "SSSC-2") and title of one TACT_GUIDE_* bit in the guidance
 * framework the ruleset's policy chose (default HCPC). NULL for anything but
 * exactly one known bit. Static strings. rs may be NULL (default framework).
 * tact_ruleset_framework - the framework's short name: "hcpc", "swe", "sssc".
 */
TACT_API const char *tact_ruleset_guidance_id(const tact_ruleset *rs, unsigned bit);
TACT_API const char *tact_ruleset_guidance_title(const tact_ruleset *rs, unsigned bit);
TACT_API const char *tact_ruleset_framework(const tact_ruleset *rs);

/* ------------------------------------------------------------------ */
/* Scanner: scan many                                                  */
/* ------------------------------------------------------------------ */

typedef struct tact_scanner tact_scanner;

/** Flags for tact_scanner_scan. */
#define TACT_SCAN_REPLACE_INVALID (1u << 0) /**< read invalid UTF-8 bytes as U+FFFD */
/** The verdict of the rules alone: no whole-post reading. By default a post
 * the rules send for review is read once more as a whole by a model learned
 * from posts practitioners judged, which may settle it as ok or block, and a
 * block it reads as plainly the author's own life or talk about the work may
 * be softened to review, unless an identifier such as a date of birth, an
 * NHS, NI or case number or an address, or abuse, drove it (the result's
 * reason then says so). It never turns a block into an ok or raises an ok. */
#define TACT_SCAN_RULES_ONLY (1u << 1)

/** Largest text one scan accepts (64 MiB); larger gives TACT_ERANGE. */
#define TACT_MAX_TEXT ((size_t)64 << 20)

/**
 * tact_scanner_new - a scanner over a compiled ruleset.
 *
 * rs:        the ruleset; must outlive the scanner.
 * allocator: NULL to use the ruleset's allocator.
 * out:       receives the scanner; free with tact_scanner_free.
 * Returns TACT_OK, TACT_EINVAL or TACT_ENOMEM. A scanner keeps its scratch
 * memory between scans, so scanning many posts allocates little.
 */
TACT_API int tact_scanner_new(const tact_ruleset *rs, const tact_allocator *allocator,
                              tact_scanner **out, tact_error *err);

/** tact_scanner_free - free a scanner. NULL is a no-op. */
TACT_API void tact_scanner_free(tact_scanner *sc);

/**
 * tact_scanner_scan - screen one post.
 *
 * text/len: the post, UTF-8, need not be NUL-terminated; len 0 is allowed.
 * flags:    TACT_SCAN_* bits.
 * out:      receives a result borrowed from the scanner, valid until the
 *           next call on this scanner or its free. The text must stay alive
 *           as long as the result is used.
 * Returns TACT_OK, TACT_EUTF8 (err->offset: first invalid byte),
 * TACT_ERANGE (longer than TACT_MAX_TEXT), TACT_ENOMEM, TACT_EINVAL.
 * On error *out is set to NULL and the scanner stays usable.
 */
TACT_API int tact_scanner_scan(tact_scanner *sc, const char *text, size_t len,
                               unsigned flags, const tact_result **out, tact_error *err);

/**
 * tact_result_json - the result of the last scan as one line of JSON in the
 * contract of DESIGN.md ({"id":..,"verdict":..,"findings":[..]}), no
 * trailing newline.
 *
 * id/id_len: the post id to include, or NULL to leave "id" out.
 * json/json_len: receive a buffer owned by the scanner, valid until the
 *           next call on it. The buffer is NUL-terminated.
 * Returns TACT_OK, TACT_EINVAL (no successful scan yet) or TACT_ENOMEM.
 */
TACT_API int tact_result_json(tact_scanner *sc, const char *id, size_t id_len,
                              const char **json, size_t *json_len, tact_error *err);

/* ------------------------------------------------------------------ */
/* Safe versions                                                       */
/* ------------------------------------------------------------------ */

/** How tact_redact rewrites identifiers. */
typedef enum tact_redact_mode {
    TACT_REDACT_MASK = 0,         /**< typed placeholders: [NAME 1], [ADDRESS 1] */
    TACT_REDACT_REMOVE = 1,       /**< remove, tidying spaces and punctuation */
    TACT_REDACT_PSEUDONYMISE = 2, /**< consistent realistic surrogates */
    TACT_REDACT_GENERALISE = 3    /**< coarser values: year, age band, town */
} tact_redact_mode;

#define TACT_REDACT_OPTIONS_VERSION 1

/**
 * Options for tact_redact. key/key_len: a secret that makes pseudonyms
 * consistent across documents (NULL: consistent within one document only).
 */
typedef struct tact_redact_options {
    unsigned version;
    tact_redact_mode mode;
    const char *key;
    size_t key_len;
    unsigned flags; /**< TACT_SCAN_* flags for the scan (e.g. TACT_SCAN_REPLACE_INVALID); others give TACT_EINVAL */
} tact_redact_options;

#define TACT_REDACT_OPTIONS_INIT {TACT_REDACT_OPTIONS_VERSION, TACT_REDACT_MASK, NULL, 0, 0}

/** One replacement made by tact_redact, borrowed from the scanner. */
typedef struct tact_replacement {
    size_t start, end;       /**< span in the original text */
    tact_type type;
    const char *replacement; /**< NUL-terminated text written instead */
} tact_replacement;

/**
 * tact_redact - write a safe version of `text` into the caller's buffer.
 *
 * The text is screened with the scanner, every identifier and register
 * finding is rewritten according to opts->mode, and conduct findings are
 * left in place (they need the author's judgement; tact_redact_replacements
 * lists what was changed and the scan result still holds the conduct
 * findings).
 *
 * buf/cap: the output buffer; may be NULL with cap 0 to ask for the size.
 * needed:  receives the number of bytes the safe text needs, excluding a
 *          terminating NUL (which is written when it fits).
 * Returns TACT_OK when the text fitted, TACT_ERANGE when cap was too small
 * (call again with a buffer of *needed + 1 bytes), or a scan error.
 *
 * Example:
 *     size_t need = 0;
 *     tact_redact_options o = TACT_REDACT_OPTIONS_INIT;
 *     tact_redact(sc, text, len, &o, NULL, 0, &need, NULL);
 *     char *out = malloc(need + 1);
 *     tact_redact(sc, text, len, &o, out, need + 1, &need, NULL);
 */
TACT_API int tact_redact(tact_scanner *sc, const char *text, size_t len,
                         const tact_redact_options *opts, char *buf, size_t cap,
                         size_t *needed, tact_error *err);

/**
 * tact_redact_replacements - the replacements made by the last tact_redact
 * on this scanner, borrowed until the next call. *count receives how many.
 */
TACT_API const tact_replacement *tact_redact_replacements(const tact_scanner *sc,
                                                           size_t *count);

/** Flags for tact_redact_json. */
#define TACT_REDACT_JSON_NO_ORIGINALS (1u << 0) /**< leave "original" out of the replacements */

/**
 * tact_redact_json - the last tact_redact on this scanner as one line of
 * JSON, no trailing newline. This is the contract of `tact redact --format
 * json` and of `POST /v1/redact`:
 *
 *     {"mode":"mask",                  mask | redact | pseudonymise | generalise
 *      "text":"Rang [NAME 1] ...",     the safe text
 *      "replacements":[{"start":5,"end":16,"type":"person",
 *                       "original":"Kelly Marsh",   left out with NO_ORIGINALS
 *                       "replacement":"[NAME 1]"}, ...],
 *      "remaining":[{"start":..,"end":..,"text":..,"category":"conduct",...}]}
 *
 * "replacements" is tact_redact_replacements in order: start/end are byte
 * offsets into the original text, and applying them to it gives "text".
 * "remaining" is what still needs the author's attention: the conduct
 * findings of the scan tact_redact made (it never rewrites them), each a
 * finding object exactly as in tact_result_json, but with start/end moved
 * into the safe text (an end inside a replaced span moves to the end of
 * its replacement) and "text" taken from the safe text. Identifiers are
 * all rewritten, so none is listed; public figures are left as written and
 * not listed either. Strings use the escaping of tact_result_json (invalid
 * UTF-8 bytes, possible with TACT_SCAN_REPLACE_INVALID, become U+FFFD).
 *
 * flags:    TACT_REDACT_JSON_* bits; others give TACT_EINVAL.
 * json/json_len: receive a NUL-terminated buffer owned by the scanner,
 *           valid until the next call on it (it shares tact_result_json's
 *           buffer). json_len may be NULL.
 * The text given to tact_redact must still be alive ("original" is read
 * from it). A tact_redact that only asked for the size (buf NULL, cap 0:
 * TACT_ERANGE) has done all the work, so the JSON is available after it.
 * Returns TACT_OK; TACT_EINVAL when sc or json is NULL, or when the
 * scanner's last call was not a tact_redact that rewrote the text (none
 * yet, a tact_scanner_scan since, or a failed redact); TACT_ENOMEM, after
 * which the scanner and its last safe version are unchanged and the call
 * may be repeated. Not thread-safe on one scanner, like every scanner call.
 *
 * Example:
 *     size_t need;
 *     const char *json;
 *     size_t jl;
 *     tact_redact_options o = TACT_REDACT_OPTIONS_INIT;
 *     int rc = tact_redact(sc, text, len, &o, NULL, 0, &need, NULL);
 *     if ((rc == TACT_OK || rc == TACT_ERANGE) &&
 *         tact_redact_json(sc, TACT_REDACT_JSON_NO_ORIGINALS, &json, &jl, NULL) == TACT_OK)
 *         fwrite(json, 1, jl, stdout);
 */
TACT_API int tact_redact_json(tact_scanner *sc, unsigned flags, const char **json,
                              size_t *json_len, tact_error *err);

/**
 * tact_scanner_result - the result of the last scan or redact on this
 * scanner, or NULL when there is none. Borrowed, like tact_scanner_scan's.
 */
TACT_API const tact_result *tact_scanner_result(const tact_scanner *sc);

#ifdef __cplusplus
}
#endif
#endif /* TACT_H */
