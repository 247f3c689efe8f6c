/*
 * svg.h: the charts of HTML documents, drawn as inline SVG (svg.c says
 * how): what doc.c draws for vk_doc_chart() in HTML.
 */
#ifndef VK_SVG_H
#define VK_SVG_H

#include <stdio.h>
#include <jansson.h>

/*
 * Writes chart kind ("bars", "heatmap", "grid", "timeline" or "goal", with data
 * as vk_doc_chart() in doc.h describes it) to out as a <figure> holding
 * an <svg>, captioned caption. data is borrowed. A kind it does not know
 * writes nothing.
 */
void vk_svg_chart(FILE *out, const char *kind, const char *caption, json_t *data);

#endif
