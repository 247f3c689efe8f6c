/*
 * chart_text.h: charts drawn with characters in 80 columns, for the
 * plain-text documents of doc.c (a mail read in a terminal).
 */
#ifndef VK_CHART_TEXT_H
#define VK_CHART_TEXT_H

#include <stdio.h>
#include <jansson.h>

/*
 * Draws chart kind ("bars" or "timeline", with data as vk_doc_chart() in
 * doc.h describes it) on out. data is borrowed. Other kinds draw nothing.
 */
void vk_text_chart(FILE *out, const char *kind, json_t *data);

#endif
