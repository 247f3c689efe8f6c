/*
 * render.h: the reports of report.h for people (text, markdown, HTML,
 * through doc.h) and for programs (the rows of a tabular report, for
 * CSV, TSV, JSON Lines).
 */
#ifndef VK_RENDER_H
#define VK_RENDER_H

#include <stdio.h>
#include <jansson.h>
#include "doc.h"

/* Prints report (any type of report.h) as a document. Returns -1 after a write error. */
int vk_render(FILE *out, json_t *report, enum vk_doc_format format);

/*
 * The rows of a tabular report (coverage, grid, themes, trials,
 * timeline) as an array of flat objects, and their column names
 * (static). Returns NULL for the weekly status, which is no table.
 */
json_t *vk_report_rows(json_t *report, const char *const **columns, size_t *ncolumns);

#endif
