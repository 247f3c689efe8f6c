/*
 * doc.h: documents for people: the reports of vk-report, written once as
 * headings, paragraphs, lists, tables and charts, and printed as plain
 * text (80 columns, for mail), markdown, or one self-contained HTML file
 * (charts as inline SVG, no outside assets, readable printed on A4).
 */
#ifndef VK_DOC_H
#define VK_DOC_H

#include <stdio.h>
#include <jansson.h>

enum vk_doc_format { VK_DOC_TEXT, VK_DOC_MARKDOWN, VK_DOC_HTML };

/* Returns the format called name (text, markdown, html), or -1. */
int vk_doc_format_from_name(const char *name);

struct vk_doc;

/* Starts a document titled title on out (the caller keeps out). */
struct vk_doc *vk_doc_open(FILE *out, enum vk_doc_format format, const char *title,
			   const char *subtitle);

/* A section heading; level 1 or 2. */
void vk_doc_heading(struct vk_doc *d, int level, const char *text);

/* A paragraph (wrapped to 80 columns as text). */
void vk_doc_para(struct vk_doc *d, const char *text);

/*
 * An item of a list; consecutive items make one list. mark is what text
 * shows before it ("!" for what needs attention); HTML gives the item the
 * class "mark-" plus a word for it.
 */
void vk_doc_item(struct vk_doc *d, const char *mark, const char *cls, const char *text);

/*
 * A table: headers[0..ncols), rows an array of arrays (strings, numbers
 * or null). Columns whose cells are all numbers align right. An empty
 * table prints `empty` as a paragraph instead (when not NULL).
 */
void vk_doc_table(struct vk_doc *d, const char *const *headers, size_t ncols, json_t *rows,
		  const char *empty);

/*
 * A chart: kind is "bars" (data: [[label, n], ...]), "heatmap" (data:
 * {"rows": [...], "cols": [...], "cells": [[n...]...]}), "grid" (data: the
 * grid report), "timeline" (data: the timeline report), or "goal" (data:
 * a goal of the barometer report, lib/report/barometer.c). HTML draws it
 * as inline SVG (svg.h), text draws "bars" and "timeline" with characters
 * (chart_text.h); markdown leaves charts out (the tables carry the figures).
 */
void vk_doc_chart(struct vk_doc *d, const char *kind, const char *caption, json_t *data);

/* Ends the document and frees d. Returns -1 after a write error. */
int vk_doc_close(struct vk_doc *d);

#endif
