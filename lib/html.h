/*
 * html.h: text inside HTML and SVG (doc.c's documents, svg.c's charts):
 * the characters that would read as markup, escaped.
 */
#ifndef VK_HTML_H
#define VK_HTML_H

#include <stdio.h>

/* Writes text to out with & < > " and ' escaped as entities (in text and in attributes). */
void vk_html_escape(FILE *out, const char *text);

#endif
