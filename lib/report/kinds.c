/*
 * kinds.c: the kinds of report, one entry each: its command, what it
 * takes, its builder, its title and document, its table. Adding a
 * report is an entry here and the functions it names (README.md,
 * "Adding a report").
 */
#include <string.h>
#include "report-internal.h"

/* The columns of a table, and how many there are. */
#define COLUMNS(...)								\
	.columns = (const char *const[]){ __VA_ARGS__ },			\
	.ncolumns = sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *)

const struct vk_report_kind vk_report_kinds[] = {
	{
		.name = "weekly",
		.summary = "the steering group's weekly status",
		.description = "The steering group's weekly status: what needs attention first, "
			"then milestones, trials and engagement for the ISO week.",
		.takes = VK_REPORT_TAKES_WEEK,
		.build = report_weekly,
		.title = report_weekly_title,
		.render = report_weekly_render,
		.partial = "engagement",
	},
	{
		.name = "coverage",
		.summary = "engagement by group and town",
		.description = "Engagement by group and town: named participants (each once) and "
			"headcounts, apart and together.",
		.takes = VK_REPORT_TAKES_PERIOD,
		.build = report_coverage,
		.title = report_coverage_title,
		.render = report_coverage_render,
		COLUMNS("group", "town", "named", "headcount", "total"),
		.rows = report_rows_listed,
		.partial = "",
	},
	{
		.name = "grid",
		.summary = "stakeholders by power and interest",
		.description = "Stakeholders in the power/interest grid: manage closely, keep "
			"satisfied, keep informed, monitor.",
		.build = report_grid,
		.title = report_grid_title,
		.render = report_grid_render,
		COLUMNS("quadrant", "id", "name", "group", "town", "influence", "interest"),
		.rows = report_grid_rows,
	},
	{
		.name = "themes",
		.summary = "inputs and trials by theme, with quotes",
		.description = "Inputs and trials by theme, with up to three quotes and their "
			"attribution.",
		.build = report_themes,
		.title = report_themes_title,
		.render = report_themes_render,
		COLUMNS("theme", "inputs", "trials", "engagements", "quotes"),
		.rows = report_themes_rows,
	},
	{
		.name = "trials",
		.summary = "the trial portfolio by round, status and department",
		.description = "The trial portfolio by round, status and department, with counts.",
		.build = report_trials,
		.title = report_trials_title,
		.render = report_trials_render,
		COLUMNS("round", "status", "department", "count"),
		.rows = report_rows_listed,
	},
	{
		.name = "timeline",
		.summary = "milestones and trials on a time axis",
		.description = "Milestones and trials on a time axis (text draws it with characters, "
			"HTML as an SVG Gantt chart).",
		.build = report_timeline,
		.title = report_timeline_title,
		.render = report_timeline_render,
		COLUMNS("kind", "id", "title", "start", "end", "status"),
		.rows = report_rows_listed,
	},
	{
		.name = "barometer",
		.summary = "where each goal stands, theme by theme",
		.description = "The goals theme by theme: baseline, measurements (with the 95% margin "
			"of a survey percentage), latest, target, progress and status, and the trials "
			"serving each goal.",
		.takes = VK_REPORT_TAKES_GOALS,
		.build = report_barometer,
		.title = report_barometer_title,
		.render = report_barometer_render,
		COLUMNS("theme", "id", "title", "indicator", "unit", "direction", "baseline",
			"baseline_date", "target", "target_date", "latest", "latest_date", "margin",
			"progress", "expected", "status", "measurements", "trials"),
		.rows = report_barometer_rows,
	},
	{ .name = NULL }
};

const struct vk_report_kind *vk_report_kind(const char *name)
{
	for (const struct vk_report_kind *k = vk_report_kinds; k->name; k++)
		if (!strcmp(k->name, name))
			return k;
	return NULL;
}
