/*
 * profile_map: a profile applied to one input file: its header resolved
 * (each canonical column's terms to field indexes, drop rules, join key,
 * need id), and each record evaluated onto the canonical columns before
 * value maps, splitting and date conversion (profile_emit.c does those).
 */
#ifndef NEEDSTAT_PROFILE_MAP_H
#define NEEDSTAT_PROFILE_MAP_H

#include "core/csvin.h"
#include "profile.h"
#include "profile_report.h"
#include "profile_xform.h"

/* Where values came from: for messages and the rejects file. */
struct porigin {
	const char *file;
	uint64_t line;
	const struct csvin_record *rec;  /* the record, or NULL and ... */
	const char *text;                /* ... its CSV text */
	size_t text_len;
};

/* A record on the canonical columns (NULL: column not given). */
struct prow {
	const char *v[CC_N];
	size_t len[CC_N];
	int count_refs;          /* referrals = the agencies in referred_to */
};

struct pres {
	int on;                  /* 1: the column is given by this file */
	size_t nt;
	int *idx;                /* field index of each term, -1 for texts */
};

struct pfile {
	const struct profile *p;
	int side;                /* -1 one file; PSIDE_CONTACTS / PSIDE_NEEDS */
	size_t ncols;
	struct pres col[CC_N];
	int *drop_idx;           /* per drop rule: field index or -1 */
	int key_idx, nid_idx;    /* join key / need id field, or -1 */
	char *buf[CC_N];         /* joined values */
	size_t cap[CC_N];
	struct pxbuf xb[CC_N];   /* rewritten values (trim, case, ...) */
	const char *fname;       /* the file's base name (for @row) */
};

/* Called with a warning about the file (a mapped column it lacks). */
typedef void (*pfile_warn_fn)(void *ctx, const char *msg);

/* pfile_new: mapping state for profile p (which must outlive it). */
int pfile_new(const struct profile *p, struct pfile **out);

/* pfile_free: free pf (NULL is fine). */
void pfile_free(struct pfile *pf);

/*
 * pfile_guess_side: for a two-file profile, which file hdr is the header
 * of: PSIDE_NEEDS when it holds more of the need columns' headers than of
 * the contact columns' headers, else PSIDE_CONTACTS.
 */
int pfile_guess_side(const struct profile *p, const struct csvin_record *hdr);

/*
 * pfile_header: resolve the header record hdr of file fname as side (-1
 * for a one-file profile).  A required column that the file lacks is an
 * error (NS_EDATA, naming the file, the column and the profile line); a
 * mapped optional column it lacks is a warning (the column stays
 * unknown).  The resolved mapping and the ignored columns are described
 * in rep (may be NULL).  Returns 0, NS_EDATA or NS_ENOMEM.
 */
int pfile_header(struct pfile *pf, int side, const struct csvin_record *hdr,
		 const char *fname, struct profile_report *rep,
		 pfile_warn_fn warn, void *ctx, struct nserr *err);

/*
 * pfile_eval: the values of record r on the canonical columns this file
 * gives (others NULL).  Values point into r, into the profile, or into
 * pf's buffers: valid until the next call.  Returns 0 or NS_ENOMEM.
 */
int pfile_eval(struct pfile *pf, const struct csvin_record *r,
	       struct prow *out);

/*
 * pfile_drop: 1 when a drop rule matches r (label[size] gets "Header =
 * value"), else 0.  A record whose fields are all blank is dropped as
 * "blank row" when the profile says drop_blank_rows.
 */
int pfile_drop(const struct pfile *pf, const struct csvin_record *r,
	       char *label, size_t size);

/*
 * pfile_describe: say in rep (may be NULL) how canonical column c of
 * profile p is read: expression e with its options, or, when missing is
 * not NULL, that the file lacks that column.
 */
void pfile_describe(struct profile_report *rep, const struct profile *p,
		    int c, const struct pexpr *e, const char *missing);

/* pfile_list_columns: say in rep (may be NULL) every column of header
 * hdr with its position ("#7 (no header)" for a blank one). */
void pfile_list_columns(struct profile_report *rep,
			const struct csvin_record *hdr);

/* pfile_field: field i of r trimmed of blanks (i < 0: ""). */
const char *pfile_field(const struct csvin_record *r, int i, size_t *len);

#endif
