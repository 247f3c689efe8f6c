/* rows.c: the rows of the reports that are tables, for CSV, TSV and JSON Lines (report-internal.h) */
#include "report-internal.h"

json_t *report_rows_listed(json_t *r, const char *const *columns, size_t ncolumns)
{
	json_t *rows = json_array();

	(void)columns;
	(void)ncolumns;
	json_array_extend(rows, json_object_get(r, "rows"));
	return rows;
}

json_t *report_grid_rows(json_t *r, const char *const *columns, size_t ncolumns)
{
	json_t *rows = json_array();
	size_t i, k;
	json_t *q, *y;

	json_array_foreach(json_object_get(r, "quadrants"), i, q)
		json_array_foreach(json_object_get(q, "stakeholders"), k, y) {
			json_t *row = json_pack("{s:O}", "quadrant", json_object_get(q, "quadrant"));
			for (size_t c = 1; c < ncolumns; c++)
				json_object_set(row, columns[c], json_object_get(y, columns[c]));
			json_array_append_new(rows, row);
		}
	return rows;
}

json_t *report_themes_rows(json_t *r, const char *const *columns, size_t ncolumns)
{
	json_t *rows = json_array();
	size_t i, k;
	json_t *x, *y;

	(void)columns;
	(void)ncolumns;
	json_array_foreach(json_object_get(r, "themes"), i, x) {
		json_t *texts = json_array();
		json_array_foreach(json_object_get(x, "quotes"), k, y)
			json_array_append(texts, json_object_get(y, "text"));
		json_array_append_new(rows, json_pack("{s:O,s:O,s:O,s:O,s:o}", "theme",
			json_object_get(x, "theme"), "inputs", json_object_get(x, "inputs"),
			"trials", json_object_get(x, "trials"), "engagements",
			json_object_get(x, "engagements"), "quotes", texts));
	}
	return rows;
}
