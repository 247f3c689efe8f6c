/*
 * report.h: the reports of vk-report, built as JSON objects from a store
 * (the database, or a temporary store loaded from a stream of records),
 * then rendered as text, markdown, HTML or JSON (render.h).
 *
 * Reports read; they never write the database they report on.
 *
 * The weekly status, for ISO week `week` (from Monday to Sunday):
 *
 *   { "type": "weekly", "title", "week": "2020-W26", "from", "to",
 *     "today": the day "late" is counted from (today when it falls in the
 *              week, else the week's Sunday),
 *     "ahead": N, "gap": N,
 *     "attention": [ { "kind": "overdue milestone" | "late trial" |
 *                      "waiting proposal" | "moved milestone" |
 *                      "group not reached" | "town not reached",
 *                      "text": one line for a person,
 *                      "days": how late (or weeks not reached, as "weeks"),
 *                      "record": the milestone or trial, when there is one } ],
 *     "milestones": { "done": [milestone...], "due": [milestone...],
 *                     "overdue": [milestone...],
 *                     "moved": [ { "milestone": {...}, "from", "to",
 *                                  "slip": days, "reason", "date" } ] },
 *     "trials": { "by_status": { status: n, ... } (every status),
 *                 "moves": [ { "trial": {...}, "from", "to", "date", "reason" } ],
 *                 "late": [trial...], "waiting": [trial...],
 *                 "learnings": [learning...] },
 *     "engagement": { "activities": [engagement...],
 *                     "reached": [ { "group", "town", "named", "headcount", "total" } ],
 *                     "total": { "named", "headcount", "total" },
 *                     "unknown": participants without a stakeholder record,
 *                     "gaps": { "groups": [ { "group", "last" } ],
 *                               "towns": [ { "town", "last" } ] } or null,
 *                     "not_judged": why gaps is null (only then) } }
 *
 * Records inside are complete records as the other programs print them.
 * Named participants whose stakeholder record the store does not hold (a
 * partial stream) are counted in "reached" under group and town
 * VK_REPORT_UNKNOWN. Over a stream (options.stream) without stakeholders
 * or without engagements, who was not reached cannot be judged: gaps is
 * null, "not_judged" says why, and attention has no gap lines.
 */
#ifndef VK_REPORT_H
#define VK_REPORT_H

#include <jansson.h>
#include "date.h"
#include "store.h"

struct vk_weekly_options {
	vk_date monday;		/* the week reported on */
	vk_date today;		/* $VK_TODAY or the date */
	int ahead;		/* weeks ahead for milestones due (default 3) */
	int gap;		/* weeks without contact that make a gap (default 4) */
	const char *title;	/* NULL: "Weekly status" */
	bool stream;		/* the store is a stream of records (--input) */
};

/* The group and town of participants without a stakeholder record. */
#define VK_REPORT_UNKNOWN "unknown"

json_t *vk_report_weekly(struct vk_store *s, const struct vk_weekly_options *o);

/*
 * coverage: engagement by group x town over [since, until] (NULL: no bound).
 *   { "type": "coverage", "since", "until", "groups": [...], "towns": [...],
 *     "rows": [ { "group", "town", "named", "headcount", "total" } ],
 *     "total": { "named", "headcount", "total" },
 *     "unknown": participants without a stakeholder record }
 * The unknown participants are a last row of group and town
 * VK_REPORT_UNKNOWN, which then also ends groups and towns.
 */
json_t *vk_report_coverage(struct vk_store *s, const char *since, const char *until);

/*
 * grid: the power/interest grid.
 *   { "type": "grid", "quadrants": [ { "quadrant": "manage closely" |
 *     "keep satisfied" | "keep informed" | "monitor", "influence", "interest",
 *     "count", "stakeholders": [stakeholder...] } ], "unplaced": n }
 * A stakeholder without influence or interest is left out (counted in unplaced).
 */
json_t *vk_report_grid(struct vk_store *s);

/*
 * themes: inputs and trials by theme.
 *   { "type": "themes", "themes": [ { "theme", "inputs", "trials",
 *     "engagements", "quotes": [ { "text", "source", "engagement" } ] (up to 3) } ] }
 */
json_t *vk_report_themes(struct vk_store *s);

/*
 * trials: the portfolio.
 *   { "type": "trials", "total", "by_status": { status: n },
 *     "rows": [ { "round", "status", "department", "count" } ],
 *     "by_round": [ { "round", "count", "by_status": {...} } ],
 *     "by_department": [ { "department", "count", "by_status": {...} } ] }
 */
json_t *vk_report_trials(struct vk_store *s);

/*
 * timeline: milestones and trials on a time axis.
 *   { "type": "timeline", "from", "to", "today",
 *     "rows": [ { "kind": "milestone" | "trial", "id", "title", "start",
 *                 "end", "status", "baseline" (milestones), "round" (trials) } ] }
 * Rows without dates are left out.
 */
json_t *vk_report_timeline(struct vk_store *s, vk_date today);

/*
 * Loads a stream of records (JSON Lines or JSON, any mix of the types
 * the programs print, events included) into a fresh temporary store and
 * returns it; the file is removed when the store closes. A record it
 * cannot use is reported as NAME:LINE: problem and exits 65.
 */
struct vk_store *vk_report_load(FILE *in, const char *name);

#endif
