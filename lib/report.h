/*
 * report.h: the reports of vk-report, the front door of lib/report/.
 *
 * A report is a kind (struct vk_report_kind): a builder that makes it a
 * JSON object from a store (the database, or a temporary store loaded
 * from a stream of records), and the ways it prints: as a document for
 * people (text, markdown, HTML: doc.h), as JSON, and, when it is a
 * table, as the rows of CSV, TSV or JSON Lines. vk_report_kinds[] lists
 * them; each report's JSON is described in its builder's file
 * (lib/report/weekly.c, coverage.c, grid.c, themes.c, trials.c,
 * timeline.c, barometer.c). Records inside are complete records as the other
 * programs print them.
 *
 * Reports read; they never write the database they report on.
 */
#ifndef VK_REPORT_H
#define VK_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include <jansson.h>
#include "date.h"
#include "doc.h"
#include "format.h"
#include "mail.h"
#include "store.h"
#include "strbuf.h"

/* The group and town of participants without a stakeholder record. */
#define VK_REPORT_UNKNOWN "unknown"

/* The options a report takes beyond --input, -o and --db (vk_report_kind.takes). */
enum vk_report_takes {
	VK_REPORT_TAKES_WEEK = 1 << 0,	/* --week, --ahead, --gap, --title */
	VK_REPORT_TAKES_PERIOD = 1 << 1,	/* --since, --until */
	VK_REPORT_TAKES_GOALS = 1 << 2,	/* --theme, --as-of */
};

/* What a report is built from besides the store: its options, read and checked. */
struct vk_report_params {
	bool stream;		/* the store is a stream of records (--input) */
	/* VK_REPORT_TAKES_WEEK */
	vk_date today;		/* $VK_TODAY or the date */
	vk_date monday;		/* the week reported on */
	int ahead;		/* weeks ahead for milestones due (default 3) */
	int gap;		/* weeks without contact that make a gap (default 4) */
	const char *title;	/* NULL: "Weekly status" */
	/* VK_REPORT_TAKES_PERIOD: YYYY-MM-DD, NULL for no bound */
	const char *since, *until;
	/* VK_REPORT_TAKES_GOALS */
	vk_date as_of;		/* --as-of, else today */
	const char *theme;	/* --theme: that theme alone (NULL: every one) */
};

struct vk_report_kind {
	const char *name;		/* its command: "weekly" */
	const char *summary;		/* one line, for vk-report --help */
	const char *description;	/* a paragraph, for vk-report NAME --help */
	unsigned takes;			/* enum vk_report_takes */
	/* Builds the report (a new object; its "type" is name) from s. */
	json_t *(*build)(struct vk_store *s, const struct vk_report_params *p);
	/* Writes the document's title, and its subtitle (left empty: none). */
	void (*title)(json_t *report, struct strbuf *title, struct strbuf *subtitle);
	/* Writes the document's body (text, markdown and HTML alike). */
	void (*render)(struct vk_doc *d, json_t *report);
	/* The table's columns (NULL: no table; CSV, TSV and JSON Lines are refused). */
	const char *const *columns;
	size_t ncolumns;
	/* The table's rows, flat objects with keys of columns (a new array). */
	json_t *(*rows)(json_t *report, const char *const *columns, size_t ncolumns);
	/*
	 * Where the report counts what a partial stream lacks ("unknown",
	 * "not_judged"; vk-report says them on stderr): the key of an object
	 * of the report, "" for the report itself, NULL when it counts none.
	 */
	const char *partial;
};

/* The kinds of report in the order vk-report lists them, ended by one without a name. */
extern const struct vk_report_kind vk_report_kinds[];

/* The kind called name, or NULL. */
const struct vk_report_kind *vk_report_kind(const char *name);

/* How a report is printed: -o read by vk_report_format(). */
struct vk_report_format {
	enum { VK_REPORT_AS_DOC, VK_REPORT_AS_JSON, VK_REPORT_AS_ROWS, VK_REPORT_AS_MAIL } as;
	enum vk_doc_format doc;	/* VK_REPORT_AS_DOC: text, markdown or HTML */
	enum vk_format rows;	/* VK_REPORT_AS_ROWS: CSV, TSV or JSON Lines */
	bool excel, raw;	/* VK_REPORT_AS_ROWS in CSV: --excel, --raw (writer.h) */
	/*
	 * VK_REPORT_AS_MAIL (email): the message's From, To and Subject
	 * (mail.h; its text and HTML are the report's). The caller fills them
	 * in after vk_report_format(), checked with vk_mail_check(); a NULL
	 * subject is the report's title.
	 */
	struct vk_mail mail;
};

/*
 * Reads the format called name (NULL: text) into *f. Returns 0, or -1
 * when kind k cannot be printed so (CSV, TSV and JSON Lines are for a
 * report that is a table).
 */
int vk_report_format(const struct vk_report_kind *k, const char *name,
		     struct vk_report_format *f);

/*
 * Prints report (built by k) on out in format f. Returns -1 after a
 * write error (rows stop at the first; errno is the failed write's).
 */
int vk_report_print(FILE *out, const struct vk_report_kind *k, json_t *report,
		    const struct vk_report_format *f);

/*
 * Loads a stream of records (JSON Lines or JSON, any mix of the types
 * the programs print, events included) into a fresh temporary store and
 * returns it; the file is removed when the store closes. A record it
 * cannot use is reported as NAME:LINE: problem and exits 65.
 */
struct vk_store *vk_report_load(FILE *in, const char *name);

#endif
